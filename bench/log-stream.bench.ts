// log-stream: log lines produced by the runtime, delivered through the browser-mode web
// transport (batched frames over a WebSocket) to a client, for 10 s. Nothing may be dropped.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createApi } from '../src/main/api/api';
import { Bot } from '../src/main/runtime/bot';
import { startWebServer } from '../src/main/web/web-server';
import { report } from './lib/report';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const CHUNK = 200;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-bench-'));
const bot = await Bot.create({ dataDir, commandsDir: path.join(dataDir, 'commands'), logConsole: false });
await bot.start();
const api = createApi(bot, { app: { name: 'bench', version: '0', mode: 'browser', electronVersion: null } });
const web = await startWebServer({ api, logger: bot.logging.child('web'), staticDir: null });

const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api/events?token=${web.token}`);
await new Promise<void>((resolve, reject) => {
  ws.once('open', () => resolve());
  ws.once('error', reject);
});
let delivered = 0;
let frames = 0;
ws.on('message', (data) => {
  frames++;
  const frame = JSON.parse(String(data)) as { event: string; data: { name: string }[] }[];
  for (const item of frame) {
    if (item.event !== 'logs') continue;
    for (const entry of item.data) if (entry.name === 'bench') delivered++;
  }
});
let closed = false;
ws.on('close', () => (closed = true));

const log = bot.logging.child('bench');
let produced = 0;
const started = performance.now();
while (performance.now() - started < DURATION_MS) {
  for (let i = 0; i < CHUNK; i++)
    log.info({ i: produced++, user: 'someone', channel: '#general' }, 'bench line');
  // yield so the transport can flush batches, as a busy runtime's event loop would
  await new Promise((resolve) => setImmediate(resolve));
}
const producedMs = performance.now() - started;
const drainUntil = performance.now() + 10_000;
while (delivered < produced && performance.now() < drainUntil && !closed)
  await new Promise((r) => setTimeout(r, 20));
const totalMs = performance.now() - started;

report(
  'log-stream',
  {
    delivered_lines_per_s: { value: delivered / (totalMs / 1000), unit: 'ops/s' },
    delivery_ratio: { value: delivered / produced, unit: 'ratio' },
    produced_lines_per_s: { value: produced / (producedMs / 1000), unit: 'ops/s' },
  },
  {
    delivered_lines_per_s: 'goal ≥ 20000',
    delivery_ratio: `goal 1.0; ${delivered}/${produced} lines in ${frames} frames`,
  },
);

ws.close();
await web.close();
api.dispose();
await bot.stop();
rmSync(dataDir, { recursive: true, force: true });
