/**
 * Stripe mode: the PaymentSheet of @stripe/stripe-react-native (0.64, the version Expo SDK 56
 * pins; included in Expo Go). Used when `EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY` is set, i.e. the
 * platform runs with real Stripe keys; the offline provider takes the test cards instead.
 */
import type * as StripeSdk from "@stripe/stripe-react-native";

export const stripePublishableKey = process.env.EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY;

/** Shows the sheet for a PaymentIntent; "paid", "canceled" or the error's message. */
export async function payWithSheet(clientSecret: string): Promise<"paid" | "canceled" | string> {
  if (!stripePublishableKey) return "Stripe is not configured";
  // Loaded only in Stripe mode: its native module is absent where Stripe is not used (tests).
  const { initStripe, initPaymentSheet, presentPaymentSheet } = require(
    "@stripe/stripe-react-native",
  ) as typeof StripeSdk;
  await initStripe({ publishableKey: stripePublishableKey, merchantIdentifier: "merchant.fitconnect" });
  const init = await initPaymentSheet({ paymentIntentClientSecret: clientSecret, merchantDisplayName: "FitConnect" });
  if (init.error) return init.error.message;
  const result = await presentPaymentSheet();
  if (!result.error) return "paid";
  return result.error.code === "Canceled" ? "canceled" : result.error.message;
}
