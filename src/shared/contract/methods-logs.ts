import { method } from './define';
import {
  LogExportRequestSchema,
  LogExportSchema,
  LogHistoryPageSchema,
  LogHistoryRequestSchema,
} from '../dto/log-history';

export const logsMethods = {
  'logs.history': method(
    LogHistoryRequestSchema,
    LogHistoryPageSchema,
    'Older log entries matching a filter, one bounded page at a time: the ring first, then the rolling files.',
  ),
  'logs.export': method(
    LogExportRequestSchema,
    LogExportSchema,
    'Every held entry matching a filter (ring and files, bounded), as NDJSON or plain text to save.',
  ),
} as const;
