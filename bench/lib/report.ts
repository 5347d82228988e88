import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Unit = 'ratio' | 'ms' | 'MB' | 'ops/s' | 'count';

export interface Metric {
  value: number;
  unit: Unit;
}

export type Metrics = Record<string, Metric>;

/** bench/results under the repository root (benches run with the root as working directory). */
export const RESULTS_DIR = path.resolve(process.cwd(), 'bench', 'results');

const round = (n: number): number => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);

/** Writes bench/results/NAME.json and prints one line per metric. */
export function report(name: string, metrics: Metrics, notes: Record<string, string> = {}): void {
  const rounded: Metrics = Object.fromEntries(
    Object.entries(metrics).map(([key, m]) => [key, { value: round(m.value), unit: m.unit }]),
  );
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    path.join(RESULTS_DIR, `${name}.json`),
    `${JSON.stringify({ name, metrics: rounded }, null, 2)}\n`,
  );
  for (const [key, m] of Object.entries(rounded)) {
    const note = notes[key] ? `  (${notes[key]})` : '';
    console.log(`${name} ${key} ${m.value} ${m.unit}${note}`);
  }
}
