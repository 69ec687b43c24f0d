/**
 * `/log` (`?plan=<id>` starts from that plan): log a workout, rest between sets, save through
 * the offline outbox, and celebrate the personal records it sets.
 *
 * @module
 */
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { Link, useLocation } from "../../app/router.tsx";
import { exerciseName } from "../../app/exercise_name.ts";
import { useQuery } from "../../api/use_query.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../../components/Feedback.tsx";
import { ExercisePicker } from "../../components/ExercisePicker.tsx";
import { RecordValue } from "../../components/RecordValue.tsx";
import { PlanDocument, PlansDocument } from "../../graphql/operations.generated.ts";
import { type DraftEntry, newEntry, toSession } from "./log_model.ts";
import { EntryEditor } from "./EntryEditor.tsx";
import { RestTimer } from "./RestTimer.tsx";
import { type SaveResult, saveSession } from "./save_session.ts";

function StartChoice({ onStart }: { onStart(planId: string | null): void }) {
  const { t } = useI18n();
  const plans = useQuery(PlansDocument, { limit: 100 });
  const [planId, setPlanId] = useState("");
  const items = plans.data?.workouts.items ?? [];
  return (
    <section aria-labelledby="start-title">
      <h2 id="start-title">{t("log.start")}</h2>
      {plans.error && <ErrorRetry onRetry={plans.retry} />}
      <div className="field">
        <label htmlFor="start-plan">{t("log.fromPlan")}</label>
        <select id="start-plan" value={planId} onChange={(e) => setPlanId(e.currentTarget.value)}>
          <option value="">{t("log.choosePlan")}</option>
          {items.map((plan) => <option key={plan.id} value={plan.id}>{plan.name}</option>)}
        </select>
      </div>
      <div className="actions">
        <button type="button" disabled={!planId} onClick={() => onStart(planId)}>
          {t("log.startPlan")}
        </button>
        <button type="button" className="secondary" onClick={() => onStart(null)}>
          {t("log.startEmpty")}
        </button>
      </div>
    </section>
  );
}

function Outcome({ result }: { result: SaveResult }) {
  const { t, weight } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [result]);
  if (result.kind === "refused") {
    return (
      <div className="error-box" role="alert" tabIndex={-1} ref={ref}>
        <p>{t("log.refused", { message: result.message })}</p>
      </div>
    );
  }
  if (result.kind === "queued") {
    return (
      <div className="notice" role="status" tabIndex={-1} ref={ref}>
        <p>{t("log.queued")}</p>
      </div>
    );
  }
  const records = result.session.personalRecords;
  return (
    <div className="notice" role="status" tabIndex={-1} ref={ref}>
      <p>{t("log.saved", { volume: weight(result.session.volumeKg) })}</p>
      {records.length > 0 && (
        <div className="celebrate">
          <p>
            <strong>{t("log.newRecords", { count: records.length })}</strong>
          </p>
          <ul>
            {records.map((record) => (
              <li key={`${record.exerciseId}-${record.kind}`}>
                {exerciseName(record.exerciseId)}:{" "}
                <RecordValue kind={record.kind} value={record.value} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <Link to="/">{t("nav.dashboard")}</Link>
      </p>
    </div>
  );
}

/** `/log` */
export function LogWorkoutScreen() {
  const { t } = useI18n();
  const { searchParams } = useLocation();
  const [planId, setPlanId] = useState<string | null>(searchParams.get("plan"));
  const [started, setStarted] = useState<Date | null>(planId ? new Date() : null);
  const [entries, setEntries] = useState<DraftEntry[]>([]);
  const [rest, setRest] = useState({ seconds: 90, key: 0 });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SaveResult | null>(null);
  const plan = useQuery(PlanDocument, { id: planId ?? "" }, { skip: !planId });
  const loaded = plan.data?.workout;
  useEffect(() => {
    if (!loaded) return;
    setEntries(
      loaded.exercises.map((exercise) =>
        newEntry(exercise.exerciseId, exerciseName(exercise.exerciseId), exercise)
      ),
    );
  }, [loaded]);

  async function save() {
    if (!started) return;
    setBusy(true);
    setResult(await saveSession(toSession(entries, started, new Date(), planId ?? undefined)));
    setBusy(false);
    setEntries([]);
    setStarted(null);
    setPlanId(null);
  }

  return (
    <section>
      <ScreenTitle>{t("log.title")}</ScreenTitle>
      {result && <Outcome result={result} />}
      {!started && (
        <StartChoice
          onStart={(id) => {
            setResult(null);
            setPlanId(id);
            setStarted(new Date());
          }}
        />
      )}
      {started && (
        <div className="log-layout">
          <div>
            {planId && plan.loading && <Loading />}
            {planId && plan.error && <ErrorRetry onRetry={plan.retry} />}
            {entries.length === 0 && !plan.loading && <p>{t("log.empty")}</p>}
            {entries.map((entry, index) => (
              <EntryEditor
                key={entry.key}
                entry={entry}
                onChange={(next) => setEntries(entries.map((e, at) => (at === index ? next : e)))}
                onRemove={() => setEntries(entries.filter((_, at) => at !== index))}
                onSetAdded={(seconds) => setRest({ seconds, key: rest.key + 1 })}
              />
            ))}
            <ExercisePicker onAdd={(id, name) => setEntries([...entries, newEntry(id, name)])} />
          </div>
          <div>
            <RestTimer seconds={rest.seconds} startKey={rest.key} />
            <button
              type="button"
              className="save"
              disabled={busy || !entries.some((e) => e.sets.some((s) => (s.reps ?? 0) > 0))}
              onClick={save}
            >
              {busy ? t("account.working") : t("log.save")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
