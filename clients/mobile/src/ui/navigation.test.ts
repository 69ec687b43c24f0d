import { screenFor } from "./navigation";

test("a tapped notification opens the screen its data names", () => {
  expect(screenFor({ screen: "shop" })).toBe("shop");
  expect(screenFor({ url: "fitconnect://app/progress?exercise=squat" })).toBe("history");
  expect(screenFor({ path: "/payments/pay_1" })).toBe("shop");
  expect(screenFor({ type: "personal_record", exerciseId: "squat" })).toBe("history");
  expect(screenFor({}, "payment_failed")).toBe("shop");
  expect(screenFor({ screen: "nowhere" }, "unknown_type")).toBe("notifications");
  expect(screenFor(null)).toBe("notifications");
});
