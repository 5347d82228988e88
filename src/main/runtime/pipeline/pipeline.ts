import type { Adapter, IncomingMessage } from '../adapters/types';
import type { Executor } from '../cmdsys/executor/executor';
import type { CommandRegistry } from '../cmdsys/registry/command-registry';
import { PermissionDenied } from '../cmdsys/api/errors';
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
import { mapError } from './error-mapping';
import { Stop, TraceBuilder } from './trace-builder';
import { clip, toTraceDto, TraceRing, type Trace, type TraceOutcome, type TraceRecord } from './trace';

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

/** What a middleware phase reads and writes in a run, and the stage its steps are traced as. */
interface StepKind<T> {
  stage: 'string-middleware' | 'message-middleware';
  get(run: Run): T;
  set(run: Run, value: T): void;
}

const STRING_STEPS: StepKind<string> = {
  stage: 'string-middleware',
  get: (run) => run.text,
  set: (run, text) => (run.text = text),
};

const MESSAGE_STEPS: StepKind<string[]> = {
  stage: 'message-middleware',
  get: (run) => run.words,
  set: (run, words) => (run.words = words),
};

/** A middleware step's result: traced and applied, or the stop it asks for (thrown). */
function applyStep<T>(run: Run, kind: StepKind<T>, name: string, result: MiddlewareResult<T>): Step {
  const input = kind.get(run) as string | string[];
  if ('abort' in result) throw run.t.stop(kind.stage, name, input, result.abort, result.reply ?? null);
  run.t.stage(kind.stage, name, input, result.value as string | string[]);
  kind.set(run, result.value);
  return NEXT;
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
    const outcome = mapError(err, run.msg, run.t, {
      adapterOf: this.deps.adapterOf,
      config: this.deps.config.all(),
      logger: this.logger,
    });
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
      case 1:
        return this.runSteps(
          run,
          this.deps.middleware.ordered('string', run.config!.pipeline.stringMiddleware, BUILTIN_STRING),
          STRING_STEPS,
          2,
        );
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
      case 3:
        return this.runSteps(
          run,
          this.deps.middleware.ordered('message', run.config!.pipeline.messageMiddleware, BUILTIN_MESSAGE),
          MESSAGE_STEPS,
          4,
        );
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

  /**
   * A middleware phase from `run.step` on: every step in one go while they are synchronous; an
   * asynchronous one resumes the phase where it stopped. Then the pipeline moves to `nextPhase`.
   */
  private runSteps<T>(
    run: Run,
    steps: [
      string,
      (value: T, ctx: MiddlewareContext) => MiddlewareResult<T> | Promise<MiddlewareResult<T>>,
    ][],
    kind: StepKind<T>,
    nextPhase: number,
  ): Step | Promise<Step> {
    while (run.step < steps.length) {
      const [name, fn] = steps[run.step++]!;
      let ran: MiddlewareResult<T> | Promise<MiddlewareResult<T>>;
      try {
        ran = fn(kind.get(run), run.ctx!);
      } catch (err) {
        ran = this.middlewareFailed<T>(name, err);
      }
      if (ran instanceof Promise)
        return ran
          .catch((err: unknown) => this.middlewareFailed<T>(name, err))
          .then((r) => applyStep(run, kind, name, r));
      applyStep(run, kind, name, ran);
    }
    run.phase = nextPhase;
    return NEXT;
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
    // the built-ins answer at once when they have nothing to do (no aliases, no bad words)
    middleware.add('string', 'aliases', (text) =>
      this.aliases.length === 0 ? { value: text } : applyAliases(text, this.aliases),
    );
    middleware.add('string', 'badwords', (text) => {
      const matcher = this.badWords.matcher;
      return matcher ? filterBadWords(text, matcher, config.all().badWords.mode) : { value: text };
    });
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
