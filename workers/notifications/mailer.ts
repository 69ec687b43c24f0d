/**
 * The email port. The worker decides whether to email (./channels.ts) and
 * what to say; an adapter (SMTP, a provider's API) only sends.
 *
 * @module
 */

/** One plain-text email. */
export interface Email {
  to: string;
  subject: string;
  text: string;
}

/** Sends email; rejects when the message was not accepted, so the delivery is retried. */
export interface Mailer {
  send(email: Email): Promise<void>;
}
