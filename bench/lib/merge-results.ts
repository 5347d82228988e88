// Two benches sharing one results file (`orm` and `orm-postgres` both fill orm.json): each
// rewrites only the metrics it owns and keeps the other's.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, type Metrics } from './report';

const round = (n: number): number => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);

/** The metrics of bench/results/NAME.json (empty when there is none or it is unreadable). */
export function readResults(name: string): Metrics {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  if (!existsSync(file)) return {};
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { metrics?: Metrics }).metrics ?? {};
  } catch {
    return {};
  }
}

/**
 * Adds `metrics` to bench/results/NAME.json (written by `report` first or not), keeping the
 * metrics already there that `owns` does not claim; nothing is printed.
 */
export function mergeResults(name: string, metrics: Metrics, owns: (key: string) => boolean): void {
  const kept = Object.entries(readResults(name)).filter(([key]) => !owns(key) && !(key in metrics));
  const added = Object.entries(metrics).map(([key, m]) => [key, { value: round(m.value), unit: m.unit }]);
  const all = Object.fromEntries([...kept, ...added]) as Metrics;
  writeFileSync(
    path.join(RESULTS_DIR, `${name}.json`),
    `${JSON.stringify({ name, metrics: all }, null, 2)}\n`,
  );
}
