/**
 * `/shop`: products with their stock, membership plans and the member's membership, the cart
 * and checkout, and the payment history.
 *
 * @module
 */
import { useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { Link } from "../../app/router.tsx";
import { useSession } from "../../api/session.ts";
import { useQuery } from "../../api/use_query.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../../components/Feedback.tsx";
import { ShopDocument } from "../../graphql/operations.generated.ts";
import { choosePlan, emptyCart, setQuantity } from "./cart.ts";
import { CartPanel } from "./CartPanel.tsx";
import { PaymentHistory } from "./PaymentHistory.tsx";

/** `/shop` */
export function ShopScreen() {
  const { t, money, number, date } = useI18n();
  const session = useSession();
  const shop = useQuery(ShopDocument, {}, { skip: !session });
  const [cart, setCart] = useState(emptyCart);
  const [paid, setPaid] = useState(0);
  if (!session) {
    return (
      <section>
        <ScreenTitle>{t("shop.title")}</ScreenTitle>
        <p>
          <Link to="/login?next=/shop">{t("app.signInRequired")}</Link>
        </p>
      </section>
    );
  }
  const products = shop.data?.inventoryItems.items ?? [];
  const plans = shop.data?.plans.items ?? [];
  const membership = shop.data?.membership;
  return (
    <section>
      <ScreenTitle>{t("shop.title")}</ScreenTitle>
      {shop.loading && !shop.data && <Loading />}
      {shop.error && <ErrorRetry onRetry={shop.retry} />}
      {membership && (
        <p className="notice" role="status">
          {membership.active
            ? t("shop.membershipActive", {
              plan: membership.planId ?? "",
              end: membership.currentPeriodEnd ? date(membership.currentPeriodEnd) : "—",
            })
            : t("shop.membershipNone")}
        </p>
      )}
      <div className="shop-layout">
        <div>
          <section aria-labelledby="plans-title">
            <h2 id="plans-title">{t("shop.plans")}</h2>
            <fieldset>
              <legend className="visually-hidden">{t("shop.plans")}</legend>
              {[null, ...plans].map((plan) => (
                <label className="checkbox" key={plan?.id ?? "none"}>
                  <input
                    type="radio"
                    name="plan"
                    checked={cart.planId === (plan?.id ?? null)}
                    onChange={() => setCart(choosePlan(cart, plan?.id ?? null))}
                  />
                  {plan
                    ? t("shop.planOption", {
                      name: plan.name,
                      price: money(plan.priceCents, plan.currency),
                      interval: t(plan.interval === "year" ? "shop.perYear" : "shop.perMonth"),
                    })
                    : t("shop.noPlan")}
                </label>
              ))}
            </fieldset>
          </section>
          <section aria-labelledby="products-title">
            <h2 id="products-title">{t("shop.products")}</h2>
            <ul className="cards">
              {products.map((product) => (
                <li className="card" key={product.sku}>
                  <h3>{product.name}</h3>
                  <p>{money(product.priceCents, product.currency)}</p>
                  <p className="meta">
                    {product.available > 0
                      ? t("shop.inStock", { count: product.available })
                      : t("shop.soldOut")}
                  </p>
                  <button
                    type="button"
                    disabled={product.available <= (cart.lines[product.sku] ?? 0)}
                    onClick={() =>
                      setCart(setQuantity(cart, product.sku, (cart.lines[product.sku] ?? 0) + 1))}
                    aria-label={t("shop.addNamed", { name: product.name })}
                  >
                    {t("shop.add")}
                  </button>
                  {cart.lines[product.sku] && (
                    <span className="meta">
                      {" "}
                      {t("shop.inCart", { count: number(cart.lines[product.sku]) })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div>
          <CartPanel
            cart={cart}
            setCart={setCart}
            products={products}
            plans={plans}
            onFinal={(payment) => {
              if (payment.status === "succeeded") setCart(emptyCart());
              shop.retry();
              setPaid((n) => n + 1);
            }}
          />
          <PaymentHistory key={paid} />
        </div>
      </div>
    </section>
  );
}
