import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getPath, setPath } from '../../src/main/runtime/config/paths';
import { mergeSecrets } from '../../src/main/runtime/config/secrets';
import { UnsafePathError, toNullProtoJson } from '../../src/shared/config/safe-keys';
import type { Bot } from '../../src/main/runtime/bot';
import type { Api } from '../../src/main/api/api';
import { useTmpDirs } from '../support/tmp-dir';
import { startTestBot, testApi } from '../support/test-bot';

const tmp = useTmpDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  // whatever a test did, nothing may be left on the shared prototypes
  for (const key of ['x', 'polluted', 'isAdmin']) delete (Object.prototype as Record<string, unknown>)[key];
});

async function setup(): Promise<{ bot: Bot; api: Api }> {
  const bot = await startTestBot(path.join(tmp(), 'data'));
  const api = testApi(bot);
  cleanup.push(async () => {
    api.dispose();
    await bot.stop();
  });
  return { bot, api };
}

const call = (api: Api, method: string, input: unknown) =>
  api.router.call(method, input, { transport: 'test' });

describe('config.set cannot reach a prototype', () => {
  const hostile = ['__proto__.x', 'constructor.prototype.x', 'discord.__proto__.x', 'irc.servers.__proto__'];

  for (const secretPath of hostile) {
    it(`refuses the secret path ${secretPath} and leaves Object.prototype alone`, async () => {
      const { api } = await setup();
      const got = (await call(api, 'config.get', {})) as { ok: true; data: { stored: unknown } };
      const result = await call(api, 'config.set', {
        config: got.data.stored,
        secrets: { [secretPath]: 'y' },
      });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('BAD_REQUEST');
        expect(result.error.message).toContain(secretPath);
      }
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'x')).toBe(false);
      // and the API keeps working
      const after = await call(api, 'config.get', {});
      expect(after.ok).toBe(true);
    });
  }

  it('accepts a secret path the schema declares and stores it', async () => {
    const { api, bot } = await setup();
    const got = (await call(api, 'config.get', {})) as {
      ok: true;
      data: { stored: Record<string, unknown> };
    };
    const stored = got.data.stored;
    const config = { ...stored, irc: { servers: [{ host: '127.0.0.1', port: 1 }] } };
    const result = await call(api, 'config.set', { config, secrets: { 'irc.servers.0.password': 'pw' } });
    expect(result).toMatchObject({ ok: true, data: { ok: true } });
    expect(bot.config.stored().irc.servers[0]?.password).toBe('pw');
  });

  it('refuses a secret path for a slot that does not exist (no server 3)', async () => {
    const { api } = await setup();
    const got = (await call(api, 'config.get', {})) as { ok: true; data: { stored: unknown } };
    const result = await call(api, 'config.set', {
      config: got.data.stored,
      secrets: { 'irc.servers.3.password': 'pw' },
    });
    expect(result.ok).toBe(false);
  });

  it('a config body with an own "__proto__" key (as JSON.parse makes it) pollutes nothing', async () => {
    const { api } = await setup();
    const got = (await call(api, 'config.get', {})) as {
      ok: true;
      data: { stored: Record<string, unknown> };
    };
    const config = JSON.parse(
      JSON.stringify(got.data.stored).replace(/^\{/, '{"__proto__":{"polluted":true},'),
    ) as unknown;
    const result = await call(api, 'config.set', { config, secrets: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // the forbidden key is dropped, the rest is a valid config
    expect(result.ok).toBe(true);
  });
});

describe('path walkers', () => {
  it('getPath and setPath refuse __proto__, constructor and prototype', () => {
    for (const p of ['__proto__.x', 'a.constructor', 'a.prototype.b']) {
      expect(() => setPath({}, p, 1)).toThrow(UnsafePathError);
      expect(() => getPath({}, p)).toThrow(UnsafePathError);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('getPath reads own values only', () => {
    expect(getPath({ a: {} }, 'a.toString')).toBeUndefined();
    expect(getPath({ a: { b: 2 } }, 'a.b')).toBe(2);
  });

  it('toNullProtoJson drops forbidden keys at any depth and leaves no prototype', () => {
    const parsed = JSON.parse(
      '{"a":{"__proto__":{"isAdmin":true},"b":[{"constructor":1,"c":2}]}}',
    ) as unknown;
    const safe = toNullProtoJson(parsed) as { a: { b: { c: number }[] } };
    expect(Object.getPrototypeOf(safe)).toBeNull();
    expect(Object.getPrototypeOf(safe.a)).toBeNull();
    expect(Object.keys(safe.a)).toEqual(['b']);
    expect(Object.keys(safe.a.b[0]!)).toEqual(['c']);
  });

  it('mergeSecrets refuses a change outside the secret list', () => {
    expect(() => mergeSecrets({ discord: {} }, {}, { 'discord.api': 'http://evil' })).toThrow(/not a secret/);
    expect(() => mergeSecrets({ discord: {} }, {}, { 'discord.token': 't' })).not.toThrow();
  });
});
