import appConfig from "../../app.json";
import { screenFor } from "./navigation";

test("a tapped notification opens the screen its data names", () => {
  expect(screenFor({ screen: "shop" })).toBe("shop");
  expect(screenFor({ url: "fitconnect://progress?exercise=squat" })).toBe("history");
  expect(screenFor({ path: "/payments/pay_1" })).toBe("shop");
  expect(screenFor({ type: "personal_record", exerciseId: "squat" })).toBe("history");
  // The push channel's shape: the inbox entry's deep link, the type, the notification's data.
  expect(screenFor({ url: "fitconnect://notifications/n1", notificationId: "n1", type: "personal_record" }))
    .toBe("history");
  expect(screenFor({ url: "fitconnect://notifications/n2", notificationId: "n2", type: "low_stock" }))
    .toBe("notifications");
  expect(screenFor({ url: "https://fitconnect.example/shop" })).toBe("shop");
  expect(screenFor({}, "payment_failed")).toBe("shop");
  expect(screenFor({ screen: "nowhere" }, "unknown_type")).toBe("notifications");
  expect(screenFor(null)).toBe("notifications");
});

test("the app registers the URL scheme its tap routing follows (fitconnect://)", () => {
  // Without `scheme` in app.json the OS would not open the app for these links at all.
  const { scheme } = appConfig.expo;
  expect(scheme).toBe("fitconnect");
  expect(screenFor({ url: `${scheme}://shop` })).toBe("shop");
  expect(screenFor({ url: `${scheme}://profile` })).toBe("profile");
});
