/**
 * The uPlot chart (its own chunk). Sized to its container, redrawn on resize; drawing only,
 * hidden from assistive technology (./Chart.tsx gives the table).
 *
 * @module
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { ChartProps } from "./types.ts";

const height = 220;

const day = 86_400;
/** Tick steps of the time axis: whole days at least, since the labels are dates. */
const dayIncrs = [day, 2 * day, 7 * day, 14 * day, 28 * day, 91 * day, 182 * day, 365 * day];

/** Half the smallest gap between points (bars are centred on theirs): the x axis' padding. */
function halfStep(x: readonly number[]): number {
  let step = 7 * day;
  for (let i = 1; i < x.length; i++) {
    if (x[i] - x[i - 1] > 0) step = Math.min(step, x[i] - x[i - 1]);
  }
  return step / 2;
}

function options(props: ChartProps, width: number): uPlot.Options {
  const bars = props.bars ? uPlot.paths.bars!({ size: [0.6, 48] }) : undefined;
  return {
    width,
    height,
    legend: { show: props.series.length > 1 },
    cursor: { show: true, drag: { x: false, y: false } },
    scales: {
      x: props.bars
        ? {
          time: true,
          // Room for the first and last bars, which uPlot would otherwise cut in half.
          range: (_chart, min, max) => [min - halfStep(props.x), max + halfStep(props.x)],
        }
        : { time: true },
    },
    axes: [
      { values: (_chart, ticks) => ticks.map((tick) => props.formatX(tick)), incrs: dayIncrs },
      { values: (_chart, ticks) => ticks.map((tick) => props.formatY(tick)), size: 70 },
    ],
    series: [
      { value: (_chart, value) => (value === null ? "—" : props.formatX(value)) },
      ...props.series.map((series) => ({
        label: series.label,
        stroke: series.color,
        fill: props.bars ? series.color : undefined,
        width: 2,
        paths: bars,
        points: { show: !props.bars },
        value: (_chart: uPlot, value: number | null) => value === null ? "—" : props.formatY(value),
      })),
    ],
  };
}

/** The drawing. */
export default function UPlotChart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const data: uPlot.AlignedData = [props.x, ...props.series.map((series) => series.values)];
    const chart = new uPlot(options(props, element.clientWidth || 320), data, element);
    const observer = new ResizeObserver(() => {
      chart.setSize({ width: element.clientWidth || 320, height });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [props]);
  return <div className="chart-canvas" ref={box} aria-hidden="true" />;
}
