import { describe, expect, it } from 'vitest';
import type { Adapter } from '../runtime/adapters/types';
import type { AdapterState, AdapterStatus } from '../../shared/dto/status';
import { useTmpDirs } from '../../../tests/support/tmp-dir';
import { startTestBot, testApi } from '../../../tests/support/test-bot';

const tmp = useTmpDirs();
const ctx = { transport: 'test' } as const;

/** A network adapter that only keeps its state (stop can be made to fail). */
function fakeAdapter(id: string, failStop = false): Adapter {
  let state: AdapterState = 'stopped';
  return {
    id,
    network: 'irc',
    limits: { maxMessageLength: 400, maxLines: 5 } as never,
    attach: () => undefined,
    start: async () => void (state = 'connected'),
    stop: async () => {
      if (failStop) throw new Error('socket stuck');
      state = 'stopped';
    },
    status: (): AdapterStatus => ({
      id,
      network: 'irc',
      label: id,
      state,
      latencyMs: state === 'connected' ? 12 : null,
      guilds: 0,
      channels: 0,
      reconnects: 0,
      lastError: null,
    }),
    send: async () => undefined,
  };
}

describe('bot control over a real bot', () => {
  it('stops and starts the network adapters while the console keeps working', async () => {
    const bot = await startTestBot(tmp());
    await bot.addAdapter(fakeAdapter('irc-a'));
    await bot.addAdapter(fakeAdapter('irc-b'));
    const api = testApi(bot);
    const states = (data: unknown) =>
      Object.fromEntries((data as { adapters: AdapterStatus[] }).adapters.map((a) => [a.id, a.state]));
    const stopped = await api.router.call('bot.stopAdapters', {}, ctx);
    expect(stopped.ok && states(stopped.data)).toEqual({
      console: 'connected',
      'irc-a': 'stopped',
      'irc-b': 'stopped',
    });
    const started = await api.router.call('bot.startAdapters', {}, ctx);
    expect(started.ok && states(started.data)).toMatchObject({ 'irc-a': 'connected', 'irc-b': 'connected' });
    api.dispose();
    await bot.stop();
  });

  it('names the adapter that failed to stop and still stops the others', async () => {
    const bot = await startTestBot(tmp());
    await bot.addAdapter(fakeAdapter('stuck', true));
    await bot.addAdapter(fakeAdapter('fine'));
    const api = testApi(bot);
    const result = await api.router.call('bot.stopAdapters', {}, ctx);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: /stuck: socket stuck/ },
    });
    expect(bot.adapter('fine')!.status().state).toBe('stopped');
    expect(bot.state).toBe('running');
    api.dispose();
    await bot.stop().catch(() => undefined);
  });

  it('answers supervisor.restart with UNAVAILABLE when no supervisor runs the runtime', async () => {
    const bot = await startTestBot(tmp());
    const api = testApi(bot);
    expect(await api.router.call('supervisor.restart', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: /without a supervisor/ },
    });
    api.dispose();
    await bot.stop();
  });

  it('counts console messages, commands and logged errors into the metrics window', async () => {
    const bot = await startTestBot(tmp());
    await bot.addAdapter(fakeAdapter('irc-m'));
    const api = testApi(bot);
    const start = Date.now();
    bot.metrics.tick(start);
    await bot.console.exec('panel', 'help', null);
    await bot.console.exec('panel', 'nosuchcommand', null);
    bot.logger.error('something broke');
    await new Promise((r) => setImmediate(r)); // bus handlers run on the next turn
    bot.metrics.tick(start + 1000);
    const result = await api.router.call('metrics.get', {}, ctx);
    expect(result.ok).toBe(true);
    const window = result.ok
      ? (result.data as { t: number[]; series: Record<string, (number | null)[]> })
      : null;
    expect(window!.t.slice(-2)).toEqual([start, start + 1000]);
    expect(window!.series.messages!.at(-1)).toBe(2);
    expect(window!.series.commands!.at(-1)).toBe(1);
    expect(window!.series.errors!.at(-1)).toBeGreaterThanOrEqual(1);
    expect(window!.series['latency:irc-m']!.at(-1)).toBe(12);
    expect(window!.series['latency:console']).toBeUndefined(); // the console has no network latency
    api.dispose();
    await bot.stop();
  });
});
