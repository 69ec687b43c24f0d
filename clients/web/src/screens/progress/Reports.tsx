/**
 * Request a report (volume, progress) over a period and follow its status until it is ready
 * (polled every 2 s while pending).
 *
 * @module
 */
import { type FormEvent, useEffect, useState } from "react";
import { useI18n } from "../../app/i18n.tsx";
import { graphql } from "../../api/graphql.ts";
import { useQuery } from "../../api/use_query.ts";
import { useProblem } from "../../api/use_problem.ts";
import { Field, FormAlert } from "../../components/Field.tsx";
import { ErrorRetry } from "../../components/Feedback.tsx";
import { ReportDocument, RequestReportDocument } from "../../graphql/operations.generated.ts";

const kinds = ["volume", "progress"] as const;

function ReportStatus({ id }: { id: string }) {
  const { t, weight, number, dateTime } = useI18n();
  const [pending, setPending] = useState(true);
  const first = useQuery(ReportDocument, { id }, { pollMs: pending ? 2_000 : undefined });
  const report = first.data?.analyticsReport;
  const status = report?.status;
  useEffect(() => {
    if (status && status !== "pending") setPending(false);
  }, [status]);
  const result = report?.result as
    | { sessions?: number; volumeKg?: number; activeDays?: number }
    | null
    | undefined;
  return (
    <div className="report" role="status" aria-live="polite">
      {first.error && !report && <ErrorRetry onRetry={first.retry} />}
      {report && (
        <p>
          {t(
            `report.${
              report.status === "ready"
                ? "ready"
                : report.status === "failed"
                ? "failed"
                : "pending"
            }`,
          )}
        </p>
      )}
      {report?.status === "ready" && result && (
        <ul className="stats">
          {result.sessions !== undefined && (
            <li>{t("dashboard.sessions", { count: result.sessions })}</li>
          )}
          {result.volumeKg !== undefined && (
            <li>{t("report.volume", { volume: weight(result.volumeKg) })}</li>
          )}
          {result.activeDays !== undefined && (
            <li>{t("report.activeDays", { days: number(result.activeDays) })}</li>
          )}
          {report.completedAt && <li className="meta">{dateTime(report.completedAt)}</li>}
        </ul>
      )}
    </div>
  );
}

/** The request form and the latest report's status. */
export function Reports() {
  const { t } = useI18n();
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const [kind, setKind] = useState<typeof kinds[number]>("volume");
  const [from, setFrom] = useState(monthAgo);
  const [to, setTo] = useState(today);
  const [reportId, setReportId] = useState<string | null>(null);
  const problem = useProblem(["/kind", "/from", "/to"]);
  async function request(event: FormEvent) {
    event.preventDefault();
    problem.clear();
    try {
      const answer = await graphql.request(RequestReportDocument, {
        input: {
          kind,
          from: new Date(`${from}T00:00:00`).toISOString(),
          to: new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000).toISOString(),
        },
      });
      setReportId(answer.requestAnalyticsReport.id);
    } catch (error) {
      problem.capture(error);
    }
  }
  return (
    <section aria-labelledby="reports">
      <h2 id="reports">{t("report.title")}</h2>
      <form onSubmit={request} noValidate className="inline-form">
        <FormAlert messages={problem.errors.form} />
        <Field label={t("report.kind")} error={problem.field("/kind")}>
          {(props) => (
            <select
              {...props}
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as typeof kind)}
            >
              {kinds.map((value) => (
                <option key={value} value={value}>{t(`report.kind.${value}`)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("report.from")} error={problem.field("/from")}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t("report.to")} error={problem.field("/to")}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit">{t("report.request")}</button>
      </form>
      {reportId && <ReportStatus key={reportId} id={reportId} />}
    </section>
  );
}
