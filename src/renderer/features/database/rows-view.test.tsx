import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CellDto } from '../../../shared/dto/database';
import { FakeClient, SAMPLE_DATABASES, SAMPLE_TABLES, withDatabases } from '../../test-support/fake-client';
import { databaseActions } from './database-actions';
import { createDatabaseStore, useDatabaseStore } from './database-store';
import { RowsControls, SEARCH_DEBOUNCE_MS } from './RowsControls';
import { RowsGrid } from './RowsGrid';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useDatabaseStore.setState({ search: '', sort: null, refreshEvery: 0, table: null });
});

const cars = {
  columns: ['car_model', 'horsepower'],
  rows: Array.from({ length: 25 }, (_, i): CellDto[] => [`Car ${i + 1}`, 100 + i]),
};

function setup() {
  const client = withDatabases(new FakeClient(), SAMPLE_DATABASES, SAMPLE_TABLES, { 'console/Car': cars });
  const store = createDatabaseStore();
  const actions = databaseActions(client, store);
  const rowsCalls = () => client.calls.filter((c) => c.method === 'database.rows').map((c) => c.input);
  return { client, store, actions, rowsCalls };
}

describe('search, sort and live refresh of a table', () => {
  it('asks the runtime with the search and the sort, from the first page', async () => {
    const { store, actions, rowsCalls } = setup();
    await actions.selectDb('console');
    await actions.selectTable('Car');
    await actions.goTo(10);
    await actions.search('  car 1 ');
    expect(rowsCalls().at(-1)).toEqual({
      db: 'console',
      table: 'Car',
      offset: 0,
      limit: 50,
      search: 'car 1',
    });
    await actions.sortBy('horsepower');
    expect(rowsCalls().at(-1)).toMatchObject({ sort: { column: 'horsepower', dir: 'asc' }, search: 'car 1' });
    await actions.sortBy('horsepower');
    expect(rowsCalls().at(-1)).toMatchObject({ sort: { column: 'horsepower', dir: 'desc' } });
    await actions.sortBy('horsepower');
    expect(rowsCalls().at(-1)).not.toHaveProperty('sort');
    await actions.sortBy('car_model');
    // another table starts unsorted and unsearched
    await actions.selectTable('Note');
    expect(store.getState()).toMatchObject({ search: '', sort: null });
  });

  it('a live reload reads the same page again without a loading state', async () => {
    const { store, actions, rowsCalls, client } = setup();
    await actions.selectDb('console');
    await actions.selectTable('Car');
    await actions.search('Car 2');
    const before = rowsCalls().length;
    const seen: boolean[] = [];
    const off = store.subscribe((s) => seen.push(s.loading.rows));
    await actions.reloadRows();
    off();
    expect(rowsCalls().length).toBe(before + 1);
    expect(rowsCalls().at(-1)).toMatchObject({ search: 'Car 2', offset: 0 });
    expect(seen.every((l) => !l)).toBe(true);
    expect(client.calls.at(-1)?.method).toBe('database.rows');
  });

  it('keeps the table count from tableTotal when a search narrowed the page', () => {
    const store = createDatabaseStore();
    store.getState().chooseDb('console');
    store.getState().setTables('console', [{ name: 'Car', rows: 25, columns: [], modelVersion: null }]);
    store.getState().chooseTable('Car');
    store
      .getState()
      .setPage({ db: 'console', table: 'Car', columns: [], rows: [], offset: 0, total: 3, tableTotal: 30 });
    expect(store.getState().tables?.[0]?.rows).toBe(30);
  });

  it('the search field waits for a pause in typing; live refresh runs at the chosen interval', () => {
    vi.useFakeTimers();
    const onSearch = vi.fn();
    const onReload = vi.fn();
    render(<RowsControls onSearch={onSearch} onReload={onReload} />);
    const input = screen.getByRole('searchbox', { name: 'Search rows' });
    fireEvent.change(input, { target: { value: 'r' } });
    fireEvent.change(input, { target: { value: 'ro' } });
    fireEvent.change(input, { target: { value: 'road' } });
    act(() => {
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    });
    expect(onSearch).not.toHaveBeenCalled();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(onSearch).toHaveBeenCalledExactlyOnceWith('road');

    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(onReload).not.toHaveBeenCalled(); // off by default
    fireEvent.change(screen.getByRole('combobox', { name: 'Live refresh' }), { target: { value: '2000' } });
    act(() => {
      vi.advanceTimersByTime(6_000);
    });
    expect(onReload).toHaveBeenCalledTimes(3);
    fireEvent.change(screen.getByRole('combobox', { name: 'Live refresh' }), { target: { value: '0' } });
    act(() => {
      vi.advanceTimersByTime(6_000);
    });
    expect(onReload).toHaveBeenCalledTimes(3);
  });

  it('column headers sort and say how', () => {
    const onSort = vi.fn();
    const page = {
      db: 'console',
      table: 'Car',
      columns: cars.columns,
      rows: cars.rows.slice(0, 2),
      offset: 0,
      total: 25,
    };
    const { rerender } = render(
      <RowsGrid
        page={page}
        columns={new Map()}
        selected={null}
        onOpen={() => undefined}
        sort={null}
        onSort={onSort}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sort by horsepower' }));
    expect(onSort).toHaveBeenCalledWith('horsepower');
    rerender(
      <RowsGrid
        page={page}
        columns={new Map()}
        selected={null}
        onOpen={() => undefined}
        sort={{ column: 'horsepower', dir: 'desc' }}
        onSort={onSort}
      />,
    );
    const header = screen.getByRole('columnheader', { name: /horsepower/ });
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByRole('button', { name: 'Sort by horsepower, table order' })).toBeTruthy();
  });
});
