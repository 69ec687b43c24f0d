/**
 * The plan builder's exercise rows: sets, reps, weight, rest; Move up / Move down buttons for
 * keyboard reordering (focus follows the moved row's button, the move is announced); Remove.
 *
 * @module
 */
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { Field } from "../../components/Field.tsx";
import { type BuilderRow, changeRow, moveRow, removeRow } from "./builder_model.ts";

type Numeric = "sets" | "reps" | "weightKg" | "restSec";

const numberFields: {
  key: Numeric;
  label: "plans.sets" | "plans.reps" | "plans.weight" | "plans.rest";
  step: string;
  optional?: true;
}[] = [
  { key: "sets", label: "plans.sets", step: "1" },
  { key: "reps", label: "plans.reps", step: "1" },
  { key: "weightKg", label: "plans.weight", step: "0.5", optional: true },
  { key: "restSec", label: "plans.rest", step: "15", optional: true },
];

/** The rows, editable; `errorOf("/exercises/0/reps")` gives a field's error. */
export function PlanRows(
  { rows, onChange, errorOf }: {
    rows: BuilderRow[];
    onChange(rows: BuilderRow[]): void;
    errorOf(pointer: string): string | undefined;
  },
) {
  const { t } = useI18n();
  const [announcement, setAnnouncement] = useState("");
  const focusAfter = useRef<string | null>(null);
  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  function move(index: number, by: -1 | 1) {
    const next = moveRow(rows, index, by);
    const row = rows[index];
    focusAfter.current = `${row.key}-${by < 0 ? "up" : "down"}`;
    if (index + by === 0 || index + by === rows.length - 1) {
      focusAfter.current = `${row.key}-${by < 0 ? "down" : "up"}`;
    }
    onChange(next);
    setAnnouncement(
      t("plans.moved", { name: row.name, position: index + by + 1, total: rows.length }),
    );
  }

  function remove(index: number) {
    setAnnouncement(t("plans.removed", { name: rows[index].name }));
    onChange(removeRow(rows, index));
    focusAfter.current = "add-exercise-heading";
  }

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      {rows.length === 0 && <p>{t("plans.noExercises")}</p>}
      <ol className="builder-rows">
        {rows.map((row, index) => (
          <li key={row.key} className="builder-row">
            <fieldset>
              <legend>{t("plans.rowLegend", { position: index + 1, name: row.name })}</legend>
              <div className="row-fields">
                {numberFields.map((spec) => (
                  <Field
                    key={spec.key}
                    label={t(spec.label)}
                    error={errorOf(`/exercises/${index}/${spec.key}`)}
                  >
                    {(props) => (
                      <input
                        {...props}
                        type="number"
                        inputMode="decimal"
                        min="0"
                        step={spec.step}
                        value={row[spec.key] ?? ""}
                        required={!spec.optional}
                        onChange={(event) => {
                          const text = event.currentTarget.value;
                          const value = text === "" ? null : Number(text);
                          onChange(changeRow(rows, index, {
                            [spec.key]: spec.optional ? value : value ?? 0,
                          }));
                        }}
                      />
                    )}
                  </Field>
                ))}
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="secondary"
                  id={`${row.key}-up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t("plans.moveUpNamed", { name: row.name })}
                >
                  {t("plans.moveUp")}
                </button>
                <button
                  type="button"
                  className="secondary"
                  id={`${row.key}-down`}
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t("plans.moveDownNamed", { name: row.name })}
                >
                  {t("plans.moveDown")}
                </button>
                <button
                  type="button"
                  className="secondary danger"
                  onClick={() => remove(index)}
                  aria-label={t("plans.removeNamed", { name: row.name })}
                >
                  {t("plans.remove")}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
    </>
  );
}
