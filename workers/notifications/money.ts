/**
 * Amounts as members read them: minor units and an ISO 4217 code become
 * `€29.00`, `$5.50` or `¥500`, with as many decimals as the currency has.
 *
 * @module
 */

const formats = new Map<string, Intl.NumberFormat | null>();

function formatOf(currency: string): Intl.NumberFormat | null {
  if (!formats.has(currency)) {
    try {
      formats.set(currency, new Intl.NumberFormat("en", { style: "currency", currency }));
    } catch {
      // Not a code this runtime knows: shown plainly rather than failing a delivery.
      formats.set(currency, null);
    }
  }
  return formats.get(currency) ?? null;
}

/** `amountCents` minor units of `currency`, formatted for display. */
export function formatMoney(amountCents: number, currency: string): string {
  const format = formatOf(currency);
  if (!format) return `${(amountCents / 100).toFixed(2)} ${currency}`;
  // Minor units per currency: 2 for EUR and USD, 0 for JPY, 3 for KWD.
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountCents / 10 ** digits);
}
