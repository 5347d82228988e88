// The panel's contract for the RPC server: status (validated output), token, rotation, live config.
import { describe, expect, it } from 'vitest';
import { useHarnesses, waitFor } from '../support/cmdsys-harness';
import { testApi } from '../support/test-bot';
import { endpointOf, reqCall, rpcOverrides } from './support';

const start = useHarnesses();

describe('rpc.* methods', () => {
  it('rpc.status reports on/off, port, auth, clients, requests/s and the last errors', async () => {
    const h = await start({ configOverrides: rpcOverrides() });
    const api = testApi(h.bot);
    try {
      const { endpoint, token } = await endpointOf(h);
      await reqCall(endpoint, { requester: 't', cog: 'core', method: 'ping', id: 1, kwargs: {}, token });
      await reqCall(endpoint, { requester: 't', cog: 'nope', method: 'x', id: 2, kwargs: {}, token });
      const result = await api.router.call('rpc.status', {}, { transport: 'test' });
      expect(result).toMatchObject({
        ok: true,
        data: {
          running: true,
          enabled: true,
          endpoint,
          auth: true,
          totalRequests: 2,
          problem: null,
          lastErrors: [
            expect.objectContaining({ status: 404, target: 'nope.x', message: 'unknown cog "nope"' }),
          ],
        },
      });
      expect((result as { data: { methods: string[] } }).data.methods).toContain('core.invoke');
    } finally {
      api.dispose();
    }
  });

  it('rpc.token shows the token; rpc.rotateToken replaces it', async () => {
    const h = await start({ configOverrides: rpcOverrides() });
    const api = testApi(h.bot);
    try {
      const { endpoint, token } = await endpointOf(h);
      const shown = await api.router.call('rpc.token', {}, { transport: 'test' });
      expect(shown).toMatchObject({ ok: true, data: { token } });
      const rotated = await api.router.call('rpc.rotateToken', {}, { transport: 'test' });
      const fresh = (rotated as { data: { token: string } }).data.token;
      expect(fresh).not.toBe(token);
      const ping = { requester: 't', cog: 'core', method: 'ping', id: 1, kwargs: {} };
      expect(await reqCall(endpoint, { ...ping, token })).toMatchObject({ status: 401 });
      expect(await reqCall(endpoint, { ...ping, token: fresh })).toMatchObject({ status: 200 });
    } finally {
      api.dispose();
    }
  });

  it('Settings changes apply live: enabling starts the server, a new port moves it, disabling stops it', async () => {
    const h = await start();
    expect(h.bot.rpcService.status()).toMatchObject({ running: false, enabled: false });
    await h.bot.config.set('rpc.port', 0);
    await h.bot.config.set('rpc.enabled', true);
    await waitFor('the server to start', () => h.bot.rpcService.status().running);
    const { endpoint, token } = await endpointOf(h);
    expect(
      await reqCall(endpoint, { requester: 't', cog: 'core', method: 'ping', id: 1, kwargs: {}, token }),
    ).toMatchObject({
      status: 200,
    });
    await h.bot.config.set('rpc.enabled', false);
    await waitFor('the server to stop', () => !h.bot.rpcService.status().running);
  });
});
