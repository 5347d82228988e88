import type { Adapter, IncomingMessage } from '../adapters/types';
import type { Executor } from '../cmdsys/executor/executor';
import type { CommandRegistry } from '../cmdsys/registry/command-registry';
import { CommandNotFound, PermissionDenied } from '../cmdsys/api/errors';
import { reportCommandError } from '../cmdsys/executor/error-report';
import type { Invocation } from '../cmdsys/executor/invocation';
import type { ConfigManager } from '../config/config-manager';
import type { Config } from '../config/schema';
import type { Logger, Logging } from '../logging/logging';
import { tokenize } from '../text/tokenizer';
import { Listeners } from '../util/listeners';
import { detect, type DetectionOptions } from './detection';
import { applyAliases, compileAlias, type CompiledAlias } from './middleware/aliases';
import { compileBadWords, filterBadWords } from './middleware/bad-words';
import { fixCommand } from './middleware/command-fixer';
import { ModuleRateLimiter, RateLimiter } from './middleware/rate-limit';
import type { MiddlewareContext, MiddlewareResult } from './middleware/types';
import type { MiddlewareRegistry } from './middleware-registry';
import { preprocess } from './preprocess';
import {
  toTraceDto,
  TraceRing,
  type StageName,
  type Trace,
  type TraceOutcome,
  type TraceRecord,
} from './trace';

export interface PipelineDeps {
  config: ConfigManager;
  /** The command system's registry and executor (a CommandSystem fits). */
  commands: { registry: CommandRegistry; executor: Executor };
  middleware: MiddlewareRegistry;
  logging: Logging;
  adapterOf(id: string): Adapter | undefined;
  /** Clock (ms); injectable for rate-limit tests. */
  now?: () => number;
}

export interface PipelineResult {
  trace: TraceRecord;
  /** The invocation started, when the message became a command. */
  invocation: Invocation | null;
}

type Addressing = { names: string[]; mentions: string[] };
const NO_ADDRESSING: Addressing = { names: [], mentions: [] };
const BUILTIN_STRING = new Set(['aliases', 'badwords', 'ratelimit']);
const BUILTIN_MESSAGE = new Set(['fixer', 'security', 'moduleRateLimit']);

/** Thrown to leave the pipeline early. Not an Error: rejections are routine and need no stack. */
class Stop {
  constructor(
    readonly outcome: TraceOutcome,
    readonly reason: string,
    readonly reply: string | null,
  ) {}
}

/** Records the stages of one message; each stage is timed from the end of the previous one. */
class TraceBuilder {
  readonly trace: TraceRecord;
  private readonly started = performance.now();
  private last = this.started;

  constructor(id: number, msg: IncomingMessage) {
    this.trace = {
      id,
      time: Math.round(performance.timeOrigin + this.started),
      network: msg.network,
      adapterId: msg.adapterId,
      channel: msg.channel.name,
      author: msg.author.displayName,
      private: msg.isPrivate,
      text: msg.text,
      outcome: 'ignored',
      command: null,
      invocationId: null,
      stages: [],
      totalMicros: 0,
    };
  }

  stage(
    stage: StageName,
    step: string | null,
    input: string | readonly string[],
    output: string | readonly string[] | null,
    abort: string | null = null,
  ): void {
    const now = performance.now();
    this.trace.stages.push({
      stage,
      step,
      input,
      output,
      abort,
      micros: Math.round((now - this.last) * 1000),
    });
    this.last = now;
  }

  /** Records a stage that stopped the message and returns the Stop to throw. */
  stop(
    stage: StageName,
    step: string | null,
    input: string | readonly string[],
    reason: string,
    reply: string | null,
  ): Stop {
    this.stage(stage, step, input, null, reason);
    return new Stop('rejected', reason, reply);
  }

  finish(outcome: TraceOutcome): TraceRecord {
    this.trace.outcome = outcome;
    this.trace.totalMicros = Math.round((performance.now() - this.started) * 1000);
    return this.trace;
  }
}

/**
 * The one message flow for every network: detection → pre-processing → string middleware →
 * tokeniser → message middleware → invoke → error mapping. Each message leaves a trace of what
 * every stage did, kept in a ring for the panel.
 */
export class Pipeline {
  private readonly logger: Logger;
  private readonly traces: TraceRing;
  private readonly traceListeners: Listeners<TraceRecord>;
  private readonly now: () => number;
  private nextTraceId = 1;
  private compiledFor: Config | null = null;
  private aliases: CompiledAlias[] = [];
  private badWords: RegExp | null = null;
  readonly rateLimiter: RateLimiter;
  private readonly moduleLimiter: ModuleRateLimiter;

