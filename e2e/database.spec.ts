import { expect, test } from './support/fixtures';
import { expectShellInPlace, goTo, openPanel, outputsOf, runInConsole } from './support/panel';
import { saveScreenshot } from './support/screenshots';

/** More cars for paging (the model names need quotes when they have spaces). */
const MORE_CARS: [string, number][] = [
  ['Model T', 20],
  ['Mustang', 271],
  ['Countach', 375],
  ['911 Carrera', 210],
  ['Miura', 350],
  ['Testarossa', 390],
  ['E-Type', 265],
  ['DB5', 282],
  ['Corvette Stingray', 360],
  ['F40', 471],
  ['Golf GTI', 110],
  ['Mini Cooper', 55],
  ['2CV', 29],
  ['Defender', 122],
  ['Land Cruiser', 200],
  ['Civic Type R', 306],
  ['Supra', 320],
  ['Skyline GT-R', 276],
  ['NSX', 270],
  ['300SL Gullwing', 215],
  ['Hispano-Suiza H6B Tulipwood Torpedo, rebuilt with a boat-tail body of riveted mahogany strips', 135],
];

test.describe('Database view', () => {
  test('shows the console database with the cars added in the Console, page by page', async ({
    page,
    runtime,
    api,
  }) => {
    // Other specs share this runtime (audio and audit use the console database too), so the
    // empty state is not guaranteed here; DatabaseView.test.tsx covers it.
    await openPanel(page, runtime.url, 'database');

    const roadster = await runInConsole(page, 'car add Roadster 300');
    await expect(outputsOf(roadster)).toHaveText(['Added car #1: Roadster, 300 hp.']);
    const beetle = await runInConsole(page, 'car add Beetle 50');
    await expect(outputsOf(beetle)).toHaveText(['Added car #2: Beetle, 50 hp.']);

    await goTo(page, 'Database');
    const view = page.getByRole('region', { name: 'Database' });
    await view.getByRole('combobox', { name: 'Database' }).selectOption('console');
    await expect(view.getByText(/guilds\/console\.sqlite$/)).toBeVisible();
    const tables = view.getByRole('list', { name: 'Tables' });
    const car = tables.getByRole('button', { name: /^Car/ });
    await expect(car).toContainText('2 rows');
    await expect(car).toContainText('car_model · horsepower · serial_number');
    await car.click();
    const grid = view.getByRole('table', { name: 'Rows of Car' });
    await expect(grid.getByRole('columnheader')).toHaveText([
      '#',
      'car_modelTEXTNOT NULL',
      'horsepowerINTEGERNOT NULL',
      'serial_numberINTEGERPK',
    ]);
    const rows = grid.locator('tbody tr');
    await expect(rows).toHaveText(['1Roadster3001', '2Beetle502']);
    await expect(view.getByTestId('page-range')).toHaveText('1–2 of 2');
    await expect(view.getByTestId('table-summary')).toHaveText('2 rows · 3 columns');

    // More cars, straight through the API; Refresh picks them up.
    for (const [model, hp] of MORE_CARS) await api.call('console.exec', { line: `car add "${model}" ${hp}` });
    await expect
      .poll(
        async () =>
          (await api.call('database.tables', { db: 'console' })).tables.find((t) => t.name === 'Car')?.rows,
      )
      .toBe(2 + MORE_CARS.length);
    await view.getByRole('button', { name: 'Refresh' }).click();
    await expect(car).toContainText('23 rows');
    await expect(view.getByTestId('page-range')).toHaveText('1–23 of 23');

    // Page through ten at a time.
    await view.getByRole('combobox', { name: 'Rows per page' }).selectOption('10');
    await expect(view.getByTestId('page-range')).toHaveText('1–10 of 23');
    await expect(view.getByTestId('page-number')).toHaveText('Page 1 of 3');
    await expect(view.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    await view.getByRole('button', { name: 'Next page' }).click();
    await expect(view.getByTestId('page-range')).toHaveText('11–20 of 23');
    // Rows come in table order: serial numbers 11 to 20 (the adds ran concurrently, so not the
    // order of MORE_CARS).
    await expect(rows.locator('[data-column="serial_number"]')).toHaveText(
      Array.from({ length: 10 }, (_, i) => String(11 + i)),
    );
    await expect(rows.locator('td.row-num')).toHaveText(Array.from({ length: 10 }, (_, i) => String(11 + i)));
    await view.getByRole('button', { name: 'Last page' }).click();
    await expect(view.getByTestId('page-range')).toHaveText('21–23 of 23');
    await expect(rows).toHaveCount(3);
    await expect(view.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await view.getByRole('button', { name: 'Previous page' }).click();
    await expect(view.getByTestId('page-number')).toHaveText('Page 2 of 3');
    await view.getByRole('button', { name: 'First page' }).click();
    await expect(rows.first()).toHaveText('1Roadster3001');

    // The long name is cut in the grid and whole in the row drawer.
    await view.getByRole('combobox', { name: 'Rows per page' }).selectOption('25');
    await expect(rows).toHaveCount(23);
    const long = MORE_CARS.at(-1)![0];
    const longRow = rows.filter({ hasText: long });
    const longCell = longRow.locator('[data-column="car_model"]');
    await expect(longCell).toHaveText(long);
    const serial = await longRow.locator('[data-column="serial_number"]').textContent();
    expect(await longCell.evaluate((td) => td.scrollWidth > td.clientWidth)).toBe(true);
    await saveScreenshot(page, 'database');

    await longCell.click();
    const drawer = view.getByRole('complementary', { name: `Row ${serial}` });
    await expect(drawer.locator('[data-field="car_model"] .field-value')).toHaveText(long);
    await expect(drawer.locator('[data-field="car_model"]')).toHaveClass(/selected/);
    await expect(drawer.locator('[data-field="serial_number"] .field-value')).toHaveText(serial ?? '');
    await expectShellInPlace(page);
    await saveScreenshot(page, 'database-row');
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);

    // The other table of the guild's database is there, empty.
    await tables.getByRole('button', { name: /^Factoid/ }).click();
    await expect(view.getByText('Factoid has no rows.')).toBeVisible();
  });
});
