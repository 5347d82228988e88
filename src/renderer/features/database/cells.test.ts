import { describe, expect, it } from 'vitest';
import {
  affinityOf,
  describeCell,
  GRID_TEXT_LIMIT,
  isNumericColumn,
  rowAsJson,
  type ColumnInfo,
} from './cells';

const col = (type: string): ColumnInfo => ({ name: 'c', type, notNull: false, primaryKey: false });

describe('affinityOf', () => {
  it("follows SQLite's rules for declared types", () => {
    expect(affinityOf('INTEGER')).toBe('integer');
    expect(affinityOf('bigint')).toBe('integer');
    expect(affinityOf('VARCHAR(100)')).toBe('text');
    expect(affinityOf('TEXT')).toBe('text');
    expect(affinityOf('BLOB')).toBe('blob');
    expect(affinityOf('')).toBe('blob');
    expect(affinityOf('DOUBLE PRECISION')).toBe('real');
    expect(affinityOf('DECIMAL(10,5)')).toBe('numeric');
    expect(isNumericColumn(col('REAL'))).toBe(true);
    expect(isNumericColumn(col('TEXT'))).toBe(false);
    expect(isNumericColumn(undefined)).toBe(false);
  });
});

describe('describeCell', () => {
  it('shows NULL, numbers and booleans as text; numbers right-aligned', () => {
    expect(describeCell(null)).toMatchObject({ kind: 'null', text: 'NULL', full: null, numeric: false });
    expect(describeCell(300)).toMatchObject({ kind: 'number', text: '300', full: '300', numeric: true });
    expect(describeCell(-1.5)).toMatchObject({ kind: 'number', text: '-1.5', numeric: true });
    expect(describeCell(true)).toMatchObject({ kind: 'bool', text: 'true', numeric: false });
  });

  it('treats big integers and non-finite reals sent as strings as numbers in numeric columns only', () => {
    expect(describeCell('9007199254740993', col('INTEGER'))).toMatchObject({
      kind: 'number',
      text: '9007199254740993',
      numeric: true,
    });
    expect(describeCell('Infinity', col('REAL'))).toMatchObject({ kind: 'number', numeric: true });
    expect(describeCell('12345', col('TEXT'))).toMatchObject({ kind: 'text', numeric: false });
    expect(describeCell('12 apples', col('INTEGER'))).toMatchObject({ kind: 'text', numeric: false });
  });

  it('puts text on one line and cuts it short; the full value stays for the drawer', () => {
    const short = describeCell('Roadster');
    expect(short).toMatchObject({ kind: 'text', text: 'Roadster', full: 'Roadster', clipped: false });
    const multi = describeCell('a\nb\r\nc');
    expect(multi.text).toBe('a ⏎ b ⏎ c');
    expect(multi.full).toBe('a\nb\r\nc');
    expect(multi.clipped).toBe(true);
    const long = describeCell('x'.repeat(GRID_TEXT_LIMIT + 50));
    expect(long.text).toHaveLength(GRID_TEXT_LIMIT + 1);
    expect(long.text.endsWith('…')).toBe(true);
    expect(long.full).toHaveLength(GRID_TEXT_LIMIT + 50);
    expect(long.clipped).toBe(true);
  });

  it('shows blobs by their size, with the base64 when it was sent', () => {
    expect(describeCell({ blob: { size: 1234, base64: null } })).toMatchObject({
      kind: 'blob',
      text: 'BLOB 1,234 bytes',
      full: null,
      blob: { size: 1234, base64: null },
    });
    expect(describeCell({ blob: { size: 1, base64: 'AQ==' } }).text).toBe('BLOB 1 byte');
  });
});

describe('rowAsJson', () => {
  it('maps columns to values, blobs to their base64 or size', () => {
    const json = rowAsJson(
      ['a', 'b', 'c', 'd'],
      ['x', null, { blob: { size: 3, base64: 'AQID' } }, { blob: { size: 9000, base64: null } }],
    );
    expect(JSON.parse(json)).toEqual({ a: 'x', b: null, c: 'AQID', d: '<blob 9000 bytes>' });
  });
});