  constructor(private readonly deps: PipelineDeps) {
    this.logger = deps.logging.child('pipeline');
    this.traces = new TraceRing(deps.config.get('pipeline.traceSize'));
    this.traceListeners = new Listeners((err) => this.logger.error({ err }, 'trace listener failed'));
    this.now = deps.now ?? Date.now;
    deps.config.onChange(({ paths }) => {
      if (paths.includes('pipeline.traceSize')) this.traces.resize(deps.config.get('pipeline.traceSize'));
    });
    this.rateLimiter = new RateLimiter(
      () => deps.config.all().rateLimit,
      () => deps.commands.executor.runningCount,
    );
    this.moduleLimiter = new ModuleRateLimiter(
      () => deps.config.all().rateLimit.modules,
      () => deps.config.all().rateLimit.exemptRank,
    );
    this.registerBuiltins();
  }

  /** The newest traces (oldest first). */
  recentTraces(limit?: number): Trace[] {
    return this.traces.list(limit).map(toTraceDto);
  }

  /** Every new trace, as the panel sees it (formatting happens only while someone listens). */
  onTrace(listener: (trace: Trace) => void): () => void {
    return this.traceListeners.add((record) => listener(toTraceDto(record)));
  }

  async process(msg: IncomingMessage): Promise<PipelineResult> {
    const t = new TraceBuilder(this.nextTraceId++, msg);
    let invocation: Invocation | null = null;
    let outcome: TraceOutcome = 'ignored';
    try {
      const { executor } = this.deps.commands;
      if (executor.offerInput(msg)) {
        t.stage('input', null, msg.text, msg.text);
        outcome = 'input';
        return { trace: t.trace, invocation };
      }

      const config = this.deps.config.all();
      const addressing = this.deps.adapterOf(msg.adapterId)?.addressing?.() ?? NO_ADDRESSING;
      const detection = detect(msg.text, msg.isPrivate, this.detectionOptions(config, addressing));
      if (!detection.matched) {
        t.stage('detection', null, msg.text, null, 'not addressed to the bot');
        return { trace: t.trace, invocation };
      }
      t.stage('detection', detection.via, msg.text, detection.text);

      const pre = preprocess(detection.text, config.pipeline.maxLength);
      if (!pre.ok) throw t.stop('preprocess', null, detection.text, pre.reason, null);
      t.stage('preprocess', null, detection.text, pre.text);

      this.compile(config);
      const ctx: MiddlewareContext = { msg, now: this.now() };
      let text = pre.text;
      const stringSteps = this.deps.middleware.ordered(
        'string',
        config.pipeline.stringMiddleware,
        BUILTIN_STRING,
      );
      for (let i = 0; i < stringSteps.length; i++) {
        const [name, fn] = stringSteps[i]!;
        const ran = this.runMiddleware(name, fn, text, ctx);
        const result = ran instanceof Promise ? await ran : ran;
        if ('abort' in result)
          throw t.stop('string-middleware', name, text, result.abort, result.reply ?? null);
        t.stage('string-middleware', name, text, result.value);
        text = result.value;
      }

      let words: string[];
      try {
        words = tokenize(text).map((token) => token.value);
      } catch (err) {
        t.stage('tokenize', null, text, null, (err as Error).message);
        throw err;
      }
      if (words.length === 0) throw t.stop('tokenize', null, text, 'no words', null);
      t.stage('tokenize', null, text, words);

      const messageSteps = this.deps.middleware.ordered(
        'message',
        config.pipeline.messageMiddleware,
        BUILTIN_MESSAGE,
      );
      for (let i = 0; i < messageSteps.length; i++) {
        const [name, fn] = messageSteps[i]!;
        const ran = this.runMiddleware(name, fn, words, ctx);
        const result = ran instanceof Promise ? await ran : ran;
        if ('abort' in result)
          throw t.stop('message-middleware', name, words, result.abort, result.reply ?? null);
        t.stage('message-middleware', name, words, result.value);
        words = result.value;
      }

      const begun = executor.begin(
        msg,
        words,
        ctx.resolved?.words === words ? ctx.resolved.resolution : undefined,
      );
      invocation = begun instanceof Promise ? await begun : begun;
      t.trace.command = invocation.commandName;
      t.trace.invocationId = invocation.id;
      t.stage('invoke', invocation.commandName, words, `#${invocation.id}`);
      outcome = 'invoked';
      return { trace: t.trace, invocation };
    } catch (err) {
      outcome = await this.handleError(err, msg, t);
      return { trace: t.trace, invocation };
    } finally {
      const trace = t.finish(outcome);
      this.traces.push(trace);
      if (this.traceListeners.size > 0) this.traceListeners.emit(trace);
    }
  }

