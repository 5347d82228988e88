import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcStatus } from '../../../shared/dto/rpc';
import { ApiProvider } from '../../api/api-context';
import { RPC_OFF, runtimeFake } from '../../test-support/fake-client';
import { RpcPanel } from './RpcPanel';

afterEach(cleanup);
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

async function renderWith(status: RpcStatus | Error) {
  const client = runtimeFake().handle('rpc.status', () => {
    if (status instanceof Error) throw status;
    return status;
  });
  render(
    <ApiProvider client={client}>
      <RpcPanel />
    </ApiProvider>,
  );
  await settle();
  return client;
}

const RUNNING: RpcStatus = {
  ...RPC_OFF,
  running: true,
  enabled: true,
  endpoint: 'tcp://127.0.0.1:6133',
  connectedClients: 3,
  requestsPerSecond: 12.5,
  totalRequests: 1234,
  lastErrors: [
    { time: 1_700_000_000_000, status: 404, message: 'unknown cog "x"', target: 'x.y', errorId: null },
    {
      time: 1_700_000_001_000,
      status: 500,
      message: 'internal error in a.b (error id 0badc0de)',
      target: 'a.b',
      errorId: '0badc0de',
    },
  ],
};

describe('RpcPanel', () => {
  it('shows off, with how to turn it on', async () => {
    await renderWith(RPC_OFF);
    expect(screen.getByTestId('rpc-state').textContent).toBe('off');
    expect(screen.getByText(/Enable it in Settings or start the bot with --rpc/)).toBeTruthy();
  });

  it('shows port, clients, requests/s and the last errors, newest first', async () => {
    await renderWith(RUNNING);
    expect(screen.getByTestId('rpc-state').textContent).toBe('on · tcp://127.0.0.1:6133');
    expect(screen.getByTestId('rpc-clients').textContent).toBe('3 connected');
    expect(screen.getByTestId('rpc-rate').textContent).toContain('12.5/s');
    const errors = screen.getByRole('list', { name: 'Last RPC errors' }).querySelectorAll('li');
    expect([...errors].map((li) => li.textContent)).toEqual([
      expect.stringContaining('internal error in a.b (error id 0badc0de)'),
      expect.stringContaining('unknown cog "x"'),
    ]);
    expect(screen.queryByText(/Authentication is off/)).toBeNull();
  });

  it('warns when authentication is off, and shows a start problem', async () => {
    await renderWith({ ...RUNNING, auth: false, problem: null });
    expect(screen.getByRole('alert').textContent).toContain('Authentication is off');
    cleanup();
    await renderWith({
      ...RPC_OFF,
      enabled: true,
      problem: 'cannot start the RPC server on tcp://127.0.0.1:6133: Address already in use',
    });
    expect(screen.getByTestId('rpc-state').textContent).toBe('not running');
    expect(screen.getByRole('alert').textContent).toContain('Address already in use');
  });

  it('says so when the status cannot be loaded', async () => {
    await renderWith(new Error('connection lost'));
    expect(screen.getByText(/RPC status unavailable: connection lost/)).toBeTruthy();
  });
});
