import { chmodSync, mkdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiSurface } from '../../src/main/api/api';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { PANEL_SESSION_FILE, PanelSessionStore } from '../../src/main/web/panel-session';
import { startPanelServer } from '../../src/main/web/panel-server';
import type { WebServer } from '../../src/main/web/web-server';
import { useTmpDirs } from '../support/tmp-dir';

const tmp = useTmpDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const posix = process.platform !== 'win32';
const logging = createLogging({ console: false, ringCapacity: 100 });
/** Answers every relayed call with the method name, so tests see what reached "the runtime". */
const api: ApiSurface = {
  router: { call: async (method) => ({ ok: true, data: { relayed: method } }) },
  events: { subscribe: () => () => undefined },
};

async function start(dataDir: string, port = 0): Promise<WebServer> {
  const web = await startPanelServer({ dataDir, api, logger: logging.child('web'), staticDir: null, port });
  closers.push(() => web.close());
  return web;
}

interface Reply {
  ok: boolean;
  data: { token: string; url: string; relayed?: string };
  error: { code: string; message: string };
}

async function call(web: WebServer, method: string, token: string, body: unknown = {}) {
  const res = await fetch(`${web.baseUrl}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, cookie: res.headers.get('set-cookie'), body: (await res.json()) as Reply };
}

function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

describe('panel session store', () => {
  it('creates the session file with mode 0600 and returns the same token on the next load', async () => {
    const dir = tmp();
    const store = new PanelSessionStore(dir);
    const first = await store.load();
    expect(first.replaced).toBeNull();
    expect(first.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    if (posix) expect(modeOf(store.file)).toBe(0o600);
    const second = await new PanelSessionStore(dir).load();
    expect(second.session).toEqual(first.session);
  });

  it.runIf(posix)('tightens a session file that others can read', async () => {
    const dir = tmp();
    const store = new PanelSessionStore(dir);
    await store.load();
    chmodSync(store.file, 0o644);
    await store.load();
    expect(modeOf(store.file)).toBe(0o600);
  });

  it.each([
    ['not JSON', '{ token: '],
    ['a short token', JSON.stringify({ token: 'abc', port: null })],
    ['a bad port', JSON.stringify({ token: 'a'.repeat(43), port: 70_000 })],
    ['an unknown key', JSON.stringify({ token: 'a'.repeat(43), port: null, extra: 1 })],
  ])('replaces a file holding %s with a fresh session and keeps the bad one as .bad', async (_, text) => {
    const dir = tmp();
    const file = path.join(dir, PANEL_SESSION_FILE);
    writeFileSync(file, text);
    const loaded = await new PanelSessionStore(dir).load();
    expect(loaded.replaced).toContain('unusable');
    expect(loaded.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(`${file}.bad`, 'utf8')).toBe(text);
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe(loaded.session.token);
  });
});

describe('browser-mode panel session across restarts', () => {
  it('keeps the token and the port across a restart with the same data dir', async () => {
    const dir = tmp();
    const first = await start(dir);
    const { token, port, url } = first;
    await first.close();
    const second = await start(dir);
    expect(second.port).toBe(port);
    expect(second.token).toBe(token);
    expect(second.url).toBe(url);
    expect((await call(second, 'app.info', token)).body).toEqual({ ok: true, data: { relayed: 'app.info' } });
  });

  it('falls back to a free port when the remembered one is taken, and remembers the new one', async () => {
    const dir = tmp();
    const first = await start(dir);
    const taken = first.port;
    await first.close();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(taken, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const second = await start(dir);
    expect(second.port).not.toBe(taken);
    expect(JSON.parse(readFileSync(path.join(dir, PANEL_SESSION_FILE), 'utf8')).port).toBe(second.port);
  });

  it('fails loudly when an explicitly configured port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as net.AddressInfo).port;
    await expect(start(tmp(), port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('rotation: the new token works and is stored, the old one is refused, open sockets close', async () => {
    const dir = tmp();
    const web = await start(dir);
    const old = web.token;
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api/events?token=${old}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

    const rotated = await call(web, 'panel.rotateToken', old);
    expect(rotated.status).toBe(200);
    const next = rotated.body.data.token as string;
    expect(next).not.toBe(old);
    expect(rotated.body.data.url).toBe(`http://127.0.0.1:${web.port}/?token=${next}`);
    expect(rotated.cookie).toContain(`protos_token=${next}`);
    expect(await closed).toBe(4001);
    expect((await call(web, 'app.info', old)).status).toBe(401);
    expect((await call(web, 'app.info', next)).status).toBe(200);
    await web.close();
    closers.pop();
    expect((await start(dir)).token).toBe(next);
  });

  it('rotation refuses input, and is never relayed to the runtime', async () => {
    const web = await start(tmp());
    const bad = await call(web, 'panel.rotateToken', web.token, { token: 'mine' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    const good = await call(web, 'panel.rotateToken', web.token);
    expect(good.body.data.relayed).toBeUndefined();
  });

  it('a rotation that cannot be stored keeps the old token valid', async () => {
    const dir = tmp();
    const web = await start(dir);
    const old = web.token;
    // a directory where the temp file goes: the write fails whoever runs the test
    const blocker = path.join(dir, `${PANEL_SESSION_FILE}.${process.pid}.tmp`);
    mkdirSync(blocker);
    const res = await call(web, 'panel.rotateToken', old);
    expect(res.status).toBe(500);
    expect(res.body.error.message).toContain('could not store the new token');
    expect(web.token).toBe(old);
    expect((await call(web, 'app.info', old)).status).toBe(200);
    expect(JSON.parse(readFileSync(path.join(dir, PANEL_SESSION_FILE), 'utf8')).token).toBe(old);
    rmdirSync(blocker);
    expect((await call(web, 'panel.rotateToken', old)).status).toBe(200);
  });
});

describe('the session cookie', () => {
  const post = (web: WebServer, headers: Record<string, string>) =>
    fetch(`${web.baseUrl}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    }).then((r) => r.status);

  it('lets a tab without a token in (API and socket), but a wrong explicit token is refused', async () => {
    const web = await start(tmp());
    const cookie = `protos_token=${web.token}`;
    expect(await post(web, { cookie })).toBe(200);
    expect(await post(web, { cookie, authorization: 'Bearer wrong' })).toBe(401);
    expect(await post(web, { cookie: 'protos_token=wrong' })).toBe(401);
    expect(await post(web, {})).toBe(401);

    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api/events`, { headers: { cookie } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
    const refused = new WebSocket(`ws://127.0.0.1:${web.port}/api/events?token=wrong`, {
      headers: { cookie },
    });
    await expect(
      new Promise((resolve, reject) => refused.once('open', resolve).once('error', reject)),
    ).rejects.toThrow(/401/);
  });

  it('a cookie with a rotated-away token no longer works', async () => {
    const web = await start(tmp());
    const old = `protos_token=${web.token}`;
    await web.rotateToken();
    expect(await post(web, { cookie: old })).toBe(401);
    expect(await post(web, { cookie: `protos_token=${web.token}` })).toBe(200);
  });
});