  /** Error mapping: what the user is told, and whether anything is said at all. */
  private async handleError(err: unknown, msg: IncomingMessage, t: TraceBuilder): Promise<TraceOutcome> {
    const adapter = this.deps.adapterOf(msg.adapterId);
    const say = async (text: string): Promise<void> => {
      try {
        await adapter?.send({ channel: msg.channel, text, replyTo: msg.id, isError: true });
      } catch (sendErr) {
        this.logger.warn({ err: sendErr }, 'could not send an error reply');
      }
    };
    if (err instanceof Stop) {
      this.logger.info(
        { reason: err.reason, author: msg.author.id, channel: msg.channel.id, trace: t.trace.id },
        'message rejected',
      );
      if (err.reply) await say(err.reply);
      return err.outcome;
    }
    const config = this.deps.config.all();
    const report = reportCommandError(err, {
      msg,
      command: t.trace.command,
      usage: null,
      showCommandErrors: config.debug.showCommandErrors,
      logger: this.logger,
    });
    const quiet =
      err instanceof CommandNotFound &&
      (config.pipeline.unknownCommandReply === 'never' ||
        (config.pipeline.unknownCommandReply === 'private' && !msg.isPrivate));
    t.stage(
      'error',
      report.kind,
      msg.text,
      quiet ? null : report.text,
      quiet ? 'unknown command (not answered here)' : null,
    );
    if (!quiet) await say(report.text);
    return report.kind === 'not-found' || report.kind === 'usage' || report.kind === 'denied'
      ? 'rejected'
      : 'failed';
  }

  /** Runs one middleware; a synchronous one costs no extra turn of the event loop. */
  private runMiddleware<T>(
    name: string,
    fn: (value: T, ctx: MiddlewareContext) => MiddlewareResult<T> | Promise<MiddlewareResult<T>>,
    value: T,
    ctx: MiddlewareContext,
  ): MiddlewareResult<T> | Promise<MiddlewareResult<T>> {
    try {
      const result = fn(value, ctx);
      return result instanceof Promise
        ? result.catch((err: unknown) => this.middlewareFailed<T>(name, err))
        : result;
    } catch (err) {
      return this.middlewareFailed<T>(name, err);
    }
  }

  private middlewareFailed<T>(name: string, err: unknown): MiddlewareResult<T> {
    this.logger.error({ err, middleware: name }, 'middleware failed; message dropped');
    return { abort: `middleware "${name}" failed: ${(err as Error).message}` };
  }

  private detectionCache: { config: Config; addressing: Addressing; options: DetectionOptions } | null = null;

  /** Detection options for this config and adapter addressing (cached: both rarely change). */
  private detectionOptions(config: Config, addressing: Addressing): DetectionOptions {
    const cached = this.detectionCache;
    if (cached && cached.config === config && cached.addressing === addressing) return cached.options;
    const options: DetectionOptions = {
      triggers: config.pipeline.triggers,
      names: config.pipeline.nameAddressing ? [...addressing.names, config.bot.name] : [],
      mentions: config.pipeline.nameAddressing ? addressing.mentions : [],
      stripTriggerInPrivate: config.pipeline.stripTriggerInPrivate,
    };
    this.detectionCache = { config, addressing, options };
    return options;
  }

  private compile(config: Config): void {
    if (this.compiledFor === config) return;
    this.compiledFor = config;
    this.aliases = [];
    for (const rule of config.aliases) {
      try {
        this.aliases.push(compileAlias(rule));
      } catch (err) {
        this.logger.warn({ err, pattern: rule.pattern }, 'alias pattern could not be compiled; skipped');
      }
    }
    this.badWords = compileBadWords(config.badWords.words);
  }

  private registerBuiltins(): void {
    const { middleware, config, commands } = this.deps;
    middleware.add('string', 'aliases', (text) => applyAliases(text, this.aliases));
    middleware.add('string', 'badwords', (text) =>
      filterBadWords(text, this.badWords, config.all().badWords.mode),
    );
    middleware.add('string', 'ratelimit', (text, ctx) => {
      const result = this.rateLimiter.check(ctx.msg, ctx.now);
      return 'abort' in result ? result : { value: text };
    });
    middleware.add('message', 'fixer', (words) => ({ value: fixCommand(words, commands.registry) }));
    middleware.add('message', 'security', (words, ctx) => {
      let resolution;
      try {
        resolution = commands.registry.resolve(words);
      } catch {
        return { value: words }; // unknown commands are reported by the error mapping
      }
      ctx.resolved = { words, resolution };
      const c = resolution.entry.command;
      if (c.minRank !== null && ctx.msg.rank > c.minRank) {
        const denied = new PermissionDenied(
          c.module ? `${c.module} ${c.name}` : c.name,
          c.minRank,
          ctx.msg.rank,
        );
        return {
          abort: `rank ${ctx.msg.rank} below required ${c.minRank}`,
          reply: `Not allowed: ${denied.message}.`,
        };
      }
      return { value: words };
    });
    middleware.add('message', 'moduleRateLimit', (words, ctx) =>
      this.moduleLimiter.check(words, ctx.msg, ctx.now),
    );
  }
}
