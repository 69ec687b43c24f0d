/**
 * One exercise: its muscles and instructions, and the member's sets of it (from their recent
 * sessions, while the API has no per-exercise history).
 *
 * @module
 */
import type { Params } from "../app/router.tsx";
import { useI18n } from "../app/i18n.tsx";
import { Link } from "../app/router.tsx";
import { useSession } from "../api/session.ts";
import { useQuery } from "../api/use_query.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../components/Feedback.tsx";
import { ExerciseDocument, RecentSessionsDocument } from "../graphql/operations.generated.ts";
import { label } from "./Exercises.tsx";

function History({ exerciseId }: { exerciseId: string }) {
  const { t, date, weight, number } = useI18n();
  const sessions = useQuery(RecentSessionsDocument, { limit: 100 });
  if (sessions.loading) return <Loading />;
  if (sessions.error) return <ErrorRetry onRetry={sessions.retry} />;
  const rows = (sessions.data?.sessions.items ?? []).flatMap((session) =>
    session.entries.filter((entry) => entry.exerciseId === exerciseId)
      .map((entry) => ({ session, entry }))
  );
  if (!rows.length) return <p>{t("exercise.noHistory")}</p>;
  return (
    <ul className="history">
      {rows.map(({ session, entry }, index) => (
        <li key={`${session.id}-${index}`}>
          <time dateTime={session.startedAt}>{date(session.startedAt)}</time>:{" "}
          {entry.sets.map((set) =>
            t("exercise.set", {
              reps: set.reps === null ? "–" : number(set.reps),
              weight: set.weightKg === null ? "–" : weight(set.weightKg),
            })
          ).join(", ")}
        </li>
      ))}
    </ul>
  );
}

/** `/exercises/:id` */
export function ExerciseDetailScreen({ params }: { params: Params }) {
  const { t } = useI18n();
  const session = useSession();
  const exercise = useQuery(ExerciseDocument, { id: params.id });
  if (exercise.loading && !exercise.data) return <Loading />;
  if (exercise.error) return <ErrorRetry onRetry={exercise.retry} />;
  const item = exercise.data?.exercise;
  if (!item) {
    return (
      <section>
        <ScreenTitle>{t("app.notFound")}</ScreenTitle>
        <Link to="/exercises">{t("exercise.back")}</Link>
      </section>
    );
  }
  return (
    <article>
      <p>
        <Link to="/exercises">{t("exercise.back")}</Link>
      </p>
      <ScreenTitle>{item.name}</ScreenTitle>
      <p className="meta">{label(item.category)} · {label(item.equipment)}</p>
      <dl className="facts">
        <dt>{t("exercise.primary")}</dt>
        <dd>{item.primaryMuscles.map(label).join(", ")}</dd>
        {item.secondaryMuscles.length > 0 && (
          <>
            <dt>{t("exercise.secondary")}</dt>
            <dd>{item.secondaryMuscles.map(label).join(", ")}</dd>
          </>
        )}
      </dl>
      <h2>{t("exercise.instructions")}</h2>
      <p className="instructions">{item.instructions}</p>
      {session && (
        <>
          <h2>{t("exercise.history")}</h2>
          <History exerciseId={item.id} />
        </>
      )}
    </article>
  );
}
