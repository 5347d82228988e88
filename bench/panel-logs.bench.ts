// panel-logs: the Logs view following a heavy log in Chromium pinned to one core (taskset -c 0).
// The runtime (this process, pinned to the other core when it can be) writes 20 000 lines/s for
// 10 s; the page measures frame times with requestAnimationFrame deltas, and, during the load,
// the filter's input latency: keydown → the next painted frame showing the list filtered for it.
// Baseline, same run: the frame p95 of the same page with no load. Also the main thread's own
// busy time per second (CDP), which other processes on the core disturb less. Needs the built renderer
// (`npx electron-vite build`); Chromium is Debian's /usr/bin/chromium.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { createApi } from '../src/main/api/api';
import { Bot } from '../src/main/runtime/bot';
import { startWebServer } from '../src/main/web/web-server';
import { report } from './lib/report';

const RATE = Number(process.env.BENCH_LOG_RATE ?? 20_000);
const LOAD_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const IDLE_MS = 3_000;
/** Typed (and erased) one key at a time while the load runs. */
const FILTERS = ['tag7', 'user4'];
const CHROMIUM = '/usr/bin/chromium';
const renderer = path.resolve('out/renderer');

if (!existsSync(path.join(renderer, 'index.html'))) {
  console.error('panel-logs: out/renderer is missing: run `npx electron-vite build` first');
  process.exit(1);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-panel-'));
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(tmp, { recursive: true, force: true })];

/** Pins a process to one CPU with taskset; says so (loudly) when it cannot. */
function pin(pid: number, cpu: number): boolean {
  try {
    execFileSync('taskset', ['-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn(`panel-logs: WARNING could not pin pid ${pid} to CPU ${cpu} (no taskset?)`);
    return false;
  }
}

const cpus = os.availableParallelism();
if (cpus > 1) pin(process.pid, 1);

// Chromium and every process it starts run on CPU 0 only.
const wrapper = path.join(tmp, 'chromium-on-one-core.sh');
writeFileSync(wrapper, `#!/bin/sh\nexec taskset -c 0 ${CHROMIUM} "$@"\n`);
chmodSync(wrapper, 0o755);

try {
  const dataDir = path.join(tmp, 'data');
  const bot = await Bot.create({ dataDir, commandsDir: path.join(dataDir, 'commands'), logConsole: false });
  await bot.start();
  cleanups.push(() => bot.stop());
  const api = createApi(bot, {
    app: { name: 'bench', version: '0', mode: 'browser', electronVersion: null },
  });
  const web = await startWebServer({ api, logger: bot.logging.child('web'), staticDir: renderer });
  cleanups.push(() => web.close());

  const browser = await chromium.launch({
    executablePath: wrapper,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  cleanups.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${web.url}#/logs`);
  await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: 20_000 });
  await page.getByRole('log', { name: 'Log lines' }).waitFor();

  const idle = await frames(page, IDLE_MS);

  // The load: RATE lines/s, written in 5 ms slices, caught up by the clock, until stopped.
  const log = bot.logging.child('loadgen');
  let written = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const due = RATE * ((performance.now() - started) / 1000);
    for (; written < due; written++)
      log.info(
        { i: written, user: `user${written % 97}`, channel: '#general' },
        `load line ${written} tag${written % 10}`,
      );
  }, 5);
  cleanups.push(() => clearInterval(timer));

  await sleep(1_000); // the stream is at full rate
  // The renderer's own work (CPU time of its main thread), less sensitive than frame times to
  // other processes on the same core.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const workBefore = await mainThreadWork(cdp);
  const measureFrom = performance.now();
  await page.evaluate(startFrameRecorder);
  await sleep(LOAD_MS * 0.3);
  const latencies = await filterLatencies(page, FILTERS);
  const rest = LOAD_MS - (performance.now() - measureFrom);
  if (rest > 0) await sleep(rest);
  const loaded = await page.evaluate(stopFrameRecorder);
  const measuredS = (performance.now() - measureFrom) / 1000;
  const workAfter = await mainThreadWork(cdp);
  const busy = (key: keyof MainThreadWork): number => (workAfter[key] - workBefore[key]) / measuredS;
  clearInterval(timer);
  const elapsed = (performance.now() - started) / 1000;
  const heapMb = await page.evaluate(() => {
    const memory = (globalThis as unknown as PageScope).performance.memory;
    return memory ? memory.usedJSHeapSize / 1024 / 1024 : 0;
  });
  const held = await page.evaluate(
    () => (globalThis as unknown as PageScope).document.querySelectorAll('.log-row').length,
  );

  const p95 = percentile(loaded, 0.95);
  const idleP95 = percentile(idle, 0.95);
  report(
    'panel-logs',
    {
      frame_p95_ms: { value: p95, unit: 'ms' },
      filter_latency_ms: { value: percentile(latencies, 0.95), unit: 'ms' },
      filter_latency_median_ms: { value: percentile(latencies, 0.5), unit: 'ms' },
      frame_p95_idle_ms: { value: idleP95, unit: 'ms' },
      frame_p95_vs_idle: { value: p95 / idleP95, unit: 'ratio' },
      fps_under_load: { value: loaded.length / measuredS, unit: 'ops/s' },
      lines_per_s: { value: written / elapsed, unit: 'ops/s' },
      renderer_busy_fraction: { value: busy('task'), unit: 'ratio' },
      renderer_script_fraction: { value: busy('script'), unit: 'ratio' },
      renderer_layout_style_fraction: { value: busy('layout') + busy('style'), unit: 'ratio' },
      renderer_heap_mb: { value: heapMb, unit: 'MB' },
      rows_in_dom: { value: held, unit: 'count' },
    },
    {
      frame_p95_ms: `goal < 50 ms; ${loaded.length} frames, Chromium on one core`,
      filter_latency_ms: `goal < 100 ms; p95 of ${latencies.length} keystrokes during the load`,
      frame_p95_vs_idle: 'loaded p95 / idle p95 of the same page, same run',
      renderer_busy_fraction: 'main-thread task time per second of the load (CDP Performance metrics)',
    },
  );
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (err) {
      console.warn(`panel-logs: clean-up failed: ${(err as Error).message}`);
    }
  }
}

