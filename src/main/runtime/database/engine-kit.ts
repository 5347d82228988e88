// What an engine is built from: everything the SQLite and PostgreSQL engines use from the ORM
// core, public so that a third engine can be written without touching the core. An engine
// extends DatabaseEngine, receives queries as structured plans (QueryPlan: Conditions,
// OrderTerms, Assignments — never SQL text) and writes them in its own dialect: with the SQL
// compilers below and a SqlDialect of its own, or by any other means.
export {
  DatabaseEngine,
  type CellValue,
  type CreateHook,
  type DatabaseHandle,
  type IntegrityReport,
  type RowsPage,
  type TableColumnInfo,
  type TableInfo,
  type Transaction,
  type TransactionOptions,
} from './engine';
export type { Assignment, Condition, OrderTerm } from './plan';
export type { QueryPlan, Session, SqlDialect } from './session';
export { AsyncLock } from './async-lock';
// records: where the ORM keeps a record's database, stored key, row snapshot and insert origin
export {
  KEY,
  ORIGIN,
  SESSION,
  SNAPSHOT,
  currentKey,
  isModelClass,
  type InsertOrigin,
  type Origin,
} from './model';
export type { ColumnDef, ModelSchema } from './model-schema';
export { encodeRecord, hydrateRows, keyFromParams, pushKey } from './record-codec';
// SQL written from plans, in any dialect
export { countSql, deleteWhereSql, selectSql, whereSql, whereTail, type CompiledSql } from './sql/compile';
export { partialUpdateSql, sameStored, updateWhereSql } from './sql/update';
export { recordSql, type RecordSql } from './sql/ddl';
export { quoteIdent, checkIdentifier } from './names';
// schema changes and migrations
export {
  planMigration,
  type ExistingColumn,
  type ExistingTable,
  type MigrationPlan,
  type TableDdl,
} from './schema-migration';
export { collectSteps, migratedValue, type MigrationOps } from './migration';
export { REGISTRY_TABLE, fieldKinds, type Registered } from './engines/sqlite-model-registry';
// transactions: the record journal a rollback restores, the recognition of a body's own calls
export {
  TxJournal,
  type Outcome,
  type TxEngineHost,
  type TxJournalHost,
  type TxState,
} from './engines/tx-journal';
// what the two engines share: the lock and self-wait check, the registered models, a bounded close
export { LockedEngine, type LockedEngineTimeouts } from './engines/locked-engine';
export { ModelTables, assertModelClass, type TableStateBase } from './engines/model-tables';
export { bodyMarker, type BodyMarker } from './engines/body-marker';
export { toCell } from './engines/cells';
// the two engines there are, and their dialects
export { SqliteEngine, type SqliteEngineOptions } from './engines/sqlite-engine';
export { SQLITE_DIALECT } from './engines/sqlite-dialect';
export { PostgresEngine, type PostgresEngineOptions } from './engines/postgres-engine';
export { PostgresServer, type PostgresServerOptions } from './engines/postgres-server';
export { postgresDialect, postgresDdl, schemaNameOf } from './engines/postgres-dialect';
