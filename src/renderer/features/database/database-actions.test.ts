import { describe, expect, it } from 'vitest';
import type { CellDto } from '../../../shared/dto/database';
import { FakeClient, SAMPLE_DATABASES, SAMPLE_TABLES, withDatabases } from '../../test-support/fake-client';
import { databaseActions } from './database-actions';
import { createDatabaseStore, pageInfo } from './database-store';

function cars(n: number): { columns: string[]; rows: CellDto[][] } {
  return {
    columns: ['car_model', 'horsepower', 'serial_number'],
    rows: Array.from({ length: n }, (_, i) => [`Car ${i + 1}`, 100 + i, i + 1]),
  };
}

type Rows = Record<string, { columns: string[]; rows: CellDto[][] }>;

function setup(rows: Rows = { 'console/Car': cars(25), 'console/Note': { columns: ['id'], rows: [[1]] } }) {
  const client = withDatabases(new FakeClient(), SAMPLE_DATABASES, SAMPLE_TABLES, rows);
  const store = createDatabaseStore();
  return {
    client,
    store,
    actions: databaseActions(client, store),
    rowsCalls: () => client.calls.filter((c) => c.method === 'database.rows').map((c) => c.input),
  };
}

/** A promise and the functions to settle it, for answers that arrive out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('pageInfo', () => {
  it('numbers pages from 1 and rows shown from 1', () => {
    expect(pageInfo(0, 10, 25, 10)).toEqual({ page: 1, pages: 3, from: 1, to: 10, lastOffset: 20 });
    expect(pageInfo(20, 10, 25, 5)).toEqual({ page: 3, pages: 3, from: 21, to: 25, lastOffset: 20 });
    expect(pageInfo(0, 50, 0, 0)).toEqual({ page: 1, pages: 1, from: 0, to: 0, lastOffset: 0 });
  });
});

describe('databaseActions', () => {
  it('refresh lists the databases and opens the first; a database without tables shows none', async () => {
    const { client, store, actions } = setup();
    await actions.refresh();
    const s = store.getState();
    expect(s.databases?.map((d) => d.id)).toEqual(['global', 'console']);
    expect(s.db).toBe('global');
    expect(s.tables).toEqual([]);
    expect(s.table).toBeNull();
    expect(client.calls.map((c) => c.method)).toEqual(['database.list', 'database.tables']);
    expect(s.loading).toEqual({ list: false, tables: false, rows: false });
  });

  it('picking a database lists its tables, opens the first and loads its first page', async () => {
    const { store, actions, rowsCalls } = setup();
    await actions.refresh();
    await actions.selectDb('console');
    const s = store.getState();
    expect(s.tables?.map((t) => `${t.name}:${t.rows}`)).toEqual(['Car:25', 'Note:2']);
    expect(s.table).toBe('Car');
    expect(rowsCalls()).toEqual([{ db: 'console', table: 'Car', offset: 0, limit: 50 }]);
    expect(s.page?.rows).toHaveLength(25);
    // The row count in the list follows the rows page (Car has 25 here, the list said 3).
    expect(s.tables?.find((t) => t.name === 'Car')?.rows).toBe(25);

    await actions.selectTable('Note');
    expect(store.getState().page?.table).toBe('Note');
    expect(store.getState().offset).toBe(0);
  });

  it('pages through a table and keeps the first row on screen when the page size changes', async () => {
    const { store, actions, rowsCalls } = setup();
    await actions.refresh();
    await actions.selectDb('console');
    await actions.setLimit(10);
    expect(store.getState().page?.rows[0]).toEqual(['Car 1', 100, 1]);
    await actions.goTo(10);
    await actions.goTo(20);
    expect(store.getState().page?.rows.map((r) => r[2])).toEqual([21, 22, 23, 24, 25]);
    await actions.setLimit(25);
    expect(store.getState().offset).toBe(0);
    await actions.goTo(13);
    await actions.setLimit(10);
    expect(store.getState().offset).toBe(10);
    expect(rowsCalls().map((c) => (c as { offset: number }).offset)).toEqual([0, 0, 10, 20, 0, 13, 10]);
  });

  it('goes to the last page when rows were deleted past the one shown', async () => {
    const rows: Rows = { 'console/Car': cars(25), 'console/Note': cars(0) };
    const { store, actions } = setup(rows);
    await actions.refresh();
    await actions.selectDb('console');
    await actions.setLimit(10);
    await actions.goTo(20);
    rows['console/Car'] = cars(12);
    await actions.refresh();
    expect(store.getState().offset).toBe(10);
    expect(store.getState().page?.rows.map((r) => r[2])).toEqual([11, 12]);
  });

  it('drops an answer overtaken by a newer request', async () => {
    const { client, store, actions } = setup();
    await actions.refresh();
    await actions.selectDb('console');
    await actions.setLimit(10);
    const slow = deferred<void>();
    let first = true;
    const fast = withDatabases(new FakeClient(), SAMPLE_DATABASES, SAMPLE_TABLES, {
      'console/Car': cars(25),
    });
    client.handle('database.rows', async (input) => {
      if (first) {
        first = false;
        await slow.promise;
      }
      return fast.call('database.rows', input);
    });
    const older = actions.goTo(10);
    await actions.goTo(20);
    expect(store.getState().page?.offset).toBe(20);
    slow.resolve();
    await older;
    expect(store.getState().page?.offset).toBe(20);
    expect(store.getState().offset).toBe(20);
  });

  it('keeps the errors for the view', async () => {
    const { client, store, actions } = setup();
    client.handle('database.list', () => {
      throw new Error('database layer unavailable');
    });
    await actions.refresh();
    expect(store.getState().listError).toBe('database layer unavailable');
    expect(store.getState().databases).toBeNull();

    const ok = setup();
    await ok.actions.refresh();
    await ok.actions.selectDb('console');
    await ok.actions.selectTable('Gone');
    expect(ok.store.getState().rowsError).toBe('database console has no table "Gone"');
    expect(ok.store.getState().loading.rows).toBe(false);
  });

  it('forgets a database that disappeared and opens the first one left', async () => {
    const { client, store, actions } = setup();
    await actions.refresh();
    await actions.selectDb('console');
    client.handle('database.list', () => ({ databases: [] }));
    await actions.refresh();
    expect(store.getState().db).toBeNull();
    expect(store.getState().tables).toBeNull();
    expect(store.getState().page).toBeNull();
  });
});
