/**
 * What each notification says: its type, title, body and data, the same text
 * in the inbox and in email.
 *
 * @module
 */
import type { ReportReady, SessionLogged } from "../../shared/events/catalog.ts";

/** A notification's content. */
export interface Message {
  type: "welcome" | "personal_record" | "report_ready";
  title: string;
  body: string;
  data: Record<string, unknown>;
}

type PersonalRecord = SessionLogged["personalRecords"][number];

/** The greeting after registration. */
export function welcomeMessage(displayName: string): Message {
  const name = displayName.trim();
  return {
    type: "welcome",
    title: name ? `Welcome to FitConnect, ${name}!` : "Welcome to FitConnect!",
    body: "Browse exercises, plan a workout and log your first session to start tracking progress.",
    data: {},
  };
}

const recordLabels: Record<PersonalRecord["kind"], (value: number) => string> = {
  max_weight: (value) => `max weight ${format(value)} kg`,
  max_reps: (value) => `max reps ${format(value)}`,
  max_volume: (value) => `max volume ${format(value)} kg`,
  estimated_1rm: (value) => `estimated 1RM ${format(value)} kg`,
};

function format(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `barbell-back-squat` → `Barbell back squat` (the event names exercises by id only). */
function exerciseName(exerciseId: string): string {
  const words = exerciseId.replaceAll(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One notification for every record a session broke. */
export function personalRecordMessage(
  sessionId: string,
  records: readonly PersonalRecord[],
): Message {
  const count = records.length;
  return {
    type: "personal_record",
    title: count === 1 ? "New personal record!" : `${count} new personal records!`,
    body:
      records.map((record) =>
        `${exerciseName(record.exerciseId)}: ${recordLabels[record.kind](record.value)}`
      ).join("; ") + ".",
    data: {
      sessionId,
      records: records.map(({ exerciseId, kind, value }) => ({ exerciseId, kind, value })),
    },
  };
}

/** An analytics report the member asked for is ready. */
export function reportReadyMessage(report: ReportReady): Message {
  return {
    type: "report_ready",
    title: "Your report is ready",
    body: `Your ${report.kind.replaceAll("_", " ")} report is ready to view.`,
    data: { reportId: report.reportId, kind: report.kind },
  };
}
