import { describe, expect, it } from 'vitest';
import type { SupervisorStatus } from '../../shared/dto/supervisor';
import { FakeClient } from '../test-support/fake-client';
import { withRuntimeRestarts } from './runtime-restarts';

const status = (state: SupervisorStatus['state']): SupervisorStatus => ({
  state,
  runtimePid: state === 'running' ? 7 : null,
  restarts: 1,
  lastRestart: null,
  message: null,
});

describe('withRuntimeRestarts', () => {
  it('tells connection listeners "connected" once the restarted runtime runs, once per restart', () => {
    const fake = new FakeClient();
    const client = withRuntimeRestarts(fake);
    const seen: string[] = [];
    const off = client.onConnection((s) => seen.push(s.state));
    fake.push('supervisor', status('running')); // not after a restart: nothing
    expect(seen).toEqual([]);
    fake.push('supervisor', status('restarting'));
    fake.push('supervisor', status('running'));
    fake.push('supervisor', status('running'));
    expect(seen).toEqual(['connected']);
    fake.setConnection({ state: 'reconnecting' }); // real transitions still arrive
    expect(seen).toEqual(['connected', 'reconnecting']);
    off();
    fake.push('supervisor', status('restarting'));
    fake.push('supervisor', status('running'));
    expect(seen).toEqual(['connected', 'reconnecting']);
  });

  it('stays quiet while the transport itself is down (its reconnect refreshes)', () => {
    const fake = new FakeClient();
    const client = withRuntimeRestarts(fake);
    const seen: string[] = [];
    client.onConnection((s) => seen.push(s.state));
    fake.push('supervisor', status('restarting'));
    fake.setConnection({ state: 'reconnecting' });
    fake.push('supervisor', status('running'));
    expect(seen).toEqual(['reconnecting']);
  });

  it('passes calls and the rest through to the client', async () => {
    const fake = new FakeClient().handle('supervisor.status', () => status('running'));
    const client = withRuntimeRestarts(fake);
    expect(client.mode).toBe('browser');
    expect(await client.call('supervisor.status', {})).toMatchObject({ state: 'running' });
    expect(client.connection().state).toBe('connected');
  });
});
