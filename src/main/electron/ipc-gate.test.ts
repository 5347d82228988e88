import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannelOf } from '../../shared/contract';
import { startTestBot, testApi } from '../../../tests/support/test-bot';
import { useTmpDirs } from '../../../tests/support/tmp-dir';
import { handleIpcCall, methodOfChannel, type IpcCallMeta, type IpcGateOptions } from './ipc-gate';
import { APP_ENTRY_URL, APP_ORIGIN, isTrustedRendererUrl } from './renderer-origin';

const tmp = useTmpDirs();
const WINDOW_ID = 7;

function meta(overrides: Partial<IpcCallMeta> = {}): IpcCallMeta {
  return {
    channel: ipcChannelOf('status.get'),
    senderWebContentsId: WINDOW_ID,
    senderFrameUrl: APP_ENTRY_URL,
    ...overrides,
  };
}

function gate(router: IpcGateOptions['router'], onRejected = vi.fn()): IpcGateOptions {
  return {
    router,
    trustedWebContentsId: () => WINDOW_ID,
    isTrustedUrl: (url) => isTrustedRendererUrl(url, [APP_ORIGIN]),
    onRejected,
  };
}

describe('methodOfChannel', () => {
  it('maps contract channels to methods and nothing else', () => {
    expect(methodOfChannel('protos:call:status.get')).toBe('status.get');
    expect(methodOfChannel('protos:call:nope')).toBeNull();
    expect(methodOfChannel('protos:call:__proto__')).toBeNull();
    expect(methodOfChannel('protos:call:toString')).toBeNull();
    expect(methodOfChannel('status.get')).toBeNull();
    expect(methodOfChannel('protos:events')).toBeNull();
  });
});

describe('handleIpcCall over a real bot and router', () => {
  it('round-trips a valid call', async () => {
    const bot = await startTestBot(tmp());
    const api = testApi(bot);
    const options = gate(api.router);
    expect(await handleIpcCall(meta(), [{}], options)).toMatchObject({
      ok: true,
      data: { state: 'running', pid: process.pid },
    });
    expect(
      await handleIpcCall(meta({ channel: ipcChannelOf('logs.setLevel') }), [{ level: 'debug' }], options),
    ).toEqual({ ok: true, data: { level: 'debug' } });
    expect(bot.logging.level()).toBe('debug');
    // No argument at all is an empty input, as for the web transport.
    expect(await handleIpcCall(meta({ channel: ipcChannelOf('app.info') }), [], options)).toMatchObject({
      ok: true,
      data: { dataDir: bot.dataDir },
    });
    expect(options.onRejected).not.toHaveBeenCalled();
    api.dispose();
    await bot.stop();
  });

  it('answers an invalid payload with BAD_REQUEST and the issue path', async () => {
    const bot = await startTestBot(tmp());
    const api = testApi(bot);
    const result = await handleIpcCall(
      meta({ channel: ipcChannelOf('logs.setLevel') }),
      [{ level: 'loud' }],
      gate(api.router),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: ['level'] }] },
    });
    const nested = await handleIpcCall(
      meta({ channel: ipcChannelOf('logs.tail') }),
      [{ limit: 0 }],
      gate(api.router),
    );
    expect(nested).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', issues: [{ path: ['limit'] }] },
    });
    api.dispose();
    await bot.stop();
  });
});

describe('handleIpcCall refusals (the router is never reached)', () => {
  const router = { call: vi.fn(async () => ({ ok: true as const, data: 'reached' })) };
  beforeEach(() => router.call.mockClear());

  it('rejects an unknown channel', async () => {
    const onRejected = vi.fn();
    for (const channel of ['protos:call:nope', 'protos:call:constructor', 'evil', 'protos:events']) {
      const result = await handleIpcCall(meta({ channel }), [{}], gate(router, onRejected));
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    expect(onRejected).toHaveBeenCalledTimes(4);
    expect(router.call).not.toHaveBeenCalled();
  });

  it('rejects a foreign sender webContents, and any sender while there is no window', async () => {
    const result = await handleIpcCall(meta({ senderWebContentsId: WINDOW_ID + 1 }), [{}], gate(router));
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noWindow = await handleIpcCall(meta(), [{}], { ...gate(router), trustedWebContentsId: () => null });
    expect(noWindow).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(router.call).not.toHaveBeenCalled();
  });

  it('rejects a foreign frame URL, a credentialed look-alike and a gone frame', async () => {
    for (const senderFrameUrl of [
      'https://evil.example/',
      'file:///home/user/page.html',
      'app://panel.evil/index.html',
      'app://evil/index.html',
      'http://panel/index.html',
      'app://user:pw@panel/index.html',
      'not a url',
      null,
    ]) {
      const result = await handleIpcCall(meta({ senderFrameUrl }), [{}], gate(router));
      expect(result, String(senderFrameUrl)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(router.call).not.toHaveBeenCalled();
  });

  it('rejects more than one argument', async () => {
    const result = await handleIpcCall(meta(), [{}, 'extra'], gate(router));
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(router.call).not.toHaveBeenCalled();
  });

  it('passes trusted calls to the router with the ipc transport', async () => {
    expect(await handleIpcCall(meta(), [{ a: 1 }], gate(router))).toEqual({ ok: true, data: 'reached' });
    expect(router.call).toHaveBeenCalledWith('status.get', { a: 1 }, { transport: 'ipc' });
  });
});
