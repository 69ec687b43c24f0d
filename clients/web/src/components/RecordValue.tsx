import { useI18n } from "../app/i18n.tsx";
import type { MessageKey } from "@fitconnect/clients-shared/i18n";

const kinds: Record<string, MessageKey> = {
  max_weight: "record.maxWeight",
  max_reps: "record.maxReps",
  max_volume: "record.maxVolume",
  estimated_1rm: "record.estimated1rm",
};

/** A personal record: "Heaviest: 100 kg", "Most reps: 12". */
export function RecordValue({ kind, value }: { kind: string; value: number }) {
  const { t, weight, number } = useI18n();
  const label = kinds[kind] ? t(kinds[kind]) : kind;
  return <span>{label}: {kind === "max_reps" ? number(value) : weight(value)}</span>;
}
