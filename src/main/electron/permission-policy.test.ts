import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permission-policy';
import { APP_ORIGIN } from './renderer-origin';

describe('isPermissionGranted', () => {
  const trusted = [APP_ORIGIN];

  it('denies everything powerful, even to our own page', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'hid',
      'openExternal',
    ]) {
      expect(isPermissionGranted(permission, 'app://panel/index.html', trusted), permission).toBe(false);
    }
  });

  it('grants clipboard writes to our origin only', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://panel/index.html', trusted)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://panel', trusted)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/', trusted)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', undefined, trusted)).toBe(false);
  });
});
