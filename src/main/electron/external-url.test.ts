import { describe, expect, it } from 'vitest';
import { PANEL_EXTERNAL_POLICY, vetExternalUrl } from './external-url';

describe('vetExternalUrl', () => {
  it('accepts https URLs and returns the normalised href', () => {
    expect(vetExternalUrl('https://discord.com/developers/applications')).toEqual({
      ok: true,
      url: 'https://discord.com/developers/applications',
    });
    expect(vetExternalUrl('HTTPS://Example.COM')).toEqual({ ok: true, url: 'https://example.com/' });
  });

  it.each([
    ['http://example.com/', /https only/],
    ['file:///etc/passwd', /https only/],
    ['javascript:alert(1)', /https only/],
    ['smb://server/share', /https only/],
    ['ms-settings:', /https only/],
    ['app://panel/index.html', /https only/],
    ['https://user:pass@example.com/', /credentials/],
    ['https://user@example.com/', /credentials/],
    ['https://exa mple.com/', /whitespace/],
    ['https://example.com/\nx', /whitespace/],
    ['not a url', /whitespace/],
    ['https://', /parse/],
    ['', /not a URL/],
  ])('refuses %s', (url, reason) => {
    const verdict = vetExternalUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('refuses non-strings and over-long URLs', () => {
    expect(vetExternalUrl(undefined).ok).toBe(false);
    expect(vetExternalUrl({ href: 'https://example.com' }).ok).toBe(false);
    expect(vetExternalUrl(`https://example.com/${'a'.repeat(3000)}`).ok).toBe(false);
  });

  it('applies an allow-list of exact hosts and .suffix rules', () => {
    const policy = { allowHosts: ['github.com', '.discord.com'] };
    expect(vetExternalUrl('https://github.com/x', policy).ok).toBe(true);
    expect(vetExternalUrl('https://gist.github.com/x', policy).ok).toBe(false);
    expect(vetExternalUrl('https://discord.com/', policy).ok).toBe(true);
    expect(vetExternalUrl('https://support.discord.com/', policy).ok).toBe(true);
    expect(vetExternalUrl('https://evildiscord.com/', policy).ok).toBe(false);
    expect(vetExternalUrl('https://github.com.evil.example/', policy).ok).toBe(false);
  });
});

describe('the desktop panel allow-list', () => {
  it.each([
    'https://discord.com/developers/applications',
    'https://support.discord.com/hc/en-us',
    'https://discord.js.org/docs',
    'https://github.com/',
  ])('opens %s', (url) => {
    expect(vetExternalUrl(url, PANEL_EXTERNAL_POLICY).ok).toBe(true);
  });

  it.each([
    ['https://example.com/', /not on the allow-list/],
    ['https://discord.com.evil.example/', /not on the allow-list/],
    ['https://evildiscord.com/', /not on the allow-list/],
    ['https://gist.github.com.attacker.io/x', /not on the allow-list/],
    ['http://discord.com/', /https only/],
  ])('refuses %s', (url, reason) => {
    const verdict = vetExternalUrl(url, PANEL_EXTERNAL_POLICY);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });
});
