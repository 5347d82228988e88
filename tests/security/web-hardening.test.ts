import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/main/runtime/bot';
import { startWebServer, type WebServer } from '../../src/main/web/web-server';
import { useTmpDirs } from '../support/tmp-dir';
import { startTestBot, testApi } from '../support/test-bot';

const tmp = useTmpDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(): Promise<{ bot: Bot; web: WebServer }> {
  const dir = tmp();
  const staticDir = path.join(dir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>panel</title>');
  const bot = await startTestBot(path.join(dir, 'data'));
  const api = testApi(bot);
  const web = await startWebServer({ api, logger: bot.logging.child('web'), staticDir });
  cleanup.push(async () => {
    await web.close();
    api.dispose();
    await bot.stop();
  });
  return { bot, web };
}

/** A raw request: the path is sent byte for byte (no URL normalisation by a client library). */
function request(
  web: WebServer,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: web.port,
        path: rawPath,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${web.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const errorsLogged = (bot: Bot): string[] =>
  bot.logging.ring
    .tail(10_000)
    .filter((e) => e.level === 'error' || e.level === 'fatal')
    .map((e) => e.msg);

describe('web transport hardening', () => {
  for (const bad of ['/api/%', '/api/%zz', '/api/status.get%E0%A4%A']) {
    it(`answers 400 for the bad percent-encoding ${bad}, logging no error`, async () => {
      const { bot, web } = await setup();
      const res = await request(web, bad, {
        method: 'POST',
        headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(res.body).not.toMatch(/URIError|at .*\.ts:\d+/);
      expect(errorsLogged(bot)).toEqual([]);
    });
  }

  it('a bad escape in the token cookie is a missing token (401), not a server error', async () => {
    const { bot, web } = await setup();
    const res = await request(web, '/', { headers: { cookie: 'protos_token=%' } });
    expect(res.status).toBe(401);
    expect(errorsLogged(bot)).toEqual([]);
  });

  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
    it(`static files check the token before the method (${method} without a token → 401)`, async () => {
      const { web } = await setup();
      const res = await request(web, '/index.html', { method });
      expect(res.status).toBe(401);
      expect(res.headers.allow).toBeUndefined();
    });
  }

  it('with the token, a wrong method on a static file is 405 naming GET', async () => {
    const { web } = await setup();
    const res = await request(web, `/index.html?token=${web.token}`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('keeps serving after all of that', async () => {
    const { web } = await setup();
    await request(web, '/api/%', { method: 'POST' });
    const res = await request(web, `/?token=${web.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>panel</title>');
  });
});
