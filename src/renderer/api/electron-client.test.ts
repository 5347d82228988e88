import { describe, expect, it, vi } from 'vitest';
import { ApiCallError, type CallResult } from '../../shared/contract';
import { electronClient, type ElectronApi } from './electron-client';

describe('electronClient', () => {
  it('is always connected and passes events through', () => {
    const off = vi.fn();
    const api: ElectronApi = { call: vi.fn(), on: vi.fn(() => off) };
    const client = electronClient(api);
    expect(client.mode).toBe('electron');
    expect(client.connection().state).toBe('connected');
    const listener = vi.fn();
    expect(client.on('logs', listener)).toBe(off);
    expect(api.on).toHaveBeenCalledWith('logs', listener);
  });

  it('rebuilds ApiCallError from callResult (contextBridge drops the error class)', async () => {
    const results: CallResult[] = [
      { ok: true, data: { level: 'warn' } },
      { ok: false, error: { code: 'BAD_REQUEST', message: 'invalid input', errorId: 'x1' } },
    ];
    const api: ElectronApi = {
      call: vi.fn(),
      on: vi.fn(),
      callResult: vi.fn(async () => results.shift()!) as unknown as ElectronApi['callResult'],
    };
    const client = electronClient(api);
    await expect(client.call('logs.getLevel', {})).resolves.toEqual({ level: 'warn' });
    const err = await client.call('logs.setLevel', { level: 'info' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST', errorId: 'x1' });
    expect(api.call).not.toHaveBeenCalled();
  });

  it('falls back to call when the preload has no callResult', async () => {
    const api: ElectronApi = { call: vi.fn(async () => ({ level: 'info' }) as never), on: vi.fn() };
    await expect(electronClient(api).call('logs.getLevel', {})).resolves.toEqual({ level: 'info' });
  });
});
