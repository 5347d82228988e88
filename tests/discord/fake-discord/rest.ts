import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIAttachment, APIMessage } from 'discord.js';
import type { FakeGateway } from './gateway';
import { FakeHttpError as HttpError, type FakeInteractions } from './interactions';
import { boundaryOf, MultipartError, parseMultipart } from './multipart';
import { FILES } from './http-error';
import type { FakeState, RecordedFile, RecordedMessage } from './state';

export interface RestOptions {
  token: string;
  /** Accept any token (a gateway-only token failure can then be tested: close code 4004). */
  acceptAnyToken: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  status: number;
  at: number;
}

export interface RateLimitOptions {
  /** `POST /channels/:id/messages` style: method and path with ids as `:id`. */
  route?: string;
  /** How many requests get a 429 (default 1). */
  count?: number;
  /** Matching requests let through before the first 429 (default 0). */
  skip?: number;
  retryAfterSeconds?: number;
  /** A global rate limit (`x-ratelimit-global`) rather than a route's. */
  global?: boolean;
}

interface RateLimitRule {
  route: string;
  retryAfterSeconds: number;
  global: boolean;
  skip: number;
  count: number;
}

export interface FailureOptions {
  /** `METHOD /path` with ids as `:id` (default `POST /channels/:id/messages`). */
  route?: string;
  /** 403 (Missing Permissions, code 50013), 500, 502, 503… */
  status: number;
  /** How many requests fail (default 1). */
  count?: number;
}

/** Discord's per-route bucket for creating messages: `limit` per `windowMs` per channel. */
export interface MessageBucketOptions {
  limit: number;
  windowMs: number;
}

interface Bucket {
  /** Window start and requests counted in it. */
  start: number;
  used: number;
}

const API_PREFIX = '/api/v10';
/** Larger than any upload limit (100 MiB at boost tier 3) plus the form's framing. */
const MAX_BODY = 101 * 1024 * 1024;
const MAX_CONTENT = 2000;

/**
 * REST v10 routes discord.js needs: GET /gateway/bot, users, channels, guild members, and
 * POST /channels/:id/messages (JSON or multipart with files), with auth checks, Discord's
 * validation errors, and 429s with retry-after on demand. Everything is recorded.
 */
export class FakeRest {
  readonly requests: RecordedRequest[] = [];
  private readonly rateLimits: RateLimitRule[] = [];
  private readonly failures: (FailureOptions & { route: string; count: number })[] = [];
  /** Per-channel message buckets (when `messageBucket` is set). */
  private readonly buckets = new Map<string, Bucket>();
  /** Enforce a real-style per-channel message bucket with headers on every response (null: off). */
  messageBucket: MessageBucketOptions | null = null;

  constructor(
    private readonly state: FakeState,
    private readonly gateway: FakeGateway,
    private readonly options: RestOptions,
    private readonly interactions: FakeInteractions,
  ) {}

  /** Answers the next `count` requests on `route` with `status` (403 Missing Permissions, 5xx). */
  failNext(options: FailureOptions): void {
    this.failures.push({
      ...options,
      route: options.route ?? 'POST /channels/:id/messages',
      count: options.count ?? 1,
    });
  }

  /**
   * Answers the next `count` requests on `route` (after letting `skip` of them through) with
   * 429 and `retry-after: retryAfterSeconds`, like a bucket or global limit would.
   */
  rateLimitNext(options: RateLimitOptions = {}): void {
    const rule: RateLimitRule = {
      route: options.route ?? 'POST /channels/:id/messages',
      retryAfterSeconds: options.retryAfterSeconds ?? 0.25,
      global: options.global ?? false,
      skip: options.skip ?? 0,
      count: options.count ?? 1,
    };
    this.rateLimits.push(rule);
  }

