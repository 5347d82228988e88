import { z } from 'zod';

export const API_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  /** The runtime process is restarting (after a stall or crash); try again shortly. */
  'RESTARTING',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** HTTP status used by the browser-mode transport for each error code. */
export const HTTP_STATUS_OF: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  RESTARTING: 503,
  INTERNAL: 500,
};

export const ApiIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

export const ApiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  issues: z.array(ApiIssueSchema).optional(),
  /** Matches the `errorId` field of the log line that holds the full stack. */
  errorId: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

export type CallResult<T = unknown> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** What a client throws when a call fails: carries the contract's error body. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[] | undefined;
  readonly errorId: string | undefined;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiCallError';
    this.code = body.code;
    this.issues = body.issues;
    this.errorId = body.errorId;
  }
}
