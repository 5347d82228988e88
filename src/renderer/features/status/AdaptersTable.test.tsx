import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../shared/contract';
import type { AdapterStatus, Status } from '../../../shared/dto/status';
import { ApiProvider } from '../../api/api-context';
import { runtimeFake, SAMPLE_STATUS, type FakeClient } from '../../test-support/fake-client';
import { actionFor } from './adapter-controls';
import { attachStatusFeed } from './status-feed';
import { StatusView } from './StatusView';
import { useStatusStore } from './status-store';

const INTENTS_ERROR =
  'Discord refused a privileged intent (gateway close code 4014, disallowed intents). Switch on ' +
  '"Message Content Intent" in the Discord Developer Portal (your application → Bot → Privileged ' +
  'Gateway Intents), then connect again.';

const DISCORD: AdapterStatus = {
  id: 'discord',
  network: 'discord',
  label: 'Discord',
  state: 'error',
  latencyMs: null,
  guilds: 0,
  channels: 0,
  reconnects: 0,
  lastError: INTENTS_ERROR,
};

function withAdapter(status: Status, id: string, patch: Partial<AdapterStatus>): Status {
  return { ...status, adapters: status.adapters.map((a) => (a.id === id ? { ...a, ...patch } : a)) };
}

const STATUS: Status = { ...SAMPLE_STATUS, adapters: [...SAMPLE_STATUS.adapters, DISCORD] };

const initial = useStatusStore.getState();
beforeEach(() => {
  useStatusStore.setState(initial, true);
  useStatusStore.getState().setStatus(STATUS);
});
afterEach(cleanup);

/** A promise and the function to settle it, to look at the pending state. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function renderStatus(client: FakeClient = runtimeFake()) {
  render(
    <ApiProvider client={client}>
      <StatusView />
    </ApiProvider>,
  );
  return client;
}

const row = (id: string) => document.querySelector<HTMLElement>(`tr[data-adapter="${id}"]`)!;

describe('actionFor', () => {
  it('offers Connect when stopped or failed, Disconnect otherwise, nothing for the console', () => {
    expect(actionFor({ ...DISCORD, state: 'stopped' })).toBe('connect');
    expect(actionFor({ ...DISCORD, state: 'error' })).toBe('connect');
    expect(actionFor({ ...DISCORD, state: 'connected' })).toBe('disconnect');
    expect(actionFor({ ...DISCORD, state: 'connecting' })).toBe('disconnect');
    expect(actionFor({ ...DISCORD, state: 'reconnecting' })).toBe('disconnect');
    expect(actionFor(SAMPLE_STATUS.adapters[0]!)).toBeNull();
  });
});

describe('Adapters table controls', () => {
  it('has no Connect or Disconnect for the console adapter', () => {
    renderStatus();
    const console = row('console');
    expect(within(console).queryByRole('button')).toBeNull();
    expect(console.textContent).toContain('always on');
    expect(within(row('irc-libera')).getByRole('button', { name: 'Disconnect Libera' })).toBeTruthy();
    expect(within(row('discord')).getByRole('button', { name: 'Connect Discord' })).toBeTruthy();
  });

  it('disconnects with adapters.disconnect, shows the pending state and takes the Status it returns', async () => {
    const answer = deferred<Status>();
    const client = renderStatus(runtimeFake().handle('adapters.disconnect', () => answer.promise));
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect Libera' }));
    expect(client.calls.at(-1)).toEqual({ method: 'adapters.disconnect', input: { id: 'irc-libera' } });
    const pending = within(row('irc-libera')).getByRole('button', {
      name: 'Disconnect Libera',
    }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    expect(pending.textContent).toBe('Disconnecting…');

    await act(async () => answer.resolve(withAdapter(STATUS, 'irc-libera', { state: 'stopped' })));
    expect(within(row('irc-libera')).getByText('stopped')).toBeTruthy();
    const connect = within(row('irc-libera')).getByRole('button', {
      name: 'Connect Libera',
    }) as HTMLButtonElement;
    expect(connect.disabled).toBe(false);
  });

  it('connects, and follows the status events after that', async () => {
    const client = runtimeFake()
      .handle('status.get', () => STATUS)
      .handle('adapters.connect', () => withAdapter(STATUS, 'discord', { state: 'connecting' }));
    const detach = attachStatusFeed(client, useStatusStore);
    renderStatus(client);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect Discord' }));
    });
    expect(client.calls.at(-1)).toEqual({ method: 'adapters.connect', input: { id: 'discord' } });
    expect(within(row('discord')).getByText('connecting')).toBeTruthy();
    expect(within(row('discord')).getByRole('button', { name: 'Disconnect Discord' })).toBeTruthy();
    act(() =>
      client.push(
        'status',
        withAdapter(STATUS, 'discord', { state: 'connected', guilds: 3, latencyMs: 42, lastError: null }),
      ),
    );
    expect(within(row('discord')).getByText('connected')).toBeTruthy();
    expect(row('discord').textContent).toContain('42 ms');
    detach();
  });

  it('shows the runtime error when an action fails, until dismissed or retried', async () => {
    let fail = true;
    renderStatus(
      runtimeFake().handle('adapters.connect', () => {
        if (fail)
          throw new ApiCallError({
            code: 'BAD_REQUEST',
            message: 'discord.token is not set',
            errorId: 'e-42',
          });
        return withAdapter(STATUS, 'discord', { state: 'connecting' });
      }),
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect Discord' }));
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Connect failed: discord.token is not set [e-42]');
    const button = within(row('discord')).getByRole('button', {
      name: 'Connect Discord',
    }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect Discord' }));
    });
    expect(screen.getByRole('alert')).toBeTruthy();
    fail = false;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Connect Discord' }));
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the whole last error: on hover, and expanded (open by default for a failed adapter)', () => {
    renderStatus();
    const discordToggle = within(row('discord')).getByRole('button', { name: /last error of Discord/ });
    expect(discordToggle.getAttribute('title')).toBe(INTENTS_ERROR);
    expect(discordToggle.getAttribute('aria-expanded')).toBe('true');
    const full = screen.getByTestId('adapter-last-error');
    expect(full.textContent).toContain(
      'Developer Portal (your application → Bot → Privileged Gateway Intents)',
    );
    expect(within(full).getByRole('button', { name: 'Copy the error' })).toBeTruthy();
    fireEvent.click(discordToggle);
    expect(screen.queryByTestId('adapter-last-error')).toBeNull();

    // A reconnecting adapter's error is collapsed until asked for.
    const ircToggle = within(row('irc-libera')).getByRole('button', {
      name: 'Show the last error of Libera',
    });
    expect(ircToggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(ircToggle);
    expect(screen.getByTestId('adapter-last-error').textContent).toContain('ETIMEDOUT');
    expect(ircToggle.getAttribute('aria-label')).toBe('Hide the last error of Libera');
  });
});
