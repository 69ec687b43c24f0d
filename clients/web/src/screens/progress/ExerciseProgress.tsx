/**
 * A chosen exercise's best weight and estimated 1RM over time, from the member's sessions.
 *
 * @module
 */
import { useMemo, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { useQuery } from "../../api/use_query.ts";
import { ErrorRetry, Loading } from "../../components/Feedback.tsx";
import { Chart } from "../../components/chart/Chart.tsx";
import { RecentSessionsDocument } from "../../graphql/operations.generated.ts";
import { progressOf } from "./one_rep_max.ts";
import { exerciseName } from "../../app/exercise_name.ts";

/** The chooser and the chart. */
export function ExerciseProgress() {
  const { t, weight, date } = useI18n();
  const sessions = useQuery(RecentSessionsDocument, { limit: 100 });
  const items = useMemo(() => sessions.data?.sessions.items ?? [], [sessions.data]);
  const exercised = useMemo(
    () => [...new Set(items.flatMap((s) => s.entries.map((e) => e.exerciseId)))].sort(),
    [items],
  );
  const [chosen, setChosen] = useState("");
  const exerciseId = chosen || exercised[0] || "";
  const points = useMemo(() => progressOf(items, exerciseId), [items, exerciseId]);
  const chart = useMemo(() => ({
    title: t("progress.exerciseChart", { name: exerciseName(exerciseId) }),
    xLabel: t("chart.date"),
    x: points.map((point) => point.at),
    series: [
      { label: t("progress.best"), values: points.map((p) => p.bestKg), color: "#0f5132" },
      {
        label: t("progress.oneRepMax"),
        values: points.map((p) => p.estimated1rmKg),
        color: "#1c64f2",
      },
    ],
    formatX: (seconds: number) =>
      date(new Date(seconds * 1000), { month: "short", day: "numeric" }),
    formatY: (value: number) => weight(value),
  }), [points, exerciseId, t, weight, date]);
  return (
    <section aria-labelledby="exercise-progress">
      <h2 id="exercise-progress">{t("progress.exercise")}</h2>
      {sessions.loading && <Loading />}
      {sessions.error && <ErrorRetry onRetry={sessions.retry} />}
      {sessions.data && exercised.length === 0 && <p>{t("progress.noSessions")}</p>}
      {exercised.length > 0 && (
        <div className="field">
          <label htmlFor="progress-exercise">{t("progress.chooseExercise")}</label>
          <select
            id="progress-exercise"
            value={exerciseId}
            onChange={(event) => setChosen(event.currentTarget.value)}
          >
            {exercised.map((id) => <option key={id} value={id}>{exerciseName(id)}</option>)}
          </select>
        </div>
      )}
      {points.length > 0 && <Chart {...chart} />}
    </section>
  );
}
