import { REST, Routes, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { restApiBase } from '../client-options';

/** What `GET /gateway/bot` says about sharding. */
export interface GatewayRecommendation {
  /** Shards Discord recommends for the bot's current guild count. */
  shards: number;
  sessionStartLimit: {
    total: number;
    remaining: number;
    resetAfterMs: number;
    /** Shards that may identify at the same time (one per bucket `shard_id % maxConcurrency` per 5 s). */
    maxConcurrency: number;
  };
}

/**
 * Asks Discord (or the `discord.api` override) how many shards the bot should run: the answer
 * of `GET /gateway/bot`. Used for `discord.shards: "auto"` and after a 4011 close; the
 * supervisor can call it too, before it splits shards into clusters. Rejects with a clear
 * message (bad token, unreachable API, malformed answer).
 */
export async function fetchRecommendedShards(
  api: string | null,
  token: string,
): Promise<GatewayRecommendation> {
  const base = restApiBase(api);
  const rest = new REST({ ...(base ? { api: base } : {}), retries: 1, timeout: 15_000 }).setToken(token);
  let body: RESTGetAPIGatewayBotResult;
  try {
    body = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (status === 401)
      throw Object.assign(new Error('Discord rejected the bot token (HTTP 401 from GET /gateway/bot)'), {
        status,
      });
    throw new Error(`GET /gateway/bot failed: ${(err as Error).message}`, { cause: err });
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
  const limit = body?.session_start_limit;
  if (
    !Number.isInteger(body?.shards) ||
    body.shards < 1 ||
    !limit ||
    !Number.isInteger(limit.max_concurrency)
  )
    throw new Error(
      `GET /gateway/bot gave no usable shard recommendation: ${JSON.stringify(body).slice(0, 200)}`,
    );
  return {
    shards: body.shards,
    sessionStartLimit: {
      total: limit.total,
      remaining: limit.remaining,
      resetAfterMs: limit.reset_after,
      maxConcurrency: Math.max(1, limit.max_concurrency),
    },
  };
}
