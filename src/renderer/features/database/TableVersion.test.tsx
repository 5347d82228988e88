import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/api-context';
import { FakeClient, SAMPLE_DATABASES, SAMPLE_TABLES, withDatabases } from '../../test-support/fake-client';
import { DatabaseView } from './DatabaseView';
import { useDatabaseStore } from './database-store';

const initial = useDatabaseStore.getState();
beforeEach(() => useDatabaseStore.setState(initial, true));
afterEach(cleanup);

describe('the Database view and model versions', () => {
  it('shows the model version of each table that has one', async () => {
    const tables = {
      ...SAMPLE_TABLES,
      global: [
        { name: 'Car', rows: 1, columns: [], modelVersion: 3 },
        { name: 'legacy', rows: 0, columns: [], modelVersion: null },
      ],
    };
    render(
      <ApiProvider client={withDatabases(new FakeClient(), SAMPLE_DATABASES, tables)}>
        <DatabaseView />
      </ApiProvider>,
    );
    await act(async () => {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getAllByTestId('table-version').map((e) => e.textContent)).toEqual(['v3']);
  });
});
