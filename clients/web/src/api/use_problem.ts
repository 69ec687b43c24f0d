/**
 * A form's errors from a failed request: each problem+json error next to the field its JSON
 * Pointer names, the rest (and "no network") above the form.
 *
 * @module
 */
import { useCallback, useState } from "react";
import { useI18n } from "../app/i18n.tsx";
import { problemOf } from "./errors.ts";
import { type PlacedErrors, placeErrors } from "./problem.ts";

const none: PlacedErrors = { fields: {}, form: [] };

/** Errors of a form whose fields have `pointers` (`/name`, `/exercises/0/reps`). */
export function useProblem(pointers: readonly string[], codeFields?: Record<string, string>) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<PlacedErrors>(none);
  const key = pointers.join("|");
  const capture = useCallback((error: unknown) => {
    const problem = problemOf(error);
    setErrors(
      problem.code === "NETWORK"
        ? { fields: {}, form: [t("app.networkError")] }
        : placeErrors(problem, key.split("|"), codeFields),
    );
    return problem;
  }, [key, t, codeFields]);
  const clear = useCallback(() => setErrors(none), []);
  return { errors, capture, clear, field: (pointer: string) => errors.fields[pointer] };
}
