/**
 * `/plans/new` (optionally `?from=<template>`) and `/plans/:id/edit`: name, level,
 * description and the exercises; saved with `createWorkout` or `updateWorkout`.
 *
 * @module
 */
import { type FormEvent, useEffect, useState } from "react";
import { levels } from "@fitconnect/clients-shared/catalog";
import type { Level } from "@fitconnect/clients-shared/graphql/schema";
import { useI18n } from "../../app/i18n.tsx";
import { navigate, type Params, useLocation } from "../../app/router.tsx";
import { exerciseName } from "../../app/exercise_name.ts";
import { graphql } from "../../api/graphql.ts";
import { useQuery } from "../../api/use_query.ts";
import { useProblem } from "../../api/use_problem.ts";
import { ErrorRetry, Loading, ScreenTitle } from "../../components/Feedback.tsx";
import { Field, FormAlert } from "../../components/Field.tsx";
import { ExercisePicker } from "../../components/ExercisePicker.tsx";
import {
  CreateWorkoutDocument,
  PlanDocument,
  UpdateWorkoutDocument,
} from "../../graphql/operations.generated.ts";
import { type BuilderRow, newRow, toInput } from "./builder_model.ts";
import { PlanRows } from "./PlanRows.tsx";

const pointers = ["/name", "/description", "/level", "/exercises"];

/** The builder; `params.id` edits that plan. */
export function PlanBuilderScreen({ params }: { params: Params }) {
  const { t } = useI18n();
  const { searchParams } = useLocation();
  const sourceId = params.id ?? searchParams.get("from") ?? "";
  const source = useQuery(PlanDocument, { id: sourceId }, { skip: !sourceId });
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [level, setLevel] = useState<Level>("beginner");
  const [rows, setRows] = useState<BuilderRow[]>([]);
  const [busy, setBusy] = useState(false);
  const problem = useProblem([
    ...pointers,
    ...rows.flatMap((_, index) =>
      ["sets", "reps", "weightKg", "restSec"].map((key) => `/exercises/${index}/${key}`)
    ),
  ]);

  const plan = source.data?.workout;
  useEffect(() => {
    if (!plan) return;
    setName(params.id ? plan.name : t("plans.copyName", { name: plan.name }));
    setDescription(plan.description);
    setLevel(plan.level);
    setRows(
      plan.exercises.map((exercise) =>
        newRow(exercise.exerciseId, exerciseName(exercise.exerciseId), exercise)
      ),
    );
  }, [plan, params.id, t]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    problem.clear();
    const input = { name, description, level, exercises: toInput(rows) };
    try {
      if (params.id) await graphql.request(UpdateWorkoutDocument, { id: params.id, input });
      else await graphql.request(CreateWorkoutDocument, { input });
      navigate("/plans");
    } catch (error) {
      problem.capture(error);
    } finally {
      setBusy(false);
    }
  }

  if (sourceId && source.error) return <ErrorRetry onRetry={source.retry} />;
  if (sourceId && source.loading && !plan) return <Loading />;
  return (
    <section>
      <ScreenTitle>{params.id ? t("plans.editTitle") : t("plans.newTitle")}</ScreenTitle>
      <form onSubmit={save} noValidate aria-busy={busy} className="builder">
        <FormAlert messages={problem.errors.form} />
        <Field label={t("plans.name")} error={problem.field("/name")}>
          {(props) => (
            <input
              {...props}
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t("plans.level")} error={problem.field("/level")}>
          {(props) => (
            <select
              {...props}
              value={level}
              onChange={(event) => setLevel(event.currentTarget.value as Level)}
            >
              {levels.map((value) => (
                <option key={value} value={value}>{t(`level.${value}`)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("plans.description")} error={problem.field("/description")}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
            />
          )}
        </Field>
        <h2>{t("plans.exercises")}</h2>
        {problem.field("/exercises") && (
          <p className="field-error" role="alert">{problem.field("/exercises")}</p>
        )}
        <PlanRows rows={rows} onChange={setRows} errorOf={problem.field} />
        <h3 id="add-exercise-heading" tabIndex={-1}>{t("plans.addExercise")}</h3>
        <ExercisePicker onAdd={(id, label) => setRows([...rows, newRow(id, label)])} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? t("account.working") : t("plans.save")}
          </button>
          <button type="button" className="secondary" onClick={() => navigate("/plans")}>
            {t("plans.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}
