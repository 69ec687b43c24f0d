/** Buying a membership: checkout, then the test cards (offline provider) or Stripe's PaymentSheet. */
import { randomUUID } from "expo-crypto";
import { useState } from "react";
import { View } from "react-native";
import { graphql } from "../api/client";
import {
  MobileCheckoutDocument,
  MobileConfirmPaymentDocument,
  MobileShopDocument,
} from "../graphql/operations.generated";
import { format, t } from "../i18n";
import { payWithSheet, stripePublishableKey } from "../payments/payment_sheet";
import { Body, Button, Heading, Notice, Screen, styles } from "../ui/kit";
import { useQuery } from "../ui/use_query";

const testCards = [
  { method: "pm_card_visa", label: "shop.card.visa" },
  { method: "pm_card_chargeDeclined", label: "shop.card.declined" },
] as const;

export function ShopScreen() {
  const { data, error, reload } = useQuery(MobileShopDocument);
  const [planId, setPlanId] = useState<string>();
  const [card, setCard] = useState<string>(testCards[0].method);
  const [result, setResult] = useState<{ text: string; tone: "info" | "error" }>();
  const [busy, setBusy] = useState(false);
  const plan = data?.plans.items.find((candidate) => candidate.id === planId);

  async function buy() {
    if (!plan) return;
    setBusy(true);
    setResult(undefined);
    const amount = format.money(plan.priceCents, plan.currency);
    try {
      const { checkout } = await graphql.request(MobileCheckoutDocument, { input: { idempotencyKey: randomUUID(), planId: plan.id } });
      let status = checkout.status;
      let reason = checkout.failureReason ?? "";
      if (stripePublishableKey) {
        const outcome = await payWithSheet(checkout.clientSecret);
        status = outcome === "paid" ? "processing" : "failed";
        reason = outcome;
      } else if (status === "requires_confirmation") {
        const { confirmPayment } = await graphql.request(MobileConfirmPaymentDocument, { input: { id: checkout.id, paymentMethod: card } });
        status = confirmPayment.status;
        reason = confirmPayment.failureReason ?? "";
      }
      if (status === "succeeded") setResult({ tone: "info", text: t("payment.succeeded", { amount }) });
      else if (status === "failed") setResult({ tone: "error", text: t("payment.failed", { amount, reason }) });
      else setResult({ tone: "info", text: t("payment.processing", { amount }) });
      reload();
    } catch (failure) {
      setResult({ tone: "error", text: (failure as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const membership = data?.membership;
  return (
    <Screen title={t("shop.title")}>
      {error && <Notice tone="error">{t("app.networkError")}</Notice>}
      {membership && (
        <Body>
          {membership.active
            ? t("shop.membershipActive", {
              plan: data?.plans.items.find((candidate) => candidate.id === membership.planId)?.name ?? "",
              end: membership.currentPeriodEnd ? format.date(membership.currentPeriodEnd) : "",
            })
            : t("shop.membershipNone")}
        </Body>
      )}
      <Heading>{t("shop.plans")}</Heading>
      {data?.plans.items.map((option) => (
        <Button
          key={option.id}
          kind={option.id === planId ? "primary" : "plain"}
          title={t("shop.planOption", {
            name: option.name,
            price: format.money(option.priceCents, option.currency),
            interval: t(option.interval === "year" ? "shop.perYear" : "shop.perMonth"),
          })}
          onPress={() => setPlanId(option.id)}
        />
      ))}
      {!stripePublishableKey && (
        <View style={styles.card}>
          <Heading>{t("shop.card")}</Heading>
          {testCards.map((option) => (
            <Button key={option.method} kind={option.method === card ? "primary" : "plain"} title={t(option.label)} onPress={() => setCard(option.method)} />
          ))}
        </View>
      )}
      {result && <Notice tone={result.tone}>{result.text}</Notice>}
      <Button title={busy ? t("shop.paying") : t("shop.pay")} disabled={!plan || busy} onPress={() => void buy()} />
    </Screen>
  );
}
