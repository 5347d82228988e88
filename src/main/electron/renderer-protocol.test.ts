import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDirs } from '../../../tests/support/tmp-dir';
import { createRendererHandler } from './renderer-protocol';
import { RENDERER_CSP } from './renderer-origin';

const tmp = useTmpDirs();

function builtRenderer(): string {
  const root = path.join(tmp(), 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ProtOS Panel</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'do not serve');
  return root;
}

describe('createRendererHandler', () => {
  it('serves index.html with the strict CSP as a header', async () => {
    const handle = createRendererHandler({ rootDir: builtRenderer() });
    const res = await handle(new Request('app://panel/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<title>ProtOS Panel</title>');
  });

  it('serves assets with their type, and the app shell for extension-less routes', async () => {
    const handle = createRendererHandler({ rootDir: builtRenderer() });
    const js = await handle(new Request('app://panel/assets/index-abc.js?v=2'));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    for (const url of ['app://panel/', 'app://panel/logs', 'app://panel/settings/general']) {
      const res = await handle(new Request(url));
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('ProtOS Panel');
    }
  });

  it('answers HEAD without a body', async () => {
    const handle = createRendererHandler({ rootDir: builtRenderer() });
    const res = await handle(new Request('app://panel/index.html', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('never serves outside the renderer dir', async () => {
    const handle = createRendererHandler({ rootDir: builtRenderer() });
    for (const url of [
      'app://panel/../secret.txt',
      'app://panel/%2e%2e/secret.txt',
      'app://panel/..%2fsecret.txt',
      'app://panel/assets/..%2f..%2fsecret.txt',
      'app://panel/missing.js',
      'app://panel/index.html%00.js',
    ]) {
      const res = await handle(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('do not serve');
    }
  });

  it('refuses other hosts and writing methods', async () => {
    const handle = createRendererHandler({ rootDir: builtRenderer() });
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    const post = await handle(new Request('app://panel/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
