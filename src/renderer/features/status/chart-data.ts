import { LATENCY_PREFIX, type MetricsWindow } from '../../../shared/dto/metrics';

export interface ChartSeries {
  key: string;
  label: string;
  /** A CSS custom property the line is drawn in (read when drawing, so themes apply). */
  colorVar: string;
}

export interface ChartDef {
  id: string;
  title: string;
  unit: string;
  series: ChartSeries[];
}

const PALETTE = ['--accent', '--ok', '--warn', '--err', '--lvl-fatal', '--lvl-debug'];

/** The Status view's charts for a window: fixed ones, and one latency line per adapter seen. */
export function chartsFor(window: MetricsWindow): ChartDef[] {
  const adapters = Object.keys(window.series)
    .filter((k) => k.startsWith(LATENCY_PREFIX))
    .sort();
  return [
    {
      id: 'activity',
      title: 'Activity',
      unit: '/s',
      series: [
        { key: 'messages', label: 'messages/s', colorVar: '--accent' },
        { key: 'commands', label: 'commands/s', colorVar: '--ok' },
        { key: 'errors', label: 'errors/s', colorVar: '--err' },
      ],
    },
    {
      id: 'memory',
      title: 'Memory',
      unit: 'MB',
      series: [
        { key: 'rssMb', label: 'RSS', colorVar: '--accent' },
        { key: 'heapUsedMb', label: 'JS heap', colorVar: '--warn' },
      ],
    },
    {
      id: 'lag',
      title: 'Event-loop lag',
      unit: 'ms',
      series: [{ key: 'loopLagMs', label: 'worst delay', colorVar: '--warn' }],
    },
    {
      id: 'latency',
      title: 'Adapter latency',
      unit: 'ms',
      series: adapters.map((key, i) => ({
        key,
        label: key.slice(LATENCY_PREFIX.length),
        colorVar: PALETTE[i % PALETTE.length]!,
      })),
    },
  ];
}

/** uPlot's data for a chart: seconds on x, one array per series (gaps as null). */
export function alignedData(window: MetricsWindow, chart: ChartDef): [number[], ...(number | null)[][]] {
  const empty = (): (number | null)[] => new Array<number | null>(window.t.length).fill(null);
  return [window.t.map((ms) => ms / 1000), ...chart.series.map((s) => window.series[s.key] ?? empty())];
}

/** The newest non-null value of a series, for the legend. */
export function latest(window: MetricsWindow, key: string): number | null {
  const values = window.series[key];
  if (!values) return null;
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i]!;
  return null;
}