  /** How many requests were answered 429. */
  get rateLimited(): number {
    return this.requests.filter((r) => r.status === 429).length;
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
      return this.reply(res, method, url.pathname, 404, { message: '404: Not Found', code: 0 });
    }
    const path = url.pathname.slice(API_PREFIX.length);
    const bucketHeaders: Record<string, string> = {};
    void this.route(req, method, path, bucketHeaders, url.searchParams)
      .then((body) => this.reply(res, method, path, body === undefined ? 204 : 200, body, bucketHeaders))
      .catch((err: unknown) => {
        if (err instanceof HttpError) {
          const headers = err.status === 429 ? this.rateLimitHeaders(err.body) : bucketHeaders;
          return this.reply(res, method, path, err.status, err.body, headers);
        }
        return this.reply(res, method, path, 500, { message: `fake server bug: ${String(err)}`, code: 0 });
      });
  }

  private async route(
    req: IncomingMessage,
    method: string,
    path: string,
    headers: Record<string, string>,
    query: URLSearchParams,
  ): Promise<unknown> {
    const routeKey = `${method} ${path.replace(/\/\d+/g, '/:id')}`;
    // interaction callbacks and webhooks are authorised by their token, not the bot's
    if (!path.startsWith('/interactions/') && !path.startsWith('/webhooks/')) this.checkAuth(req);
    const failure = this.failures.find((f) => f.route === routeKey);
    if (failure) {
      if (--failure.count <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      await readBody(req);
      throw new HttpError(
        failure.status,
        failure.status === 403
          ? { message: 'Missing Permissions', code: 50013 }
          : { message: `${failure.status}: Server error`, code: 0 },
      );
    }
    if (routeKey === 'POST /channels/:id/messages' && this.messageBucket) {
      await this.takeFromBucket(path.split('/')[2]!, this.messageBucket, headers, req);
    }
    const rule = this.rateLimits.find((r) => r.route === routeKey);
    if (rule && rule.skip > 0) rule.skip--;
    else if (rule) {
      if (--rule.count <= 0) this.rateLimits.splice(this.rateLimits.indexOf(rule), 1);
      // the request body is read (and dropped) as a real server would
      await readBody(req);
      throw new HttpError(429, {
        message: 'You are being rate limited.',
        retry_after: rule.retryAfterSeconds,
        global: rule.global,
      });
    }
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        url: this.gateway.url,
        shards: this.gateway.recommendedShards,
        session_start_limit: this.gateway.starts.info(),
      };
    }
    if (method === 'GET' && path === '/gateway') return { url: this.gateway.url };
    if (method === 'GET' && (m = /^\/users\/(@me|\d+)$/.exec(path))) {
      const user = m[1] === '@me' ? this.state.world.bot : this.state.user(m[1]!);
      if (!user) throw new HttpError(404, { message: 'Unknown User', code: 10013 });
      return user;
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      const channel = this.state.channel(m[1]!);
      if (!channel) throw new HttpError(404, { message: 'Unknown Channel', code: 10003 });
      return channel;
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      return this.createMessage(req, m[1]!);
    }
    if (method === 'GET' && (m = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path))) {
      const members = this.state.membersOf(m[1]!);
      if (members.length === 0) throw new HttpError(404, { message: 'Unknown Guild', code: 10004 });
      const member = members.find((x) => x.user.id === m![2]);
      if (!member) throw new HttpError(404, { message: 'Unknown Member', code: 10007 });
      return member;
    }
    const answered = await this.interactionRoute(req, method, path, query);
    if (answered !== NOT_MINE) return answered;
    if (method === 'GET' && (m = /^\/guilds\/(\d+)$/.exec(path))) {
      if (m[1] !== this.state.guildId) throw new HttpError(404, { message: 'Unknown Guild', code: 10004 });
      return this.state.world.guild;
    }
    throw new HttpError(404, { message: '404: Not Found', code: 0 });
  }

  /** Application commands, interaction callbacks and interaction webhooks. */
  private async interactionRoute(
    req: IncomingMessage,
    method: string,
    path: string,
    query: URLSearchParams,
  ): Promise<unknown> {
    const appId = this.state.world.bot.id;
    let m: RegExpExecArray | null;
    const json = async (): Promise<unknown> => JSON.parse((await readBody(req)).toString('utf8') || 'null');
    const object = async (): Promise<Record<string, unknown>> => {
      const raw = await readBody(req);
      const type = req.headers['content-type'] ?? '';
      const boundary = boundaryOf(type);
      if (boundary) {
        const parts = parseMultipart(raw, boundary);
        const payload = parts.find((p) => p.name === 'payload_json');
        const body = payload ? parseJson(payload.data.toString('utf8')) : {};
        // the uploaded files ride along under FILES (no JSON key can collide with a symbol)
        const files: RecordedFile[] = parts
          .filter((p) => p.name !== 'payload_json' && p.filename !== null)
          .map((p) => ({ field: p.name, filename: p.filename!, contentType: p.contentType, data: p.data }));
        return Object.assign(body, { [FILES]: files });
      }
      return parseJson(raw.toString('utf8'));
    };
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands(?:\/(\d+))?$/.exec(path))) {
      if (m[1] !== appId) throw new HttpError(403, { message: 'Missing Access', code: 50001 });
      if (m[2] && m[2] !== this.state.guildId)
        throw new HttpError(403, { message: 'Missing Access', code: 50001 });
      const scope = m[2] ?? 'global';
      const id = m[3];
      if (!id && method === 'GET') return this.interactions.list(scope);
      if (!id && method === 'PUT') return this.interactions.overwrite(scope, await json());
      if (!id && method === 'POST') return this.interactions.create(scope, await json());
      if (id && method === 'PATCH') return this.interactions.edit(scope, id, await json());
      if (id && method === 'DELETE') return this.interactions.remove(scope, id);
      if (id && method === 'GET') {
        const found = this.interactions.list(scope).find((c) => c.id === id);
        if (!found) throw new HttpError(404, { message: 'Unknown application command', code: 10063 });
        return found;
      }
    }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const response = this.interactions.callback(m[1]!, m[2]!, await object());
      return query.get('with_response') === 'true' ? response : undefined;
    }
    if (method === 'PATCH' && (m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)$/.exec(path)))
      return this.interactions.editFollowUp(m[1]!, m[2]!, m[3]!, await object());
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/(?:@|%40)original)?$/.exec(path))) {
      if (!m[3] && method === 'POST') return this.interactions.followUp(m[1]!, m[2]!, await object());
      if (m[3] && method === 'PATCH') return this.interactions.editOriginal(m[1]!, m[2]!, await object());
      if (m[3] && method === 'GET') return this.interactions.getOriginal(m[1]!, m[2]!);
      if (m[3] && method === 'DELETE') {
        this.interactions.deleteOriginal(m[1]!, m[2]!);
        return undefined;
      }
    }
    return NOT_MINE;
  }

  /** Counts a message against its channel's bucket; 429 when it is empty. Sets the bucket headers. */
  private async takeFromBucket(
    channelId: string,
    options: MessageBucketOptions,
    headers: Record<string, string>,
    req: IncomingMessage,
  ): Promise<void> {
    const now = Date.now();
    let bucket = this.buckets.get(channelId);
    if (!bucket || now - bucket.start >= options.windowMs) {
      bucket = { start: now, used: 0 };
      this.buckets.set(channelId, bucket);
    }
    const resetAfter = Math.max(0, options.windowMs - (now - bucket.start)) / 1000;
    const common = {
      'x-ratelimit-limit': String(options.limit),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-reset': ((bucket.start + options.windowMs) / 1000).toFixed(3),
      'x-ratelimit-bucket': `messages-${channelId}`,
    };
    if (bucket.used >= options.limit) {
      await readBody(req);
      throw new HttpError(429, {
        message: 'You are being rate limited.',
        retry_after: resetAfter,
        global: false,
      });
    }
    bucket.used++;
    Object.assign(headers, common, { 'x-ratelimit-remaining': String(options.limit - bucket.used) });
  }

  private checkAuth(req: IncomingMessage): void {
    const auth = req.headers.authorization;
    if (!auth?.startsWith('Bot ')) throw new HttpError(401, { message: '401: Unauthorized', code: 0 });
    if (!this.options.acceptAnyToken && auth.slice(4) !== this.options.token)
      throw new HttpError(401, { message: '401: Unauthorized', code: 0 });
  }

  private async createMessage(req: IncomingMessage, channelId: string): Promise<unknown> {
    const raw = await readBody(req);
    const contentType = req.headers['content-type'];
    const boundary = boundaryOf(contentType);
    let body: Record<string, unknown>;
    const files: RecordedFile[] = [];
    if (boundary) {
      let parts;
      try {
        parts = parseMultipart(raw, boundary);
      } catch (err) {
        if (err instanceof MultipartError)
          throw new HttpError(400, { message: `Invalid multipart body: ${err.message}`, code: 50109 });
        throw err;
      }
      const payload = parts.find((p) => p.name === 'payload_json');
      body = payload ? parseJson(payload.data.toString('utf8')) : {};
      for (const part of parts) {
        if (part.name === 'payload_json') continue;
        if (part.filename === null)
          throw new HttpError(400, { message: `part ${part.name} is no file`, code: 50035 });
        files.push({
          field: part.name,
          filename: part.filename,
          contentType: part.contentType,
          data: part.data,
        });
      }
    } else if (contentType?.startsWith('application/json')) {
      body = parseJson(raw.toString('utf8'));
    } else {
      throw new HttpError(400, {
        message: `unsupported content type ${contentType ?? '(none)'}`,
        code: 50035,
      });
    }

    const channel = this.state.channel(channelId);
    if (!channel) throw new HttpError(404, { message: 'Unknown Channel', code: 10003 });
    const content = typeof body.content === 'string' ? body.content : '';
    if (content.length > MAX_CONTENT) {
      throw new HttpError(400, {
        message: 'Invalid Form Body',
        code: 50035,
        errors: {
          content: {
            _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }],
          },
        },
      });
    }
    const embeds = Array.isArray(body.embeds) ? body.embeds : [];
    if (content === '' && files.length === 0 && embeds.length === 0)
      throw new HttpError(400, { message: 'Cannot send an empty message', code: 50006 });
    const reference = (body.message_reference ?? null) as RecordedMessage['messageReference'];
    if (
      reference?.message_id &&
      !this.state.messages.has(reference.message_id) &&
      reference.fail_if_not_exists !== false
    )
      throw new HttpError(400, { message: 'Invalid Form Body (unknown message_reference)', code: 50035 });

    const size = files.reduce((n, f) => n + f.data.length, 0);
    if (size > this.state.uploadLimit(channelId))
      throw new HttpError(413, { message: 'Request entity too large', code: 40005 });
    const attachments: APIAttachment[] = files.map((f) =>
      this.state.attachment(f.filename, f.data.length, f.contentType),
    );
    const message = this.state.message({
      channelId,
      author: this.state.world.bot,
      content,
      attachments,
      reference: reference?.message_id ?? null,
    });
    // embeds and components are kept, so a click on a button can carry the message
    if (embeds.length) message.embeds = embeds as APIMessage['embeds'];
    if (Array.isArray(body.components)) message.components = body.components as APIMessage['components'];
    this.state.posted.push({
      id: message.id,
      channelId,
      content,
      format: boundary ? 'multipart' : 'json',
      body,
      allowedMentions: body.allowed_mentions,
      messageReference: reference,
      files,
      at: Date.now(),
    });
    // like Discord: the bot's own message comes back over the gateway too
    const echo = this.state.withGatewayFields(message);
    if (this.gateway.sessionFor(echo.guild_id ?? null)) this.gateway.dispatch('MESSAGE_CREATE', echo);
    return message;
  }

  private rateLimitHeaders(body: Record<string, unknown>): Record<string, string> {
    const retryAfter = String(body.retry_after);
    return {
      'retry-after': retryAfter,
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': retryAfter,
      'x-ratelimit-bucket': 'fake-bucket',
      'x-ratelimit-scope': body.global ? 'global' : 'user',
      ...(body.global ? { 'x-ratelimit-global': 'true' } : {}),
    };
  }

  private reply(
    res: ServerResponse,
    method: string,
    path: string,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    this.requests.push({ method, path, status, at: Date.now() });
    if (status === 204) {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}

const NOT_MINE = Symbol('not an interaction route');

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, { message: 'The request body contains invalid JSON.', code: 50109 });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, { message: 'Request entity too large', code: 40005 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
