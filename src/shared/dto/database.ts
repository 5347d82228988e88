import { z } from 'zod';

/** A database id: `global`, `console` or `<network>-<guildId>`. */
export const DatabaseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.~-]{0,199}$/, 'not a database id')
  .refine((id) => !id.includes('..'), 'not a database id');

export const DatabaseFileSchema = z.object({
  id: z.string(),
  /** Absolute path of the SQLite file. */
  file: z.string(),
  /** Bytes on disk (the WAL file included). */
  size: z.number().int().min(0),
  /** Opened by the runtime since it started. */
  open: z.boolean(),
});
export type DatabaseFileDto = z.infer<typeof DatabaseFileSchema>;

export const TableColumnSchema = z.object({
  name: z.string(),
  /** Declared type (`TEXT`, `INTEGER`, `REAL`, `BLOB`, …). */
  type: z.string(),
  notNull: z.boolean(),
  primaryKey: z.boolean(),
});

export const TableInfoSchema = z.object({
  name: z.string(),
  rows: z.number().int().min(0),
  columns: z.array(TableColumnSchema),
  /** The model version the table is at (migrations); null when no model registered it. */
  modelVersion: z.number().int().min(1).nullable().optional(),
});
export type TableInfoDto = z.infer<typeof TableInfoSchema>;

/**
 * One cell, JSON-safe: integers beyond ±2^53 and non-finite reals arrive as strings; blobs as
 * their size plus base64 when at most 4 KiB (null above: only the size is shown).
 */
export const CellSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.object({ blob: z.object({ size: z.number().int().min(0), base64: z.string().nullable() }) }),
]);
export type CellDto = z.infer<typeof CellSchema>;

export const RowsPageSchema = z.object({
  db: z.string(),
  table: z.string(),
  columns: z.array(z.string()),
  /** Rows in table order (rowid), each cell in `columns` order. */
  rows: z.array(z.array(CellSchema)),
  offset: z.number().int().min(0),
  /** Rows matching the search (rows in the table without one). */
  total: z.number().int().min(0),
  /** Rows in the table, when a search narrowed `total`. */
  tableTotal: z.number().int().min(0).optional(),
});
export type RowsPageDto = z.infer<typeof RowsPageSchema>;

/** Largest page `database.rows` returns. */
export const MAX_ROWS_PAGE = 500;

/** Longest search text `database.rows` takes. */
export const MAX_ROWS_SEARCH = 200;

/** The optional search and sort of a `database.rows` request (done by the database engine). */
export const RowsViewInput = {
  /** Rows where any column, as text, contains this (case-insensitive). */
  search: z.string().max(MAX_ROWS_SEARCH).optional(),
  /** Sort by one column of the table (ties keep table order). */
  sort: z
    .object({ column: z.string().min(1).max(256), dir: z.enum(['asc', 'desc']).default('asc') })
    .strict()
    .optional(),
};
