/**
 * The `Mailer` port over SMTP: a pooled nodemailer transport (a few reused
 * connections, not one per email), with every send bounded in time. A send
 * that fails or times out rejects, so the delivery answers 503 and the queue
 * retries it (./handlers.ts).
 *
 * @module
 */
// The package's own types: @types/nodemailer pulls in @types/node, which clashes with Deno's globals.
import nodemailer from "nodemailer";
import type { Logger } from "../../shared/logging/logger.ts";
import type { Email, Mailer } from "./mailer.ts";

/** Options of `createSmtpMailer`. */
export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  url: string;
  /** The `From` header, e.g. `FitConnect <no-reply@fitconnect.local>`. */
  from: string;
  log: Logger;
  /** The longest one send may take, connecting included (default 10 s). */
  timeoutMs?: number;
  /** Connections in the pool (default 3). */
  maxConnections?: number;
}

/** A mailer whose pooled connections `close()` ends. */
export type SmtpMailer = Mailer & { close(): void };

/** Thrown for a URL that is not `smtp:` or `smtps:`; never carries the URL (it holds a password). */
export class SmtpUrlError extends Error {
  constructor() {
    super("The SMTP URL must look like smtp://user:pass@host:port or smtps://…");
    this.name = "SmtpUrlError";
  }
}

/** True for a URL `createSmtpMailer` accepts. */
export function isSmtpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** A `Mailer` sending through the SMTP server at `options.url`; connects on the first send. */
export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  if (!isSmtpUrl(options.url)) throw new SmtpUrlError();
  const url = new URL(options.url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const secure = url.protocol === "smtps:";
  const log = options.log.with({ component: "smtp" });
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 3,
    // `[::1]` → `::1`; without a port nodemailer picks 465 (smtps) or 587.
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port ? Number(url.port) : undefined,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });

  return {
    async send(email: Email): Promise<void> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      // The pool may requeue a message whose connection dropped: bound the whole send too.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`SMTP send timed out after ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        await Promise.race([
          transport.sendMail({
            from: options.from,
            to: email.to,
            subject: email.subject,
            text: email.text,
          }),
          timeout,
        ]);
      } catch (error) {
        // The recipient is personal data and the error never holds the password: log the error only.
        log.warn("email not sent", {
          error: error instanceof Error ? error.message : String(error),
        });
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      transport.close();
    },
  };
}
