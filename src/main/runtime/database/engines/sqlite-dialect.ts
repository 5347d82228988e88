import { quoteIdent } from '../names';
import type { SqlDialect } from '../session';

/** SQLite's SQL: `?` placeholders, LIKE (case-insensitive for ASCII), 1/0 for true/false. */
export const SQLITE_DIALECT: SqlDialect = {
  nullSafeNotEqual: 'IS NOT',
  noLimit: '-1',
  param: () => '?',
  like: 'LIKE',
  trueSql: '1',
  falseSql: '0',
  table: quoteIdent,
};