interface MainThreadWork {
  task: number;
  script: number;
  layout: number;
  style: number;
}

/** Seconds the renderer's main thread spent so far: all tasks, script, layout, style. */
async function mainThreadWork(cdp: CDPSession): Promise<MainThreadWork> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const of = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    task: of('TaskDuration'),
    script: of('ScriptDuration'),
    layout: of('LayoutDuration'),
    style: of('RecalcStyleDuration'),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

// ---- in the page ------------------------------------------------------------------------------
// (These functions run in Chromium; the bench is type-checked without the DOM library, so the
// little of the page they use is described here.)

interface PageElement {
  dataset: Record<string, string | undefined>;
  addEventListener(type: 'keydown', listener: (e: { timeStamp: number }) => void, options: object): void;
}

interface PageScope {
  requestAnimationFrame(callback: (now: number) => void): number;
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): { length: number };
  };
  performance: { memory?: { usedJSHeapSize: number } };
  __frames: Recorder;
  __latency: Promise<number>;
}

interface Recorder {
  deltas: number[];
  running: boolean;
}

function startFrameRecorder(): void {
  const page = globalThis as unknown as PageScope;
  const { requestAnimationFrame } = page;
  const rec: Recorder = { deltas: [], running: true };
  page.__frames = rec;
  let last = performance.now();
  const tick = (now: number): void => {
    rec.deltas.push(now - last);
    last = now;
    if (rec.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame((now) => {
    last = now;
    requestAnimationFrame(tick);
  });
}

function stopFrameRecorder(): number[] {
  const rec = (globalThis as unknown as PageScope).__frames;
  rec.running = false;
  return rec.deltas;
}

async function frames(page: Page, ms: number): Promise<number[]> {
  await page.evaluate(startFrameRecorder);
  await sleep(ms);
  return page.evaluate(stopFrameRecorder);
}

/**
 * Types each filter one key at a time (and clears it again); per key: the keydown's time stamp
 * to the first animation frame after the list was rendered for the new text (the frame that
 * paints it). The list says which text it was rendered for in `data-filter`.
 */
async function filterLatencies(page: Page, filters: string[]): Promise<number[]> {
  const input = page.getByRole('searchbox', { name: 'Filter log lines' });
  await input.focus();
  const out: number[] = [];
  for (const text of filters) {
    for (let i = 1; i <= text.length; i++) {
      out.push(await oneKey(page, text[i - 1]!, text.slice(0, i)));
      await sleep(150);
    }
    for (let i = text.length - 1; i >= 0; i--) {
      out.push(await oneKey(page, 'Backspace', text.slice(0, i)));
      await sleep(150);
    }
  }
  return out;
}

async function oneKey(page: Page, key: string, expected: string): Promise<number> {
  // the listener is in place (this evaluate returned) before the key goes down
  await page.evaluate((want) => {
    const scope = globalThis as unknown as PageScope;
    const { document, requestAnimationFrame } = scope;
    const input = document.querySelector('input[aria-label="Filter log lines"]');
    if (!input) throw new Error('no filter field');
    scope.__latency = new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(
        () =>
          reject(
            new Error(
              `the list never showed the filter "${want}" (it shows "${document.querySelector('.log-pane')?.dataset.filter}")`,
            ),
          ),
        10_000,
      );
      input.addEventListener(
        'keydown',
        (e) => {
          const down = e.timeStamp;
          const check = (): void => {
            const pane = document.querySelector('.log-pane');
            if (pane?.dataset.filter === want) {
              // rendered: the next frame is the one that paints it
              requestAnimationFrame((now) => {
                clearTimeout(timeout);
                resolve(now - down);
              });
            } else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        },
        { once: true, capture: true },
      );
    });
  }, expected);
  await page.keyboard.press(key);
  return page.evaluate(() => (globalThis as unknown as PageScope).__latency);
}
