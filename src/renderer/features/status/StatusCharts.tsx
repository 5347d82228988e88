import { useMemo } from 'react';
import { alignedData, chartsFor, latest, type ChartDef } from './chart-data';
import { useMetricsStore } from './metrics-store';
import { canDraw, TimeChart } from './TimeChart';
import type { MetricsWindow } from '../../../shared/dto/metrics';

const DRAWABLE = canDraw();

function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const shown = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return unit === '/s' ? `${shown}/s` : `${shown} ${unit}`;
}

function ChartCard({ chart, window }: { chart: ChartDef; window: MetricsWindow }) {
  const data = useMemo(() => alignedData(window, chart), [window, chart]);
  const minutes = Math.round((window.t.length * window.resolutionMs) / 60_000);
  return (
    <figure className="chart-card" data-testid={`chart-${chart.id}`}>
      <figcaption className="chart-head">
        <h3>{chart.title}</h3>
        <span className="chart-span">{minutes < 1 ? 'last minute' : `last ${minutes} min`}</span>
      </figcaption>
      {chart.series.length === 0 ? (
        <div className="panel-empty">No network adapter reports a latency.</div>
      ) : (
        <>
          <ul className="chart-legend" aria-label={`${chart.title} now`}>
            {chart.series.map((s) => (
              <li key={s.key}>
                <span
                  className="chart-swatch"
                  style={{ background: `var(${s.colorVar})` }}
                  aria-hidden="true"
                />
                {s.label} <strong>{formatValue(latest(window, s.key), chart.unit)}</strong>
              </li>
            ))}
          </ul>
          {DRAWABLE && <TimeChart chart={chart} data={data} />}
        </>
      )}
    </figure>
  );
}

/** Charts over the runtime's time series (the last 15 minutes at one point a second). */
export function StatusCharts() {
  const window = useMetricsStore((s) => s.window);
  const error = useMetricsStore((s) => s.error);
  const charts = useMemo(() => (window ? chartsFor(window) : []), [window]);
  return (
    <section className="panel" aria-label="Charts">
      <header className="panel-header">
        <h2>Over time</h2>
        <span className="panel-meta">one point a second</span>
      </header>
      {error && !window && <div className="panel-empty">Could not load the charts: {error}</div>}
      {!error && !window && <div className="panel-empty">Loading…</div>}
      {window && (
        <div className="chart-grid">
          {charts.map((chart) => (
            <ChartCard key={chart.id} chart={chart} window={window} />
          ))}
        </div>
      )}
    </section>
  );
}
