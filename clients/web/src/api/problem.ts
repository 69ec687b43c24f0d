/**
 * RFC 9457 problems as the API sends them, and where each error goes in a form: an entry of
 * `errors[]` next to the field its JSON Pointer names, the rest above the form.
 *
 * @module
 */

/** One invalid value. */
export interface ProblemFieldError {
  pointer: string;
  detail: string;
}

/** An `application/problem+json` body. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  requestId?: string;
  errors?: ProblemFieldError[];
}

/** A refused request (`status` 0 and code `NETWORK` when no answer came). */
export class ProblemError extends Error {
  readonly problem: Problem;
  readonly retryAfterSeconds?: number;
  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title);
    this.name = "ProblemError";
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

/** The failure of a request that got no answer. */
export function networkProblem(): ProblemError {
  return new ProblemError({ title: "Network error", status: 0, code: "NETWORK" });
}

/** Reads a failed response as a problem (a body that is not one still gives status and title). */
export async function problemOf(response: Response): Promise<ProblemError> {
  const retryAfter = Number(response.headers.get("retry-after")) || undefined;
  let body: Partial<Problem> = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page): keep the status.
  }
  return new ProblemError({
    ...body,
    title: body.title ?? response.statusText ?? "Error",
    status: body.status ?? response.status,
    code: body.code ?? `HTTP_${response.status}`,
  }, retryAfter);
}

/** Errors placed: by field pointer (`/email`), and the ones no field of the form shows. */
export interface PlacedErrors {
  fields: Record<string, string>;
  form: string[];
}

/**
 * Places a problem's errors on a form whose fields have the given pointers. Problems without
 * `errors[]` can name a field by code (`EMAIL_TAKEN` → `/email`) through `codeFields`.
 */
export function placeErrors(
  problem: Problem,
  pointers: readonly string[],
  codeFields: Readonly<Record<string, string>> = {},
): PlacedErrors {
  const fields: Record<string, string> = {};
  const form: string[] = [];
  for (const error of problem.errors ?? []) {
    if (pointers.includes(error.pointer) && !(error.pointer in fields)) {
      fields[error.pointer] = error.detail;
    } else {
      form.push(error.pointer ? `${error.pointer.slice(1)}: ${error.detail}` : error.detail);
    }
  }
  const byCode = codeFields[problem.code];
  if (!problem.errors?.length) {
    if (byCode && pointers.includes(byCode)) fields[byCode] = problem.detail ?? problem.title;
    else form.push(problem.detail ?? problem.title);
  }
  return { fields, form };
}
