import { describe, expect, it, vi } from 'vitest';
import { forgetToken, takeToken, TOKEN_STORAGE_KEY } from './token';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('takeToken', () => {
  it('takes ?token=, stores it and strips it from the address bar, keeping path, other params and hash', () => {
    const storage = memoryStorage();
    const replaceUrl = vi.fn();
    const token = takeToken({ href: 'http://127.0.0.1:5555/?x=1&token=abc#/logs', storage, replaceUrl });
    expect(token).toBe('abc');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc');
    expect(replaceUrl).toHaveBeenCalledWith('/?x=1#/logs');
  });

  it('falls back to the stored token after the URL was stripped (reload)', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'kept' });
    const replaceUrl = vi.fn();
    expect(takeToken({ href: 'http://127.0.0.1:5555/#/status', storage, replaceUrl })).toBe('kept');
    expect(replaceUrl).not.toHaveBeenCalled();
  });

  it('prefers a fresh URL token over a stored one (the bot restarted)', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    expect(takeToken({ href: 'http://h/?token=new', storage, replaceUrl: () => undefined })).toBe('new');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('is null without any token, and treats an empty ?token= as none', () => {
    expect(
      takeToken({ href: 'http://h/', storage: memoryStorage(), replaceUrl: () => undefined }),
    ).toBeNull();
    const replaceUrl = vi.fn();
    expect(takeToken({ href: 'http://h/?token=', storage: memoryStorage(), replaceUrl })).toBeNull();
    expect(replaceUrl).toHaveBeenCalledWith('/');
  });

  it('survives storage that throws (token kept in memory only)', () => {
    const storage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(takeToken({ href: 'http://h/?token=t', storage, replaceUrl: () => undefined })).toBe('t');
    expect(takeToken({ href: 'http://h/', storage, replaceUrl: () => undefined })).toBeNull();
    expect(() => forgetToken({ storage })).not.toThrow();
  });

  it('forgetToken removes the stored token', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'x' });
    forgetToken({ storage });
    expect(storage.data.has(TOKEN_STORAGE_KEY)).toBe(false);
  });
});
