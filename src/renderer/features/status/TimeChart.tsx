import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { ChartDef } from './chart-data';

const HEIGHT = 150;
/** Tick spacings on the time axis, in seconds. */
const X_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900];
const clock = (seconds: number): string =>
  new Date(seconds * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });

/** Whether this document can draw on a canvas (not in a DOM without one, e.g. unit tests). */
export function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

function optionsFor(el: HTMLElement, chart: ChartDef, width: number): uPlot.Options {
  const text = cssVar(el, '--text-dim', '#98a2b3');
  const grid = cssVar(el, '--border', '#242a35');
  const axis: uPlot.Axis = {
    stroke: text,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
  };
  return {
    width,
    height: HEIGHT,
    legend: { show: false }, // the React legend beside the chart carries the values (and contrast)
    cursor: { drag: { x: false, y: false } },
    scales: { y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.1)] } },
    axes: [
      // whole seconds at least (the series has one point a second), as a wall-clock time
      { ...axis, space: 80, incrs: X_STEPS, values: (_u, ticks) => ticks.map(clock) },
      { ...axis, size: 46, values: (_u, ticks) => ticks.map((v) => `${+v.toFixed(2)}`) },
    ],
    series: [
      {},
      ...chart.series.map((s) => ({
        label: s.label,
        stroke: cssVar(el, s.colorVar, '#5aa2ff'),
        width: 1.5,
        points: { show: false },
        spanGaps: false,
      })),
    ],
  };
}

/**
 * One uPlot line chart. Built once per set of series, fed new data in place, resized with its
 * box; colours come from the theme's custom properties when it is built.
 */
export function TimeChart({ chart, data }: { chart: ChartDef; data: uPlot.AlignedData }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = chart.series.map((s) => s.key).join('|');

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const u = new uPlot(optionsFor(el, chart, Math.max(100, el.clientWidth)), undefined, el);
    plot.current = u;
    const resize = new ResizeObserver(() =>
      u.setSize({ width: Math.max(100, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // rebuilt only when the series change; data flows in through setData below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);

  // after the chart is (re)built: runs on every new data and every rebuild
  useEffect(() => {
    plot.current?.setData(data);
  }, [data, shape]);

  return <div ref={box} className="time-chart" aria-hidden="true" />;
}
