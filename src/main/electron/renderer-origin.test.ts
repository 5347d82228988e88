import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  RENDERER_CSP,
  devServerOrigin,
  isTrustedRendererUrl,
} from './renderer-origin';

describe('isTrustedRendererUrl', () => {
  const trusted = [APP_ORIGIN];

  it('accepts any page of app://panel', () => {
    expect(isTrustedRendererUrl(APP_ENTRY_URL, trusted)).toBe(true);
    expect(isTrustedRendererUrl('app://panel/', trusted)).toBe(true);
    expect(isTrustedRendererUrl('app://PANEL/logs?x=1#y', trusted)).toBe(true);
  });

  it('refuses other schemes, hosts, look-alikes, credentials and garbage', () => {
    for (const url of [
      'https://panel/',
      'file:///index.html',
      'app://panel.evil.com/',
      'app://evilpanel/',
      'app://panel:8080/',
      'app://x@panel/',
      'app:panel/index.html',
      'about:blank',
      'javascript:alert(1)',
      '',
      'nonsense',
    ]) {
      expect(isTrustedRendererUrl(url, trusted), url).toBe(false);
    }
    expect(isTrustedRendererUrl(null, trusted)).toBe(false);
    expect(isTrustedRendererUrl(undefined, trusted)).toBe(false);
  });

  it('accepts a dev server origin with its port only', () => {
    const withDev = [APP_ORIGIN, 'http://localhost:5173'];
    expect(isTrustedRendererUrl('http://localhost:5173/src/index.html', withDev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', withDev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', withDev)).toBe(false);
  });
});

describe('devServerOrigin', () => {
  it('is used only unpackaged and only on loopback http', () => {
    expect(devServerOrigin('http://localhost:5173', false)).toBe('http://localhost:5173');
    expect(devServerOrigin('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://localhost:5173', true)).toBeNull();
    expect(devServerOrigin(undefined, false)).toBeNull();
    expect(devServerOrigin('https://evil.example:5173', false)).toBeNull();
    expect(devServerOrigin('http://localhost.evil.example/', false)).toBeNull();
    expect(devServerOrigin('http://u:p@localhost:5173', false)).toBeNull();
    expect(devServerOrigin('garbage', false)).toBeNull();
  });
});

describe('RENDERER_CSP', () => {
  const directives = new Map(
    RENDERER_CSP.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows scripts from our origin only: no inline, no eval, no remote', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('forbids plugins, framing, base and form hijacking', () => {
    for (const name of ['object-src', 'frame-src', 'base-uri', 'form-action', 'frame-ancestors']) {
      expect(directives.get(name), name).toEqual(["'none'"]);
    }
  });
});
