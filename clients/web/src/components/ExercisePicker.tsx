/**
 * Search the catalog and add an exercise: a search box, the matches in a select, and an Add
 * button (all keyboard operable; Enter in the search adds the first match).
 *
 * @module
 */
import { useEffect, useState } from "react";
import { useI18n } from "../app/i18n.tsx";
import { useQuery } from "../api/use_query.ts";
import { ExerciseNamesDocument } from "../graphql/operations.generated.ts";
import { Field } from "./Field.tsx";

/** Calls `onAdd` with the chosen exercise's id and name. */
export function ExercisePicker({ onAdd }: { onAdd(id: string, name: string): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  const [chosen, setChosen] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const found = useQuery(ExerciseNamesDocument, { q: debounced || null, limit: 30 });
  const items = found.data?.exercises.items ?? [];
  const selected = items.find((item) => item.id === chosen) ?? items[0];
  const add = () => selected && onAdd(selected.id, selected.name);
  return (
    <fieldset className="picker">
      <legend>{t("picker.legend")}</legend>
      <Field label={t("picker.search")}>
        {(props) => (
          <input
            {...props}
            type="search"
            value={q}
            onChange={(event) => setQ(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
        )}
      </Field>
      <Field label={t("picker.exercise")}>
        {(props) => (
          <select
            {...props}
            value={selected?.id ?? ""}
            onChange={(event) => setChosen(event.currentTarget.value)}
          >
            {items.map((item) => <option key={item.id} value={item.id}>{item.name}</option>)}
          </select>
        )}
      </Field>
      {found.error && <p role="alert">{t("app.networkError")}</p>}
      <button type="button" onClick={add} disabled={!selected}>{t("picker.add")}</button>
    </fieldset>
  );
}
