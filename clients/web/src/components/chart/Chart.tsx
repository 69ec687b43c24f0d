/**
 * A chart, loaded on demand: the chart library (uPlot) is its own chunk, fetched the first
 * time a chart shows, so it never weighs on the initial load. The figures are also in a table
 * for screen readers and for anyone who prefers numbers.
 *
 * @module
 */
import { lazy, Suspense } from "react";
import { Loading } from "../Feedback.tsx";
import type { ChartProps } from "./types.ts";

const loadChart = () => import("./UPlotChart.tsx");
// Fetched as soon as a screen that draws a chart loads, alongside the screen's data rather than
// after it (one round trip less before the chart shows). Only a failure the render retries.
loadChart().catch(() => {});
const UPlotChart = lazy(loadChart);

/** A line or bar chart over time, with its data as a table (visually hidden). */
export function Chart(props: ChartProps) {
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      {/* The fallback holds the drawing's height, so nothing below moves when it arrives. */}
      <Suspense
        fallback={
          <div className="chart-canvas">
            <Loading />
          </div>
        }
      >
        <UPlotChart {...props} />
      </Suspense>
      <div className="visually-hidden">
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.xLabel}</th>
              {props.series.map((series) => <th scope="col" key={series.label}>{series.label}</th>)}
            </tr>
          </thead>
          <tbody>
            {props.x.map((x, row) => (
              <tr key={x}>
                <th scope="row">{props.formatX(x)}</th>
                {props.series.map((series) => (
                  <td key={series.label}>
                    {series.values[row] === null ? "—" : props.formatY(series.values[row]!)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
