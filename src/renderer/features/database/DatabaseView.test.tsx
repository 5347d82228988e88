import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CellDto } from '../../../shared/dto/database';
import { ApiProvider } from '../../api/api-context';
import { FakeClient, runtimeFake, SAMPLE_ROWS, withDatabases } from '../../test-support/fake-client';
import { DatabaseView } from './DatabaseView';
import { useDatabaseStore } from './database-store';

const initial = useDatabaseStore.getState();
beforeEach(() => useDatabaseStore.setState(initial, true));
afterEach(cleanup);

const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });

async function renderView(client: FakeClient = runtimeFake()) {
  const view = render(
    <ApiProvider client={client}>
      <DatabaseView />
    </ApiProvider>,
  );
  await settle();
  return { client, ...view };
}

async function pick(db: string) {
  fireEvent.change(screen.getByRole('combobox', { name: 'Database' }), { target: { value: db } });
  await settle();
}

describe('DatabaseView', () => {
  it('says where databases come from when there is none yet', async () => {
    await renderView(withDatabases(new FakeClient(), [], {}, {}));
    expect(screen.getByRole('heading', { name: 'No databases yet' })).toBeTruthy();
    expect(screen.getByText(/A guild database appears when a command first uses it/)).toBeTruthy();
    expect(screen.getByTestId('db-counts').textContent).toBe('No databases · read-only');
  });

  it('says so when a database has no tables', async () => {
    await renderView();
    expect((screen.getByRole('combobox', { name: 'Database' }) as HTMLSelectElement).value).toBe('global');
    expect(screen.getByText('No tables yet.')).toBeTruthy();
    expect(screen.getByText(/This database has no tables yet/)).toBeTruthy();
  });

  it('lists the tables with row counts and columns, and shows a page with typed column headers', async () => {
    const { client } = await renderView();
    await pick('console');
    expect(screen.getByText('/srv/protos/data/guilds/console.sqlite')).toBeTruthy();
    const tables = screen.getByRole('list', { name: 'Tables' });
    const items = within(tables).getAllByRole('button');
    expect(items.map((b) => b.textContent)).toEqual([
      'Car3 rowscar_model · horsepower · serial_number',
      'Note2 rowsid · body · data · big',
    ]);
    expect(items[0]!.getAttribute('aria-current')).toBe('true');

    const grid = screen.getByRole('table', { name: 'Rows of Car' });
    const headers = within(grid).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual([
      '#',
      'car_modelTEXTNOT NULL',
      'horsepowerINTEGERNOT NULL',
      'serial_numberINTEGERPK',
    ]);
    expect(headers[2]!.className).toContain('num');
    const rows = within(grid).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['1Roadster3001', '2Beetle502', '3Model T203']);
    expect(rows[0]!.querySelector('[data-column="horsepower"]')!.className).toContain('num');
    expect(screen.getByTestId('page-range').textContent).toBe('1–3 of 3');
    expect(screen.getByTestId('table-summary').textContent).toBe('3 rows · 3 columns');
    expect(client.calls.filter((c) => c.method === 'database.rows').map((c) => c.input)).toEqual([
      { db: 'console', table: 'Car', offset: 0, limit: 50 },
    ]);
  });

  it('renders every cell as text: NULL dimmed, blobs by size, markup never interpreted, long text cut', async () => {
    await renderView();
    await pick('console');
    fireEvent.click(screen.getByRole('button', { name: /^Note/ }));
    await settle();
    const grid = screen.getByRole('table', { name: 'Rows of Note' });
    expect(grid.querySelector('img')).toBeNull();
    const [first, second] = within(grid).getAllByRole('row').slice(1);
    const body = first!.querySelector('[data-column="body"]')!;
    expect(body.textContent).toMatch(/^<img src=x onerror="alert\(1\)"> first line ⏎ second line x+…$/);
    expect(body.className).toContain('clipped');
    expect(first!.querySelector('[data-column="data"]')!.textContent).toBe('BLOB 3 bytes');
    const big = first!.querySelector('[data-column="big"]')!;
    expect(big.textContent).toBe('9007199254740993');
    expect(big.className).toContain('num');
    const nul = second!.querySelector('[data-column="body"]')!;
    expect(nul.textContent).toBe('NULL');
    expect(nul.className).toContain('cell-null');
    expect(second!.querySelector('[data-column="data"]')!.textContent).toBe('BLOB 9,000 bytes');
  });

  it('opens the whole row from a cell, with the full value and copy buttons', async () => {
    await renderView();
    await pick('console');
    fireEvent.click(screen.getByRole('button', { name: /^Note/ }));
    await settle();
    const grid = screen.getByRole('table', { name: 'Rows of Note' });
    fireEvent.click(grid.querySelector('[data-column="body"]')!);
    const drawer = screen.getByRole('complementary', { name: 'Row 1' });
    const body = drawer.querySelector('[data-field="body"]')!;
    expect(body.className).toContain('selected');
    const full = (SAMPLE_ROWS['console/Note']!.rows[0]![1] as string) ?? '';
    expect(body.querySelector('.field-value')!.textContent).toBe(full);
    expect(body.textContent).toContain(`${full.length} chars`);
    expect(within(drawer).getByRole('button', { name: 'Copy body value' })).toBeTruthy();
    expect(within(drawer).getByRole('button', { name: 'Copy data as base64' })).toBeTruthy();
    expect(drawer.querySelector('[data-field="data"] .blob-base64')!.textContent).toBe('AQID');

    fireEvent.click(within(drawer).getByRole('button', { name: 'Next row' }));
    const second = screen.getByRole('complementary', { name: 'Row 2' });
    expect(second.querySelector('[data-field="body"] .field-value')!.textContent).toBe('NULL');
    expect(within(second).queryByRole('button', { name: 'Copy data as base64' })).toBeNull();
    expect(second.querySelector('[data-field="data"]')!.textContent).toContain('only the size is sent');

    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('complementary', { name: /^Row/ })).toBeNull();
  });

  it('pages with first / previous / next / last and the page size', async () => {
    const many: CellDto[][] = Array.from({ length: 23 }, (_, i) => [`Car ${i + 1}`, i, i + 1]);
    const client = withDatabases(new FakeClient(), undefined, undefined, {
      'console/Car': { columns: ['car_model', 'horsepower', 'serial_number'], rows: many },
    });
    await renderView(client);
    await pick('console');
    fireEvent.change(screen.getByRole('combobox', { name: 'Rows per page' }), { target: { value: '10' } });
    await settle();
    expect(screen.getByTestId('page-range').textContent).toBe('1–10 of 23');
    expect(screen.getByTestId('page-number').textContent).toBe('Page 1 of 3');
    const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;
    expect(button('First page').disabled).toBe(true);
    expect(button('Previous page').disabled).toBe(true);
    fireEvent.click(button('Next page'));
    await settle();
    expect(screen.getByTestId('page-range').textContent).toBe('11–20 of 23');
    fireEvent.click(button('Last page'));
    await settle();
    expect(screen.getByTestId('page-range').textContent).toBe('21–23 of 23');
    expect(button('Next page').disabled).toBe(true);
    expect(button('Last page').disabled).toBe(true);
    const grid = screen.getByRole('table', { name: 'Rows of Car' });
    expect(within(grid).getAllByRole('row')[1]!.textContent).toBe('21Car 212021');
    fireEvent.click(button('Previous page'));
    await settle();
    expect(screen.getByTestId('page-range').textContent).toBe('11–20 of 23');
    fireEvent.click(button('First page'));
    await settle();
    expect(screen.getByTestId('page-range').textContent).toBe('1–10 of 23');
    expect(
      client.calls
        .filter((c) => c.method === 'database.rows')
        .map((c) => [(c.input as { offset: number }).offset, (c.input as { limit: number }).limit]),
    ).toEqual([
      [0, 50],
      [0, 10],
      [10, 10],
      [20, 10],
      [10, 10],
      [0, 10],
    ]);
  });

  it('refreshes on the button and shows errors from the runtime', async () => {
    const { client } = await renderView();
    await pick('console');
    client.handle('database.rows', () => {
      throw new Error('database is locked');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Could not read Car: database is locked');
    expect(client.calls.filter((c) => c.method === 'database.list')).toHaveLength(2);
  });
});
