import { useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useQuery } from "../../api/use_query.ts";
import { problemOf } from "../../api/errors.ts";
import { ErrorRetry, Loading } from "../../components/Feedback.tsx";
import {
  DeadLettersDocument,
  ReplayDeadLetterDocument,
} from "../../graphql/operations.generated.ts";

/** Deliveries that exhausted their retries, each replayable. */
export function DeadLetters() {
  const { t, dateTime } = useI18n();
  const letters = useQuery(DeadLettersDocument, { limit: 50 });
  const [message, setMessage] = useState("");
  const items = letters.data?.deadLetters.items ?? [];
  async function replay(id: string) {
    try {
      await graphql.request(ReplayDeadLetterDocument, { id });
      setMessage(t("admin.replayed"));
      letters.retry();
    } catch (error) {
      setMessage(problemOf(error).detail ?? t("app.networkError"));
    }
  }
  return (
    <section aria-labelledby="dead-title">
      <h2 id="dead-title">{t("admin.deadLetters")}</h2>
      {letters.loading && !letters.data && <Loading />}
      {letters.error && <ErrorRetry onRetry={letters.retry} />}
      {letters.data && items.length === 0 && <p>{t("admin.noDeadLetters")}</p>}
      <ul className="list">
        {items.map((letter) => (
          <li key={letter.id}>
            <strong>{letter.type}</strong> → {letter.consumer}{" "}
            <span className="meta">{dateTime(letter.failedAt)}</span>
            {letter.reason && <p className="meta">{letter.reason}</p>}
            <button
              type="button"
              className="secondary"
              onClick={() => replay(letter.id)}
              aria-label={t("admin.replayNamed", { type: letter.type })}
            >
              {t("admin.replay")}
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{message}</p>
    </section>
  );
}
