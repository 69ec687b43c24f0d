/** One line (or bar) of a chart. */
export interface ChartSeries {
  label: string;
  /** One value per x; null leaves a gap. */
  values: (number | null)[];
  /** A CSS colour. */
  color: string;
}

/** What a chart shows: series over time (x in seconds since the epoch). */
export interface ChartProps {
  title: string;
  xLabel: string;
  x: number[];
  series: ChartSeries[];
  formatX(seconds: number): string;
  formatY(value: number): string;
  bars?: boolean;
}
