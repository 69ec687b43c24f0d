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

function options(props: ChartProps, width: number): uPlot.Options {
  const bars = props.bars ? uPlot.paths.bars!({ size: [0.6, 48] }) : undefined;
  return {
    width,
    height,
    legend: { show: props.series.length > 1 },
    cursor: { show: true, drag: { x: false, y: false } },
    scales: { x: { time: true } },
    axes: [
      { values: (_chart, ticks) => ticks.map((tick) => props.formatX(tick)) },
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
