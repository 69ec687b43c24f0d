/**
 * The inbox: newest first, unread marked, "Mark as read" per notification (refreshed every
 * 30 s).
 *
 * @module
 */
import { useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useQuery } from "../../api/use_query.ts";
import { unreadChanged } from "../../api/unread.ts";
import { ErrorRetry, Loading } from "../../components/Feedback.tsx";
import {
  MarkNotificationReadDocument,
  NotificationsDocument,
} from "../../graphql/operations.generated.ts";

/** The inbox. */
export function Inbox() {
  const { t, dateTime } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useQuery(NotificationsDocument, { unread: unreadOnly || null, limit: 50 }, {
    pollMs: 30_000,
  });
  const [failed, setFailed] = useState<string | null>(null);
  const items = inbox.data?.notifications.items ?? [];
  async function markRead(id: string) {
    setFailed(null);
    try {
      await graphql.request(MarkNotificationReadDocument, { id });
      inbox.retry();
      unreadChanged();
    } catch {
      setFailed(id);
    }
  }
  return (
    <section aria-labelledby="inbox">
      <h2 id="inbox">{t("notifications.inbox")}</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={unreadOnly}
          onChange={(event) => setUnreadOnly(event.currentTarget.checked)}
        />
        {t("notifications.unreadOnly")}
      </label>
      {inbox.loading && !inbox.data && <Loading />}
      {inbox.error && <ErrorRetry onRetry={inbox.retry} />}
      {inbox.data && items.length === 0 && <p>{t("notifications.empty")}</p>}
      <ul className="list inbox">
        {items.map((item) => (
          <li key={item.id} className={item.readAt ? "read" : "unread"}>
            <h3>
              {!item.readAt && <span className="visually-hidden">{t("notifications.unread")}:
              </span>}
              {item.title}
            </h3>
            <p>{item.body}</p>
            <p className="meta">{dateTime(item.createdAt)}</p>
            {!item.readAt && (
              <button
                type="button"
                className="secondary"
                onClick={() => markRead(item.id)}
                aria-label={t("notifications.markReadNamed", { title: item.title })}
              >
                {t("notifications.markRead")}
              </button>
            )}
            {failed === item.id && (
              <p role="alert" className="field-error">{t("app.networkError")}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
