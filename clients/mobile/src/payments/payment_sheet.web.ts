/** The web build has no native PaymentSheet: Stripe mode is for the phone (see ./payment_sheet.ts). */
export const stripePublishableKey: string | undefined = undefined;

export function payWithSheet(_clientSecret: string): Promise<string> {
  return Promise.resolve("PaymentSheet is not available on the web");
}
