import type { Adapter, IncomingMessage } from '../adapters/types';
import type { Executor } from '../cmdsys/executor/executor';
import type { CommandRegistry } from '../cmdsys/registry/command-registry';
import { CommandNotFound, PermissionDenied } from '../cmdsys/api/errors';
import { reportCommandError } from '../cmdsys/executor/error-report';
import type { Invocation } from '../cmdsys/executor/invocation';
import type { ConfigManager } from '../config/config-manager';
import type { Config } from '../config/schema';
import type { Logger, Logging } from '../logging/logging';
import { tokenize, TokenizeError } from '../text/tokenizer';
import { Listeners } from '../util/listeners';
import { detect, type DetectionOptions } from './detection';
import { applyAliases, compileAlias, type CompiledAlias } from './middleware/aliases';
import { BadWordList, filterBadWords } from './middleware/bad-words';
import { fixCommand } from './middleware/command-fixer';
import { ModuleRateLimiter, RateLimiter } from './middleware/rate-limit';
import type { MiddlewareContext, MiddlewareResult } from './middleware/types';
import type { MiddlewareRegistry } from './middleware-registry';
import { preprocess } from './preprocess';
import {
  clip,
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
  /** Per-guild prefixes (`prefix set`): cached per guild, loaded on first need. */
  guildPrefixes?: {
    cached(msg: IncomingMessage): string | null | undefined;
    load(msg: IncomingMessage): Promise<void>;
  };
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

const DONE = Symbol('done');
const NEXT = Symbol('next');
type Step = typeof DONE | typeof NEXT;

/** Where one message stands in the pipeline. */
interface Run {
  msg: IncomingMessage;
  t: TraceBuilder;
  /** 0 detection + pre-processing, 1 string middleware, 2 tokeniser, 3 message middleware, 4 invoke. */
  phase: number;
  /** Middleware step within phases 1 and 3. */
  step: number;
  config?: Config;
  ctx: MiddlewareContext | null;
  text: string;
  words: string[];
  invocation: Invocation | null;
  outcome: TraceOutcome;
}

/** performance.timeOrigin, read once (a getter every message would read it again and again). */
const TIME_ORIGIN = performance.timeOrigin;

/** Records the stages of one message; each stage is timed from the end of the previous one. */
class TraceBuilder {
  readonly trace: TraceRecord;
  private readonly started = performance.now();
  private last = this.started;

  constructor(id: number, msg: IncomingMessage) {
    this.trace = {
      id,
      time: Math.round(TIME_ORIGIN + this.started),
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
  /** Invocations that failed before their trace was finished (rare; bounded). */
  private readonly earlyFailures = new Map<number, { error: string; errorId: string }>();
  private compiledFor: Config | null = null;
  private aliases: CompiledAlias[] = [];
  private readonly badWords = new BadWordList((err) =>
    this.logger.error({ err }, 'bad-word list could not be compiled; keeping the previous one'),
  );
  readonly rateLimiter: RateLimiter;
  private readonly moduleLimiter: ModuleRateLimiter;

  constructor(private readonly deps: PipelineDeps) {
    this.logger = deps.logging.child('pipeline');
    this.traces = new TraceRing(deps.config.get('pipeline.traceSize'));
    this.traceListeners = new Listeners((err) => this.logger.error({ err }, 'trace listener failed'));
    this.now = deps.now ?? Date.now;
    // the bad-word automaton is built here and when the list changes, never while a message waits
    this.badWords.update(deps.config.get('badWords.words'), { now: true });
    deps.config.onChange(({ paths }) => {
      if (paths.includes('pipeline.traceSize')) this.traces.resize(deps.config.get('pipeline.traceSize'));
      if (paths.includes('badWords.words')) this.badWords.update(deps.config.get('badWords.words'));
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

  /**
   * An invocation this pipeline started ended with an error (a throw in `call()`, a timeout…):
   * its trace turns `failed` with an `error` stage naming the error id, and is emitted again
   * (same id: the panel replaces it). A trace that already left the ring is not looked for.
   */
  markFailed(invocationId: number, error: string, errorId: string): void {
    const trace = this.traces.findNewest((t) => t.invocationId === invocationId);
    if (!trace) {
      // failed before its trace was finished (the pipeline went asynchronous): applied in finish()
      if (this.earlyFailures.size >= 64) this.earlyFailures.clear();
      this.earlyFailures.set(invocationId, { error, errorId });
      return;
    }
    if (trace.outcome !== 'failed') {
      this.recordFailure(trace, error, errorId);
      if (this.traceListeners.size > 0) this.traceListeners.emit(trace);
    }
  }

  private recordFailure(trace: TraceRecord, error: string, errorId: string): void {
    trace.outcome = 'failed';
    trace.stages.push({
      stage: 'error',
      step: errorId ? `error id ${errorId}` : 'failed',
      input: trace.command ?? '',
      output: null,
      abort: clip(error),
      micros: 0,
    });
  }

  /** Every new trace, as the panel sees it (formatting happens only while someone listens). */
  onTrace(listener: (trace: Trace) => void): () => void {
    return this.traceListeners.add((record) => listener(toTraceDto(record)));
  }

  /**
   * Runs one message through every stage. Synchronous as long as every stage is (the common
   * case: built-in middleware and a synchronous argument conversion); a stage that returns a
   * promise makes the rest asynchronous, in the same order.
   */
  process(msg: IncomingMessage): PipelineResult | Promise<PipelineResult> {
    const run: Run = {
      msg,
      t: new TraceBuilder(this.nextTraceId++, msg),
      phase: 0,
      step: 0,
      ctx: null,
      text: msg.text,
      words: [],
      invocation: null,
      outcome: 'ignored',
    };
    try {
      const advanced = this.advance(run);
      if (advanced instanceof Promise) {
        return advanced.then(
          () => this.finish(run),
          (err: unknown) => this.fail(run, err),
        );
      }
      return this.finish(run);
    } catch (err) {
      return this.fail(run, err);
    }
  }

  private finish(run: Run): PipelineResult {
    const trace = run.t.finish(run.outcome);
    const early = run.invocation && this.earlyFailures.size > 0 && this.earlyFailures.get(run.invocation.id);
    if (early) {
      this.earlyFailures.delete(run.invocation!.id);
      this.recordFailure(trace, early.error, early.errorId);
    }
    this.traces.push(trace);
    if (this.traceListeners.size > 0) this.traceListeners.emit(trace);
    return { trace, invocation: run.invocation };
  }

  private fail(run: Run, err: unknown): PipelineResult | Promise<PipelineResult> {
    const outcome = this.handleError(err, run.msg, run.t);
    if (outcome instanceof Promise) {
      return outcome.then((o) => {
        run.outcome = o;
        return this.finish(run);
      });
    }
    run.outcome = outcome;
    return this.finish(run);
  }

  /** Runs phases from where `run` stands; returns a promise only when a stage went asynchronous. */
  private advance(run: Run): void | Promise<void> {
    for (;;) {
      const result = this.phase(run);
      if (result === DONE) return;
      if (result instanceof Promise)
        return result.then((next) => (next === DONE ? undefined : this.advance(run)));
    }
  }

  /** One phase (or one middleware step); DONE when the message needs nothing more. */
  private phase(run: Run): Step | Promise<Step> {
    const { msg, t } = run;
    switch (run.phase) {
      case 0: {
        if (this.deps.commands.executor.offerInput(msg)) {
          t.stage('input', null, msg.text, msg.text);
          run.outcome = 'input';
          return DONE;
        }
        const config = this.deps.config.all();
        const addressing = this.deps.adapterOf(msg.adapterId)?.addressing?.(msg) ?? NO_ADDRESSING;
        // a guild's own prefix replaces pipeline.triggers (loaded once per guild, then cached)
        const prefix = msg.source ? null : this.deps.guildPrefixes?.cached(msg);
        if (prefix === undefined && this.deps.guildPrefixes)
          return this.deps.guildPrefixes.load(msg).then(() => NEXT);
        const options = this.detectionOptions(config, addressing);
        const detection =
          msg.source === 'slash'
            ? { matched: true, text: msg.text, via: 'slash' }
            : msg.source === 'component' // a click nobody waits for (any more) is no command
              ? { matched: false, text: msg.text, via: null }
              : detect(msg.text, msg.isPrivate, prefix ? { ...options, triggers: [prefix] } : options);
        if (!detection.matched) {
          t.stage('detection', null, msg.text, null, 'not addressed to the bot');
          return DONE;
        }
        t.stage('detection', detection.via, msg.text, detection.text);
        const pre = preprocess(detection.text, config.pipeline.maxLength);
        if (!pre.ok) throw t.stop('preprocess', null, detection.text, pre.reason, null);
        t.stage('preprocess', null, detection.text, pre.text);
        this.compile(config);
        run.config = config;
        run.ctx = { msg, now: this.now() };
        run.text = pre.text;
        run.phase = 1;
        run.step = 0;
        return NEXT;
      }
      case 1: {
        // every step in one go while they are synchronous; an asynchronous one resumes here
        const steps = this.deps.middleware.ordered(
          'string',
          run.config!.pipeline.stringMiddleware,
          BUILTIN_STRING,
        );
        while (run.step < steps.length) {
          const [name, fn] = steps[run.step++]!;
          const ran = this.runMiddleware(name, fn, run.text, run.ctx!);
          if (ran instanceof Promise) return ran.then((r) => this.applyText(run, name, r));
          this.applyText(run, name, ran);
        }
        run.phase = 2;
        return NEXT;
      }
      case 2: {
        let words: string[];
        try {
          words = tokenize(run.text).map((token) => token.value);
        } catch (err) {
          t.stage('tokenize', null, run.text, null, (err as Error).message);
          throw err instanceof TokenizeError ? this.parseError(err, run) : err;
        }
        if (words.length === 0) throw t.stop('tokenize', null, run.text, 'no words', null);
        t.stage('tokenize', null, run.text, words);
        run.words = words;
        run.phase = 3;
        run.step = 0;
        return NEXT;
      }
      case 3: {
        const steps = this.deps.middleware.ordered(
          'message',
          run.config!.pipeline.messageMiddleware,
          BUILTIN_MESSAGE,
        );
        while (run.step < steps.length) {
          const [name, fn] = steps[run.step++]!;
          const ran = this.runMiddleware(name, fn, run.words, run.ctx!);
          if (ran instanceof Promise) return ran.then((r) => this.applyWords(run, name, r));
          this.applyWords(run, name, ran);
        }
        run.phase = 4;
        return NEXT;
      }
      default: {
        const { words, ctx } = run;
        const begun = this.deps.commands.executor.begin(
          msg,
          words,
          ctx!.resolved?.words === words ? ctx!.resolved.resolution : undefined,
        );
        const started = (invocation: Invocation): typeof DONE => {
          run.invocation = invocation;
          t.trace.command = invocation.commandName;
          t.trace.invocationId = invocation.id;
          t.stage('invoke', invocation.commandName, words, `#${invocation.id}`);
          run.outcome = 'invoked';
          return DONE;
        };
        if (begun instanceof Promise) return begun.then(started);
        return started(begun);
      }
    }
  }

  /**
   * Chat manners for a line that cannot be split (an unclosed quote): when its first word names
   * no command it was probably not meant for the bot (`bot, what's up?`), so it is answered like
   * an unknown command (`pipeline.unknownCommandReply`); otherwise the error's column counts
   * from the start of what the user typed.
   */
  private parseError(err: TokenizeError, run: Run): TokenizeError | Stop {
    const { msg } = run;
    const first = run.text.trim().split(/\s+/, 1)[0] ?? '';
    const { registry } = this.deps.commands;
    const known =
      registry.hasTopLevel(first) ||
      registry.isModule(first) ||
      registry.modulesWithSubcommand(first).length > 0 ||
      registry.isCommandId(first);
    if (!known) {
      const reply = run.config?.pipeline.unknownCommandReply ?? 'private';
      if (reply === 'never' || (reply === 'private' && !msg.isPrivate))
        return new Stop('ignored', `${err.message}, and "${first}" is no command (not answered here)`, null);
    }
    const offset = msg.text.indexOf(run.text);
    return offset > 0 ? new TokenizeError(err.column + offset, err.reason, err.quote) : err;
  }

  /** A string middleware's result: the new text, or the stop. */
  private applyText(run: Run, name: string, result: MiddlewareResult<string>): Step {
    if ('abort' in result)
      throw run.t.stop('string-middleware', name, run.text, result.abort, result.reply ?? null);
    run.t.stage('string-middleware', name, run.text, result.value);
    run.text = result.value;
    return NEXT;
  }

  /** A message middleware's result: the new words, or the stop. */
  private applyWords(run: Run, name: string, result: MiddlewareResult<string[]>): Step {
    if ('abort' in result)
      throw run.t.stop('message-middleware', name, run.words, result.abort, result.reply ?? null);
    run.t.stage('message-middleware', name, run.words, result.value);
    run.words = result.value;
    return NEXT;
  }

  /** Error mapping: what the user is told, and whether anything is said at all. */
  private handleError(
    err: unknown,
    msg: IncomingMessage,
    t: TraceBuilder,
  ): TraceOutcome | Promise<TraceOutcome> {
    const say = (text: string, outcome: TraceOutcome): Promise<TraceOutcome> =>
      Promise.resolve(
        this.deps
          .adapterOf(msg.adapterId)
          ?.send({ channel: msg.channel, text, replyTo: msg.id, isError: true }),
      ).then(
        () => outcome,
        (sendErr: unknown) => {
          this.logger.warn({ err: sendErr }, 'could not send an error reply');
          return outcome;
        },
      );
    if (err instanceof Stop) {
      this.logger.info(
        { reason: err.reason, author: msg.author.id, channel: msg.channel.id, trace: t.trace.id },
        'message rejected',
      );
      return err.reply ? say(err.reply, err.outcome) : err.outcome;
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
    const outcome: TraceOutcome =
      report.kind === 'not-found' || report.kind === 'usage' || report.kind === 'denied'
        ? 'rejected'
        : 'failed';
    return quiet ? outcome : say(report.text, outcome);
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
    this.badWords.update(config.badWords.words);
  }

  private registerBuiltins(): void {
    const { middleware, config, commands } = this.deps;
    middleware.add('string', 'aliases', (text) => applyAliases(text, this.aliases));
    middleware.add('string', 'badwords', (text) =>
      filterBadWords(text, this.badWords.matcher, config.all().badWords.mode),
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
