import type pg from 'pg';
import type { IntegrityReport } from '../engine';
import type { RowsPage, RowsView, TableInfo } from '../engine';
import { checkedSort, containsPattern } from './panel-rows-view';
import { QueryError } from '../errors';
import { quoteIdent } from '../names';
import type { SqlDialect } from '../session';
import { toCell } from './cells';
import { pgRegisteredVersions, type PgRun } from './postgres-catalog';
import type { PgConn } from './postgres-server';
import { REGISTRY_TABLE } from './sqlite-model-registry';

/** A table name read from the catalogue, quoted (it may be any name, not only a model's). */
const quoteAny = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function userTables(run: PgRun, schema: string): Promise<string[]> {
  const rows = await run(
    'SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> $2 ORDER BY tablename',
    [schema, REGISTRY_TABLE],
  );
  return rows.map((r) => String(r.tablename));
}

/** Every table of the database's schema with its row count, columns and model version. */
export async function listPgTables(run: PgRun, schema: string, dialect: SqlDialect): Promise<TableInfo[]> {
  const versions = await pgRegisteredVersions(run, dialect);
  const out: TableInfo[] = [];
  for (const name of await userTables(run, schema)) {
    const columns = await run(
      'SELECT c.column_name AS name, c.data_type AS type, c.is_nullable AS nullable, ' +
        "EXISTS (SELECT 1 FROM information_schema.key_column_usage k JOIN information_schema.table_constraints t ON t.constraint_name = k.constraint_name AND t.table_schema = k.table_schema WHERE t.constraint_type = 'PRIMARY KEY' AND k.table_schema = c.table_schema AND k.table_name = c.table_name AND k.column_name = c.column_name) AS pk " +
        'FROM information_schema.columns c WHERE c.table_schema = $1 AND c.table_name = $2 ORDER BY c.ordinal_position',
      [schema, name],
    );
    const count = await run(`SELECT COUNT(*) AS n FROM ${quoteIdent(schema)}.${quoteAny(name)}`);
    out.push({
      name,
      rows: Number(count[0]?.n ?? 0),
      columns: columns.map((c) => ({
        name: String(c.name),
        type: String(c.type).toUpperCase(),
        notNull: c.nullable === 'NO',
        primaryKey: c.pk === true,
      })),
      modelVersion: versions.get(name.toLowerCase()) ?? null,
    });
  }
  return out;
}

/**
 * A page of a table's rows as JSON-safe cells, optionally searched (any column's text contains
 * the words, case-insensitive) and sorted by one column; QueryError for a table or column that is
 * not one. Names only ever come from the catalogue; the search is a bound parameter.
 */
export async function readPgRows(
  run: PgRun,
  runArray: (sql: string, params: unknown[]) => Promise<pg.QueryResult>,
  schema: string,
  dbId: string,
  table: string,
  offset: number,
  limit: number,
  view: RowsView = {},
): Promise<RowsPage> {
  const name = (await userTables(run, schema)).find((t) => t === table);
  if (name === undefined) throw new QueryError(`database ${dbId} has no table ${JSON.stringify(table)}`);
  const quoted = `${quoteIdent(schema)}.${quoteAny(name)}`;
  const columns = (
    await run(
      'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
      [schema, name],
    )
  ).map((r) => String(r.name));
  const sort = checkedSort(view, columns, dbId, name);
  const pattern = containsPattern(view.search);
  const where = pattern ? ` WHERE ${columns.map((c) => `${quoteAny(c)}::text ILIKE $1`).join(' OR ')}` : '';
  const params: unknown[] = pattern ? [pattern] : [];
  const order = `${sort ? `${quoteAny(sort.column)} ${sort.dir}, ` : ''}ctid`;
  const n = params.length;
  const result = await runArray(
    `SELECT * FROM ${quoted}${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...params, limit, offset],
  );
  const count = await run(`SELECT COUNT(*) AS n FROM ${quoted}${where}`, params);
  const all = pattern ? await run(`SELECT COUNT(*) AS n FROM ${quoted}`) : null;
  return {
    table: name,
    columns: result.fields.map((f) => f.name),
    rows: (result.rows as unknown as unknown[][]).map((r) => r.map(toCell)),
    offset,
    total: Number(count[0]?.n ?? 0),
    ...(all ? { tableTotal: Number(all[0]?.n ?? 0) } : {}),
  };
}

/**
 * Reads every row of every table of the schema (a damaged page fails the read); the server
 * keeps its own data safe otherwise (WAL, checksums when the cluster has them on).
 */
export async function checkPgSchema(
  conn: PgConn,
  schema: string,
  maxProblems: number,
): Promise<IntegrityReport> {
  const started = performance.now();
  const problems: string[] = [];
  const tables = await conn.query<{ tablename: string }>(
    'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
    [schema],
  );
  for (const { tablename } of tables.rows) {
    if (problems.length >= maxProblems) break;
    try {
      await conn.query(
        `SELECT COUNT(*) FROM (SELECT * FROM ${quoteIdent(schema)}.${quoteAny(tablename)}) AS t`,
      );
    } catch (err) {
      problems.push(`${tablename}: ${(err as Error).message}`);
    }
  }
  return { ok: problems.length === 0, problems, ms: Math.round((performance.now() - started) * 1000) / 1000 };
}
