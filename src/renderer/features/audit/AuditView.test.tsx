import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditGuild } from '../../../shared/dto/audit';
import { ApiCallError } from '../../../shared/contract';
import { ApiProvider } from '../../api/api-context';
import { FakeClient } from '../../test-support/fake-client';
import { useAuditStore } from './audit-store';
import { AuditView } from './AuditView';

const initial = useAuditStore.getState();
beforeEach(() => useAuditStore.setState(initial, true));
afterEach(cleanup);

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });

const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  time: Date.UTC(2026, 0, 1, 12, 0, id),
  guild: 'discord-1',
  guildName: 'Test Guild',
  channel: 'general',
  actorId: '42',
  actorName: 'alice',
  command: 'kick',
  message: `kicked #${id}`,
  ...over,
});

const GUILDS: AuditGuild[] = [
  { db: 'console', name: 'Console', network: 'console', adapterId: 'console', channels: [] },
  {
    db: 'discord-1',
    name: 'Test Guild',
    network: 'discord',
    adapterId: 'discord',
    channels: [
      { id: '10', name: 'mod-log', adapterId: 'discord', addedAt: 0, addedBy: 'alice', lastError: null },
      {
        id: '11',
        name: 'gone',
        adapterId: 'discord',
        addedAt: 0,
        addedBy: 'alice',
        lastError: 'Unknown Channel',
      },
    ],
  },
];

function fake(): FakeClient {
  const client = new FakeClient();
  client.handle('audit.guilds', async () => ({ guilds: GUILDS }));
  client.handle('audit.search', async (input) => {
    if (input.guild !== 'discord-1') return { entries: [], nextCursor: null };
    // two pages: 5..3, then 2..1
    return input.cursor === undefined
      ? { entries: [entry(5), entry(4), entry(3)], nextCursor: 3 }
      : { entries: [entry(2), entry(1)], nextCursor: null };
  });
  client.handle('audit.addChannel', async ({ channel }) => {
    throw new ApiCallError({
      code: 'BAD_REQUEST',
      message: `#${channel.replace('#', '')} is not a text channel`,
    });
  });
  return client;
}

async function renderView(client = fake()) {
  render(
    <ApiProvider client={client}>
      <AuditView />
    </ApiProvider>,
  );
  await settle();
  return client;
}

describe('AuditView', () => {
  it('lists guilds, a failing channel, pages through history, shows live entries, refuses a bad channel', async () => {
    const client = await renderView();
    expect(screen.getByText(/audit channel is this view/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Test Guild/ }));
    await settle();
    const channels = screen.getByRole('region', { name: 'Audit channels' });
    expect(within(channels).getByText('failing: Unknown Channel')).toBeTruthy();
    expect(within(channels).getAllByText('ok')).toHaveLength(1);

    const rows = () =>
      screen.getByRole('region', { name: 'Audit entries' }).querySelectorAll('tr[data-entry]');
    expect([...rows()].map((r) => r.getAttribute('data-entry'))).toEqual(['5', '4', '3']);
    fireEvent.click(screen.getByRole('button', { name: 'Load older entries' }));
    await settle();
    expect([...rows()].map((r) => r.getAttribute('data-entry'))).toEqual(['5', '4', '3', '2', '1']);
    expect(screen.getByText('Start of the stored history.')).toBeTruthy();

    act(() => client.push('audit', [entry(6, { message: 'live one' }), entry(7, { guild: 'console' })]));
    expect(rows()[0]!.textContent).toContain('live one');
    expect(rows()).toHaveLength(6);

    fireEvent.change(screen.getByRole('textbox', { name: 'Channel to add' }), {
      target: { value: '#lounge' },
    });
    fireEvent.click(screen.getByRole('button', { name: /Add channel/ }));
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('#lounge is not a text channel');
  });

  it('filters go to the search', async () => {
    const client = await renderView();
    fireEvent.click(screen.getByRole('button', { name: /Test Guild/ }));
    await settle();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Actor' }), { target: { value: 'alice' } });
    await act(async () => new Promise((resolve) => setTimeout(resolve, 300)));
    await settle();
    const last = client.calls.filter((c) => c.method === 'audit.search').at(-1)!;
    expect(last.input).toMatchObject({ guild: 'discord-1', actor: 'alice' });
  });
});
