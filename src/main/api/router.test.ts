import { describe, expect, it } from 'vitest';
import { useTmpDirs } from '../../../tests/support/tmp-dir';
import { startTestBot, testApi } from '../../../tests/support/test-bot';
import { createLogging } from '../runtime/logging/logging';
import { ApiError, Router, type Handlers } from './router';

const tmp = useTmpDirs();
const ctx = { transport: 'test' } as const;

describe('Router over a real bot', () => {
  it('round-trips a valid call and validates its output against the contract', async () => {
    const bot = await startTestBot(tmp());
    const api = testApi(bot);
    const result = await api.router.call('status.get', {}, ctx);
    expect(result).toMatchObject({ ok: true, data: { state: 'running', pid: process.pid } });
    const info = await api.router.call('app.info', {}, ctx);
    expect(info).toMatchObject({ ok: true, data: { mode: 'browser', dataDir: bot.dataDir } });
    api.dispose();
    await bot.stop();
  });

  it('applies input defaults', async () => {
    const bot = await startTestBot(tmp());
    const api = testApi(bot);
    bot.logger.info('one');
    const result = await api.router.call('logs.tail', {}, ctx);
    expect(result.ok && (result.data as { capacity: number }).capacity).toBe(50_000);
    api.dispose();
    await bot.stop();
  });

  it('answers an unknown method with NOT_FOUND', async () => {
    const bot = await startTestBot(tmp());
    const api = testApi(bot);
    expect(await api.router.call('nope.nothing', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await api.router.call('__proto__', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await api.router.call('toString', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    api.dispose();
    await bot.stop();
  });

  it('answers invalid input with BAD_REQUEST and the zod issue path', async () => {
    const bot = await startTestBot(tmp());
    const api = testApi(bot);
    const result = await api.router.call('logs.setLevel', { level: 'loud' }, ctx);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: ['level'] }] },
    });
    const extra = await api.router.call('status.get', { sneaky: 1 }, ctx);
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const notObject = await api.router.call('logs.tail', 'hello', ctx);
    expect(notObject).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    api.dispose();
    await bot.stop();
  });

  it('changes the log level live', async () => {
    const bot = await startTestBot(tmp());
    const api = testApi(bot);
    expect(await api.router.call('logs.setLevel', { level: 'debug' }, ctx)).toEqual({
      ok: true,
      data: { level: 'debug' },
    });
    expect(bot.logging.level()).toBe('debug');
    api.dispose();
    await bot.stop();
  });
});

describe('Router error mapping', () => {
  const logging = createLogging({ console: false });
  const base = {} as Handlers;

  it('turns a throwing handler into INTERNAL with an error id that matches the log', async () => {
    const router = new Router(
      {
        ...base,
        'status.get': () => {
          throw new Error('secret internals');
        },
      },
      logging.child('api'),
    );
    const result = await router.call('status.get', {}, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toContain('secret internals');
    const logged = logging.ring.tail(5).find((e) => e.fields?.errorId === result.error.errorId);
    expect(logged?.err?.message).toBe('secret internals');
  });

  it('passes an ApiError body through', async () => {
    const router = new Router(
      {
        ...base,
        'status.get': () => {
          throw new ApiError({ code: 'CONFLICT', message: 'busy' });
        },
      },
      logging.child('api'),
    );
    expect(await router.call('status.get', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'busy' },
    });
  });

  it('catches output that violates the contract when asked to', async () => {
    const router = new Router(
      { ...base, 'logs.getLevel': () => ({ level: 'loud' }) as never },
      logging.child('api'),
      { validateOutput: true },
    );
    expect(await router.call('logs.getLevel', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});
