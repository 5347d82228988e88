import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  isMethodName,
  methods,
  type ApiErrorBody,
  type CallResult,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from '../../shared/contract';
import type { Logger } from '../runtime/logging/logging';

export interface CallContext {
  transport: 'ipc' | 'web' | 'test';
}

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>, ctx: CallContext) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

/** Throw from a handler to answer with a specific contract error instead of INTERNAL. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }
}

export interface RouterOptions {
  /** Validate handler results against the contract too (tests turn this on). */
  validateOutput?: boolean;
}

function issuesOf(error: z.ZodError): NonNullable<ApiErrorBody['issues']> {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
}

/**
 * The one router both transports use: looks the method up in the contract, validates the
 * payload, runs the handler and turns every failure into a contract error value. Never throws.
 */
export class Router {
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
    private readonly options: RouterOptions = {},
  ) {}

  async call(method: string, raw: unknown, ctx: CallContext): Promise<CallResult> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `unknown method "${method}"` } };
    }
    const spec = methods[method];
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const first = issues[0];
      const where = first && first.path.length ? ` at "${first.path.join('.')}"` : '';
      return {
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          message: `invalid input for ${method}${where}: ${first?.message ?? 'invalid'}`,
          issues,
        },
      };
    }
    try {
      const handler = this.handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      const data = await handler(parsed.data, ctx);
      if (this.options.validateOutput) {
        const checked = spec.output.safeParse(data);
        if (!checked.success)
          throw new Error(`handler output violates the contract: ${checked.error.message}`);
      }
      return { ok: true, data };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.body };
      const errorId = randomUUID().slice(0, 8);
      this.logger.error({ err, errorId, method, transport: ctx.transport }, 'api call failed');
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `internal error in ${method} (error id ${errorId})`, errorId },
      };
    }
  }
}
