/**
 * One exercise of the workout being logged: its sets (reps, weight), "Add set" (a copy of the
 * last, which also starts the rest timer), remove a set, remove the exercise.
 *
 * @module
 */
import { useI18n } from "../../app/i18n.tsx";
import { addSet, type DraftEntry, type DraftSet } from "./log_model.ts";

const numberOrNull = (text: string) => (text === "" ? null : Number(text));

/** The editor of `entry`. */
export function EntryEditor(
  { entry, onChange, onRemove, onSetAdded }: {
    entry: DraftEntry;
    onChange(entry: DraftEntry): void;
    onRemove(): void;
    onSetAdded(restSec: number): void;
  },
) {
  const { t } = useI18n();
  const setAt = (index: number, change: Partial<DraftSet>) =>
    onChange({
      ...entry,
      sets: entry.sets.map((set, at) => (at === index ? { ...set, ...change } : set)),
    });
  return (
    <fieldset className="entry">
      <legend>{entry.name}</legend>
      <table className="sets">
        <thead>
          <tr>
            <th scope="col">{t("log.set")}</th>
            <th scope="col">{t("plans.reps")}</th>
            <th scope="col">{t("plans.weight")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("log.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entry.sets.map((set, index) => (
            <tr key={index}>
              <th scope="row">{index + 1}</th>
              <td>
                <input
                  type="number"
                  inputMode="numeric"
                  min="0"
                  aria-label={t("log.repsOf", { set: index + 1, name: entry.name })}
                  value={set.reps ?? ""}
                  onChange={(event) =>
                    setAt(index, { reps: numberOrNull(event.currentTarget.value) })}
                />
              </td>
              <td>
                <input
                  type="number"
                  inputMode="decimal"
                  min="0"
                  step="0.5"
                  aria-label={t("log.weightOf", { set: index + 1, name: entry.name })}
                  value={set.weightKg ?? ""}
                  onChange={(event) =>
                    setAt(index, { weightKg: numberOrNull(event.currentTarget.value) })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  disabled={entry.sets.length === 1}
                  aria-label={t("log.removeSet", { set: index + 1, name: entry.name })}
                  onClick={() =>
                    onChange({ ...entry, sets: entry.sets.filter((_, at) => at !== index) })}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            onChange(addSet(entry));
            onSetAdded(entry.restSec);
          }}
          aria-label={t("log.addSetTo", { name: entry.name })}
        >
          {t("log.addSet")}
        </button>
        <button type="button" className="secondary" onClick={onRemove}>
          {t("log.removeExercise", { name: entry.name })}
        </button>
      </div>
    </fieldset>
  );
}
