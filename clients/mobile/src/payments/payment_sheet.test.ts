/**
 * Stripe mode's PaymentSheet (native: no simulator here): what the app asks of
 * @stripe/stripe-react-native for a checkout's PaymentIntent, and how the sheet's outcome is read.
 */
const mockStripe = {
  initStripe: jest.fn(() => Promise.resolve()),
  initPaymentSheet: jest.fn((_params: unknown): Promise<{ error?: { message: string } }> => Promise.resolve({})),
  presentPaymentSheet: jest.fn((): Promise<{ error?: { code: string; message: string } }> => Promise.resolve({})),
};
jest.mock("@stripe/stripe-react-native", () => mockStripe);

function sheetWithKey(key: string | undefined): typeof import("./payment_sheet") {
  const saved = process.env.EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  if (key === undefined) delete process.env.EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  else process.env.EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY = key;
  try {
    let sheet: typeof import("./payment_sheet") | undefined;
    jest.isolateModules(() => (sheet = require("./payment_sheet")));
    return sheet!;
  } finally {
    if (saved === undefined) delete process.env.EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY;
    else process.env.EXPO_PUBLIC_STRIPE_PUBLISHABLE_KEY = saved;
  }
}

beforeEach(() => jest.clearAllMocks());

test("with a publishable key: the sheet confirms the checkout's PaymentIntent", async () => {
  const sheet = sheetWithKey("pk_test_123");
  expect(sheet.stripePublishableKey).toBe("pk_test_123");
  expect(await sheet.payWithSheet("pi_1_secret_2")).toBe("paid");
  expect(mockStripe.initStripe).toHaveBeenCalledWith(expect.objectContaining({ publishableKey: "pk_test_123" }));
  expect(mockStripe.initPaymentSheet).toHaveBeenCalledWith(
    expect.objectContaining({ paymentIntentClientSecret: "pi_1_secret_2", merchantDisplayName: "FitConnect" }),
  );
  expect(mockStripe.presentPaymentSheet).toHaveBeenCalledTimes(1);
});

test("a closed sheet is canceled; a refusal says why", async () => {
  const sheet = sheetWithKey("pk_test_123");
  mockStripe.presentPaymentSheet.mockResolvedValueOnce({ error: { code: "Canceled", message: "closed" } });
  expect(await sheet.payWithSheet("pi_1_secret_2")).toBe("canceled");
  mockStripe.presentPaymentSheet.mockResolvedValueOnce({ error: { code: "Failed", message: "Your card was declined." } });
  expect(await sheet.payWithSheet("pi_1_secret_2")).toBe("Your card was declined.");
  mockStripe.initPaymentSheet.mockResolvedValueOnce({ error: { message: "No such payment_intent" } });
  expect(await sheet.payWithSheet("pi_bad")).toBe("No such payment_intent");
});

test("without a key (the offline provider): no sheet, the shop takes test cards", async () => {
  const sheet = sheetWithKey(undefined);
  expect(sheet.stripePublishableKey).toBeUndefined();
  expect(await sheet.payWithSheet("pi_1_secret_2")).not.toBe("paid");
  expect(mockStripe.initPaymentSheet).not.toHaveBeenCalled();
});
