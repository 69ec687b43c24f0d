/**
 * The cart, the card (the offline provider's test cards) and the payment's status until final.
 * The Pay button is disabled while a payment runs, and the cart's key makes any repeat of the
 * same checkout return the same payment: a double click never pays twice.
 *
 * @module
 */
import { useRef, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { useProblem } from "../../api/use_problem.ts";
import { FormAlert } from "../../components/Field.tsx";
import type { ShopQuery } from "../../graphql/operations.generated.ts";
import { type Cart, isEmpty, setQuantity } from "./cart.ts";
import { pay, type ShopPayment, untilFinal } from "./checkout.ts";

const cards = [
  { id: "pm_card_visa", label: "shop.card.visa" },
  { id: "pm_card_chargeDeclined", label: "shop.card.declined" },
] as const;

type Product = ShopQuery["inventoryItems"]["items"][number];
type Plan = ShopQuery["plans"]["items"][number];

/** The cart panel; `onFinal` runs when a payment ends (to refresh stock and membership). */
export function CartPanel(
  { cart, setCart, products, plans, onFinal }: {
    cart: Cart;
    setCart(cart: Cart): void;
    products: readonly Product[];
    plans: readonly Plan[];
    onFinal(payment: ShopPayment): void;
  },
) {
  const { t, money } = useI18n();
  const [card, setCard] = useState<string>(cards[0].id);
  const [payment, setPayment] = useState<ShopPayment | null>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const problem = useProblem(["/items", "/planId"]);
  const lines = Object.entries(cart.lines).map(([sku, quantity]) => ({
    sku,
    quantity,
    product: products.find((item) => item.sku === sku),
  }));
  const plan = plans.find((item) => item.id === cart.planId);
  const currency = plan?.currency ?? lines[0]?.product?.currency ?? "EUR";
  const total =
    lines.reduce((sum, line) => sum + (line.product?.priceCents ?? 0) * line.quantity, 0) +
    (plan?.priceCents ?? 0);

  async function checkout() {
    if (running.current) return; // A second click while the first runs does nothing.
    running.current = true;
    setBusy(true);
    problem.clear();
    try {
      const started = await pay(cart, card);
      setPayment(started);
      const final = await untilFinal(started, setPayment);
      onFinal(final);
    } catch (error) {
      problem.capture(error);
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  return (
    <section className="cart" aria-labelledby="cart-title">
      <h2 id="cart-title">{t("shop.cart")}</h2>
      {isEmpty(cart) && <p>{t("shop.cartEmpty")}</p>}
      <ul className="list">
        {lines.map((line) => (
          <li key={line.sku}>
            <span>{line.product?.name ?? line.sku} × {line.quantity}</span>{" "}
            <button
              type="button"
              className="secondary"
              onClick={() => setCart(setQuantity(cart, line.sku, 0))}
              aria-label={t("shop.removeNamed", { name: line.product?.name ?? line.sku })}
            >
              {t("shop.remove")}
            </button>
          </li>
        ))}
        {plan && <li>{t("shop.membershipLine", { name: plan.name })}</li>}
      </ul>
      {!isEmpty(cart) && (
        <p>
          <strong>{t("shop.total", { total: money(total, currency) })}</strong>
        </p>
      )}
      <fieldset>
        <legend>{t("shop.card")}</legend>
        {cards.map((option) => (
          <label className="checkbox" key={option.id}>
            <input
              type="radio"
              name="card"
              value={option.id}
              checked={card === option.id}
              onChange={() => setCard(option.id)}
            />
            {t(option.label)}
          </label>
        ))}
      </fieldset>
      <FormAlert messages={problem.errors.form} />
      {problem.field("/items") && (
        <p className="field-error" role="alert">{problem.field("/items")}</p>
      )}
      <button type="button" onClick={checkout} disabled={busy || isEmpty(cart)}>
        {busy ? t("shop.paying") : t("shop.pay")}
      </button>
      <div role="status" aria-live="polite" className="payment-status">
        {payment && (
          <p className={payment.status === "failed" ? "field-error" : undefined}>
            {t(
              `payment.${
                payment.status === "succeeded" || payment.status === "failed" ||
                  payment.status === "refunded"
                  ? payment.status
                  : "processing"
              }`,
              {
                amount: money(payment.amountCents, payment.currency),
                reason: payment.failureReason ?? "",
              },
            )}
          </p>
        )}
      </div>
    </section>
  );
}
