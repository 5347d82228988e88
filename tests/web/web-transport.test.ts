import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventFrame } from '../../src/shared/contract';
import type { Api } from '../../src/main/api/api';
import type { Bot } from '../../src/main/runtime/bot';
import { startWebServer, type WebServer } from '../../src/main/web/web-server';
import { useTmpDirs } from '../support/tmp-dir';
import { startTestBot, testApi } from '../support/test-bot';

const tmp = useTmpDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Setup {
  bot: Bot;
  api: Api;
  web: WebServer;
  staticDir: string;
}

async function setup(): Promise<Setup> {
  const dir = tmp();
  const staticDir = path.join(dir, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>panel</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  const bot = await startTestBot(path.join(dir, 'data'));
  const api = testApi(bot);
  const web = await startWebServer({ api, logger: bot.logging.child('web'), staticDir });
  cleanup.push(async () => {
    await web.close();
    api.dispose();
    await bot.stop();
  });
  return { bot, api, web, staticDir };
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so Host and Origin can be set to anything (fetch forbids that). */
function request(
  web: WebServer,
  pathAndQuery: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: web.port,
        path: pathAndQuery,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function call(web: WebServer, method: string, body: unknown, headers: Record<string, string> = {}) {
  return request(web, `/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('web transport: API', () => {
  it('round-trips a valid request', async () => {
    const { web } = await setup();
    const res = await call(web, 'status.get', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, data: { state: 'running' } });
  });

  it('answers 401 without or with a wrong token', async () => {
    const { web } = await setup();
    const none = await request(web, '/api/status.get', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const wrong = await call(web, 'status.get', {}, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const inQuery = await request(web, `/api/status.get?token=${web.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(inQuery.status).toBe(401);
  });

  it('answers 400 with the zod issue path for an invalid payload', async () => {
    const { web } = await setup();
    const res = await call(web, 'logs.tail', { limit: 'many' });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.body);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.issues[0].path).toEqual(['limit']);
  });

  it('answers 400 for malformed JSON and 415 for a non-JSON content type', async () => {
    const { web } = await setup();
    const bad = await call(web, 'status.get', {}, {});
    expect(bad.status).toBe(200);
    const malformed = await request(web, '/api/status.get', {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
      body: '{"unterminated',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.message).toMatch(/malformed request body/);
    const form = await request(web, '/api/status.get', {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('answers 404 for an unknown method and 405 for GET', async () => {
    const { web } = await setup();
    expect((await call(web, 'does.not.exist', {})).status).toBe(404);
    const get = await request(web, '/api/status.get', { headers: { authorization: `Bearer ${web.token}` } });
    expect(get.status).toBe(405);
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding) with 403', async () => {
    const { web } = await setup();
    expect((await call(web, 'status.get', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(web, 'status.get', {}, { origin: `http://127.0.0.1:${web.port}` })).status).toBe(200);
    expect((await call(web, 'status.get', {}, { host: `evil.example:${web.port}` })).status).toBe(403);
  });

  it('refuses an oversized body without dying', async () => {
    const { web } = await setup();
    const res = await request(web, '/api/logs.emit', {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
      body: 'x'.repeat(9 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect((await call(web, 'status.get', {})).status).toBe(200);
  });
});

describe('web transport: pages', () => {
  it('serves the panel with the token, sets an HttpOnly cookie, and 401 without', async () => {
    const { web } = await setup();
    const withToken = await request(web, `/?token=${web.token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.body).toContain('<title>panel</title>');
    expect(withToken.headers['content-security-policy']).toContain("default-src 'self'");
    const cookie = String(withToken.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await request(web, '/')).status).toBe(401);
    expect((await request(web, '/?token=wrong')).status).toBe(401);
    const asset = await request(web, '/assets/app.js', { headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect((await request(web, '/assets/app.js')).status).toBe(401);
  });

  it('never serves files outside the renderer dir', async () => {
    const { web } = await setup();
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const res = await request(web, `${p}${p.includes('?') ? '&' : '?'}token=${web.token}`);
      expect(res.body).not.toContain('do not serve');
    }
  });
});

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('web transport: event socket', () => {
  it('refuses a socket without the token or from a foreign origin', async () => {
    const { web } = await setup();
    const wsBase = `ws://127.0.0.1:${web.port}/api/events`;
    await expect(connect(wsBase)).rejects.toThrow(/401/);
    await expect(connect(`${wsBase}?token=wrong`)).rejects.toThrow(/401/);
    await expect(connect(`${wsBase}?token=${web.token}`, { origin: 'http://evil.example' })).rejects.toThrow(
      /403/,
    );
  });

  it('pushes log lines in batches, not one message per line', async () => {
    const { web, bot } = await setup();
    const ws = await connect(`ws://127.0.0.1:${web.port}/api/events?token=${web.token}`);
    cleanup.push(async () => ws.close());
    const frames: EventFrame[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as EventFrame));
    for (let i = 0; i < 500; i++) bot.logger.info({ i }, 'burst');
    await new Promise((r) => setTimeout(r, 200));
    const lines = frames
      .flatMap((f) => f.filter((e) => e.event === 'logs').flatMap((e) => e.data as { msg: string }[]))
      .filter((e) => e.msg === 'burst');
    expect(lines).toHaveLength(500);
    expect(frames.length).toBeLessThan(10);
  });
});
