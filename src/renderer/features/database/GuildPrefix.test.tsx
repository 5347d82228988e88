import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../shared/contract/errors';
import type { DatabaseFileDto } from '../../../shared/dto/database';
import { ApiProvider } from '../../api/api-context';
import type { FakeClient } from '../../test-support/fake-client';
import { runtimeFake, SAMPLE_DATABASES, SAMPLE_TABLES, withDatabases } from '../../test-support/fake-client';
import { DatabaseView } from './DatabaseView';
import { useDatabaseStore } from './database-store';

const initial = useDatabaseStore.getState();
beforeEach(() => useDatabaseStore.setState(initial, true));
afterEach(cleanup);

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });

const GUILDS: DatabaseFileDto[] = [
  ...SAMPLE_DATABASES,
  { id: 'discord-111', file: '/srv/protos/data/guilds/discord-111.sqlite', size: 8_192, open: true },
  { id: 'discord-222', file: '/srv/protos/data/guilds/discord-222.sqlite', size: 8_192, open: false },
  { id: 'irc-broken', file: '/srv/protos/data/guilds/irc-broken.sqlite', size: 8_192, open: false },
];

function client(): FakeClient {
  return withDatabases(runtimeFake(), GUILDS, {
    ...SAMPLE_TABLES,
    'discord-111': [],
    'discord-222': [],
    'irc-broken': [],
  }).handle('guilds.settings', ({ db }) => {
    if (db === 'irc-broken') throw new ApiCallError({ code: 'INTERNAL', message: 'database is damaged' });
    return { db, guild: true, prefix: db === 'discord-111' ? '!' : null, defaultTriggers: ['+', '.'] };
  });
}

async function pick(db: string) {
  fireEvent.change(screen.getByRole('combobox', { name: 'Database' }), { target: { value: db } });
  await settle();
}

describe('the guild prefix in the Database sidebar', () => {
  it("shows a guild's own prefix, the default triggers for one without, and nothing for other databases", async () => {
    const fake = client();
    render(
      <ApiProvider client={fake}>
        <DatabaseView />
      </ApiProvider>,
    );
    await settle();
    expect(screen.queryByTestId('guild-prefix')).toBeNull(); // global
    await pick('discord-111');
    expect(screen.getByTestId('guild-prefix').textContent).toBe('Command prefix !');
    await pick('discord-222');
    expect(screen.getByTestId('guild-prefix').textContent).toBe('Command prefix default (+, .)');
    await pick('console');
    expect(screen.queryByTestId('guild-prefix')).toBeNull();
    await pick('irc-broken');
    expect(screen.getByTestId('guild-prefix').textContent).toBe('Prefix unknown: database is damaged');
    // only guild databases are asked about
    expect(fake.calls.filter((c) => c.method === 'guilds.settings').map((c) => c.input)).toEqual([
      { db: 'discord-111' },
      { db: 'discord-222' },
      { db: 'irc-broken' },
    ]);
  });
});
