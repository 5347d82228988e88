import type { CellValue } from '../engine';

const INLINE_BLOB_BYTES = 4096;

/** A stored value as a JSON-safe cell. */
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint')
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array)
    return {
      blob: {
        size: value.byteLength,
        base64: value.byteLength <= INLINE_BLOB_BYTES ? Buffer.from(value).toString('base64') : null,
      },
    };
  return String(value);
}
