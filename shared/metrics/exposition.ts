/**
 * The Prometheus text format, written by hand where prom-client cannot: the
 * metrics worker renders totals it keeps in the key-value store, not in a
 * registry. One sample line is `name{a="x",b="y"} value`, labels sorted by
 * name, so the same series always renders (and is stored) the same way.
 *
 * @module
 */

/** `name{labels}`: the series part of a sample line, labels sorted and escaped. */
export function renderSeries(name: string, labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return name;
  return `${name}{${names.map((label) => `${label}="${escapeLabel(labels[label])}"`).join(",")}}`;
}

/** A sample value as Prometheus reads it. */
export function renderValue(value: number): string {
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/** One metric family: HELP, TYPE and its sample lines (`series value`), in a stable order. */
export function renderFamily(
  family: { name: string; help: string; type: string },
  lines: string[],
): string {
  const help = family.help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
  return `# HELP ${family.name} ${help}\n# TYPE ${family.name} ${family.type}\n` +
    [...lines].sort().map((line) => `${line}\n`).join("");
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
}
