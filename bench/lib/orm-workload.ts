// What the two ORM benches (`orm` on SQLite, `orm-postgres`) share: the model, the rows they
// write and the filter they read back with, and the median their ratios are reported as.
import {
  AutoIncrement,
  IntegerField,
  PK,
  TextField,
  defineModel,
} from '../../src/main/runtime/database/index';

/** The filtered query keeps the rows with more horsepower than this (about half of them). */
export const MIN_HP = 250;
/** Row i's values. */
export const model = (i: number): string => `model-${i % 1000}`;
export const hp = (i: number): number => (i * 7919) % 500;

/** How many of rows 0 … n-1 the filtered query returns. */
export const expectedRows = (n: number): number =>
  Array.from({ length: n }, (_, i) => hp(i)).filter((h) => h > MIN_HP).length;

export class Car extends defineModel('Car', {
  car_model: TextField(),
  horsepower: IntegerField(),
  serial_number: IntegerField({ constraints: [PK(), AutoIncrement()] }),
}) {}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
