/**
 * Payment history. Neither GraphQL nor REST lists a member's payments yet, so this reads the
 * payment ids the inbox's payment notifications carry (`data.paymentId`) and fetches each
 * payment through GraphQL: complete for payments that reached an outcome, which are the ones a
 * history shows.
 *
 * @module
 */
import { PaymentHistoryDocument } from "../../graphql/proposed.generated.ts";
import { NotificationsDocument, PaymentDocument } from "../../graphql/operations.generated.ts";
import { graphql } from "../graphql.ts";
import { adapter } from "./adapter.ts";

function paymentIdOf(data: unknown): string | undefined {
  const id = (data as { paymentId?: unknown } | null)?.paymentId;
  return typeof id === "string" ? id : undefined;
}

export const shopAdapters = [
  adapter(PaymentHistoryDocument, async ({ limit }) => {
    const inbox = await graphql.request(NotificationsDocument, { limit: 100 });
    const ids = [
      ...new Set(inbox.notifications.items.flatMap((item) => paymentIdOf(item.data) ?? [])),
    ].slice(0, limit ?? 20);
    const payments = await Promise.all(
      ids.map((id) => graphql.request(PaymentDocument, { id }).then((answer) => answer.payment)),
    );
    const items = payments.flatMap((payment) => payment ?? [])
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { payments: { items, nextCursor: null } };
  }),
];
