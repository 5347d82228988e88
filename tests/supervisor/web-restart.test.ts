// Browser mode through the supervisor: the panel's WebSocket and HTTP server live in the
// supervisor, so a runtime restart does not drop them; calls during it answer 503 RESTARTING.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { startWebServer } from '../../src/main/web/web-server';
import type { EventFrame } from '../../src/shared/contract';
import { waitFor, within } from '../support/wait';
import { command, useSupervised } from './support';

const start = useSupervised();

describe('the panel across a runtime restart', () => {
  it('keeps its WebSocket, sees restarting → running, gets 503 meanwhile and answers afterwards', async () => {
    const s = await start({ files: { 'loop.ts': command('spin', '  call() { while (true) {} }') } });
    await s.supervisor.start();
    const web = await startWebServer({
      api: s.supervisor.api,
      logger: createLogging({ console: false }).child('web'),
      staticDir: null,
    });
    try {
      const post = async (method: string, body: unknown = {}) => {
        const res = await fetch(`${web.baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api/events?token=${web.token}`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let closed = false;
      ws.on('close', () => (closed = true));
      const states: string[] = [];
      let afterRestart = 0;
      ws.on('message', (data: Buffer) => {
        for (const item of JSON.parse(data.toString()) as EventFrame) {
          if (item.event === 'supervisor') states.push(item.data.state);
          else if (states.includes('running')) afterRestart++;
        }
      });
      expect((await post('status.get')).status).toBe(200);
      const pid = s.supervisor.status().runtimePid;

      // the loop blocks the runtime: its answer never comes, the stall is found, a new runtime starts
      const blocked = post('console.exec', { line: 'spin' });
      await waitFor('the restart to begin', () => states.includes('restarting'), 10_000);
      const during = await post('status.get');
      expect(during.status).toBe(503);
      expect(during.body).toMatchObject({
        ok: false,
        error: { code: 'RESTARTING', message: 'runtime restarting; try again in a moment' },
      });
      expect(await within(blocked, 5_000, 'the blocked call')).toMatchObject({
        status: 503,
        body: { ok: false, error: { code: 'RESTARTING' } },
      });
      // supervisor.status answers throughout
      expect((await post('supervisor.status')).status).toBe(200);

      await waitFor('running again', () => states.at(-1) === 'running', 15_000);
      const after = await post('status.get');
      expect(after.status).toBe(200);
      expect((after.body.data as { pid: number }).pid).not.toBe(pid);
      const supervisor = await post('supervisor.status');
      expect(supervisor.body).toMatchObject({
        ok: true,
        data: {
          state: 'running',
          restarts: 1,
          lastRestart: { reason: 'stall', culprit: { file: 'loop.ts' } },
        },
      });
      // events from the new runtime reach the same socket
      await post('logs.emit', { msg: 'hello after the restart' });
      await waitFor('events from the new runtime', () => afterRestart > 0, 5_000);
      expect(closed).toBe(false);
      expect(states).toEqual(['restarting', 'running']);
      ws.close();
    } finally {
      await web.close();
    }
  }, 30_000);
});
