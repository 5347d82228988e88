import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { FakeClient } from '../../test-support/fake-client';
import { IntegrityCheck } from './IntegrityCheck';

afterEach(cleanup);

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });

function renderCheck(client: FakeClient, db: string | null) {
  return render(
    <ApiProvider client={client}>
      <IntegrityCheck db={db} />
    </ApiProvider>,
  );
}

describe('IntegrityCheck', () => {
  it('runs database.integrityCheck on the chosen database and shows ok', async () => {
    const client = new FakeClient().handle('database.integrityCheck', ({ db }) => ({
      db,
      ok: true,
      problems: [],
      ms: 3.2,
    }));
    renderCheck(client, 'console');
    fireEvent.click(screen.getByRole('button', { name: 'Check integrity' }));
    await settle();
    expect(client.calls).toEqual([{ method: 'database.integrityCheck', input: { db: 'console' } }]);
    expect(screen.getByTestId('db-integrity').textContent).toBe('console: integrity check ok (3 ms)');
  });

  it('lists the problems of a damaged database, and says when the check itself failed', async () => {
    let fail = false;
    const client = new FakeClient().handle('database.integrityCheck', ({ db }) => {
      if (fail) throw new Error('no such database');
      return { db, ok: false, problems: ['Page 4: btreeInitPage() returns error code 11'], ms: 1 };
    });
    const view = renderCheck(client, 'discord-1');
    fireEvent.click(screen.getByRole('button', { name: 'Check integrity' }));
    await settle();
    const box = screen.getByTestId('db-integrity');
    expect(box.textContent).toMatch(/discord-1: the file is damaged; it accepts no more writes/);
    expect(box.querySelectorAll('li')).toHaveLength(1);
    fail = true;
    fireEvent.click(screen.getByRole('button', { name: 'Check integrity' }));
    await settle();
    expect(screen.getByTestId('db-integrity').textContent).toMatch(
      /the integrity check failed: .*no such database/,
    );
    // another database chosen: the old answer goes away
    view.rerender(
      <ApiProvider client={client}>
        <IntegrityCheck db="global" />
      </ApiProvider>,
    );
    expect(screen.queryByTestId('db-integrity')).toBeNull();
  });

  it('is disabled while no database is chosen', () => {
    renderCheck(new FakeClient(), null);
    expect((screen.getByRole('button', { name: 'Check integrity' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});
