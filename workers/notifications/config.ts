/**
 * The notifications worker's email settings, parsed by its entrypoint (and
 * by the embedded default when it wires them):
 *
 * - `FITCONNECT_SMTP_URL` (optional): `smtp://user:pass@host:port` or
 *   `smtps://…`. Without it no email is sent.
 * - `FITCONNECT_MAIL_FROM`: the `From` header (default
 *   `FitConnect <no-reply@fitconnect.local>`).
 * - `FITCONNECT_EXPO_PUSH_URL`: Expo's push service (default
 *   `https://exp.host`); tests point it at a local recording server.
 * - `EXPO_ACCESS_TOKEN` (optional): sent as `Authorization: Bearer …` when
 *   the Expo project requires enhanced push security.
 *
 * @module
 */
import * as v from "valibot";
import type { Logger } from "../../shared/logging/logger.ts";
import { createSmtpMailer, isSmtpUrl, type SmtpMailer } from "./smtp_mailer.ts";
import { createExpoPush } from "./expo_push.ts";
import type { PushSender } from "./push.ts";

/** Expo's push service, when `FITCONNECT_EXPO_PUSH_URL` is unset. */
export const defaultExpoPushUrl = "https://exp.host";

/** True for an http(s) URL. */
function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** The `From` header when `FITCONNECT_MAIL_FROM` is unset. */
export const defaultMailFrom = "FitConnect <no-reply@fitconnect.local>";

/** Environment entries of the notifications worker (for `parseConfig`). */
export const notificationsEntries = {
  FITCONNECT_SMTP_URL: v.optional(
    v.pipe(v.string(), v.check(isSmtpUrl, "an smtp:// or smtps:// URL")),
  ),
  FITCONNECT_MAIL_FROM: v.optional(v.string(), defaultMailFrom),
  FITCONNECT_EXPO_PUSH_URL: v.optional(
    v.pipe(v.string(), v.check(isHttpUrl, "an http(s) URL")),
    defaultExpoPushUrl,
  ),
  EXPO_ACCESS_TOKEN: v.optional(v.pipe(v.string(), v.minLength(1, "a non-empty token"))),
};

/** The parsed settings. */
export type NotificationsConfig = v.InferOutput<
  v.ObjectSchema<typeof notificationsEntries, undefined>
>;

/**
 * The SMTP mailer these settings ask for, or `undefined` (no email) without
 * `FITCONNECT_SMTP_URL`; says which once, without echoing the URL.
 */
export function mailerFrom(
  config: NotificationsConfig,
  log: Logger,
  options: { timeoutMs?: number } = {},
): SmtpMailer | undefined {
  if (!config.FITCONNECT_SMTP_URL) {
    log.info("email notifications off: FITCONNECT_SMTP_URL is not set");
    return undefined;
  }
  log.info("email notifications on (SMTP)");
  return createSmtpMailer({
    url: config.FITCONNECT_SMTP_URL,
    from: config.FITCONNECT_MAIL_FROM,
    log,
    timeoutMs: options.timeoutMs,
  });
}

/** The Expo push sender these settings ask for (push is always on: it reaches only registered devices). */
export function pushFrom(config: NotificationsConfig, log: Logger): PushSender {
  log.info("push notifications through Expo", {
    url: config.FITCONNECT_EXPO_PUSH_URL,
    accessToken: config.EXPO_ACCESS_TOKEN ? "set" : "unset",
  });
  return createExpoPush({
    baseUrl: config.FITCONNECT_EXPO_PUSH_URL,
    accessToken: config.EXPO_ACCESS_TOKEN,
    log,
  });
}
