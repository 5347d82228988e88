import { createHash } from 'node:crypto';
import { promises as fs, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ConfigSchema, type Config } from './schema';
import { ConfigError } from './config-error';
import { describeJsonError } from './json-position';
import { changedPaths, getPath, setPath, type PathValue, type Paths } from './paths';
import { ConfigConflictError, mergeConfigs } from './three-way';

export type ConfigPath = Paths<Config>;

export interface ConfigChange {
  /** Dot paths whose effective value changed. */
  paths: string[];
  config: Readonly<Config>;
}

export type ConfigListener = (change: ConfigChange) => void;

/** What happened when config.json changed on disk behind our back. */
export type ExternalEdit =
  { ok: true; paths: string[]; revision: string } | { ok: false; error: string; key: string | null };

export type ExternalListener = (edit: ExternalEdit) => void;

export interface SaveOptions {
  /**
   * The revision the caller's copy was based on (the panel's). When the stored config moved on
   * since, the caller's changes are merged into the current one, or refused naming the keys.
   */
  baseRevision?: string;
}

const HISTORY = 16;

/** A short fingerprint of a stored config, as the panel sees it. */
export function revisionOf(config: Config): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
}

function firstIssue(error: z.ZodError): { key: string | null; message: string } {
  const issue = error.issues[0];
  if (!issue) return { key: null, message: 'invalid' };
  const key = issue.path.map(String).join('.') || null;
  if (issue.code === 'unrecognized_keys') {
    const prefix = key ? `${key}.` : '';
    return {
      key: `${prefix}${issue.keys[0] ?? ''}`,
      message: `unknown key (allowed keys are listed in the README)`,
    };
  }
  return { key, message: issue.message };
}

/** Validates a raw value against the schema, throwing ConfigError naming the key and the file. */
export function parseConfig(file: string, raw: unknown): Config {
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const { key, message } = firstIssue(result.error);
    throw new ConfigError(file, key, message);
  }
  return result.data;
}

/**
 * The config file of a data dir: one JSON file validated with zod, typed access by dot path,
 * change events, atomic writes (temp file + rename, previous version kept as `.bak`).
 * Overrides (from CLI flags) apply on top of the file and are never written back.
 *
 * Hand edits are never lost: `watch()` loads a valid external edit (and reports an invalid one,
 * leaving the file alone), and every save first re-reads the file: if it changed since we last
 * read or wrote it, the save's changes are merged into it, or the save is refused with a
 * ConfigConflictError naming the keys. A stale copy is never written, to the file or to `.bak`.
 */
export class ConfigManager {
  readonly file: string;
  private fileConfig: Config;
  private effective: Config;
  private overrides: Partial<Record<string, unknown>>;
  private readonly listeners = new Set<ConfigListener>();
  private readonly externalListeners = new Set<ExternalListener>();
  private writing: Promise<unknown> = Promise.resolve();
  /** The file's text as we last read or wrote it (null: no file). */
  private diskText: string | null;
  private readonly history = new Map<string, Config>();
  private externalError: string | null = null;
  private watcher: FSWatcher | null = null;
  private watchTimer: NodeJS.Timeout | null = null;

  private constructor(
    file: string,
    fileConfig: Config,
    overrides: Partial<Record<string, unknown>>,
    diskText: string | null,
  ) {
    this.file = file;
    this.fileConfig = fileConfig;
    this.overrides = overrides;
    this.effective = this.applyOverrides(fileConfig);
    this.diskText = diskText;
    this.remember(fileConfig);
  }

  /**
   * Opens (or creates with defaults) the config file. Throws ConfigError when the file is not
   * valid JSON or does not match the schema; the bot must refuse to start on that.
   */
  static async open(
    file: string,
    overrides: Partial<Record<ConfigPath, unknown>> = {},
  ): Promise<ConfigManager> {
    let text: string | null = null;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new ConfigError(file, null, `cannot read: ${(err as Error).message}`);
      }
    }
    if (text === null) {
      const defaults = parseConfig(file, {});
      await fs.mkdir(path.dirname(file), { recursive: true });
      await writeAtomic(file, serialize(defaults), false);
      return new ConfigManager(file, defaults, overrides, serialize(defaults));
    }
    return new ConfigManager(file, parseText(file, text), overrides, text);
  }

  get<P extends ConfigPath>(key: P): PathValue<Config, P> {
    return getPath(this.effective, key) as PathValue<Config, P>;
  }

  /** The effective config (file + overrides). Treat as read-only. */
  all(): Readonly<Config> {
    return this.effective;
  }

  /** The config as stored in the file (without CLI overrides). */
  stored(): Readonly<Config> {
    return this.fileConfig;
  }

  /** Fingerprint of the stored config (changes with every save and loaded hand edit). */
  get revision(): string {
    return revisionOf(this.fileConfig);
  }

  /** Why the file on disk is not the config in use (an invalid hand edit), or null. */
  get diskProblem(): string | null {
    return this.externalError;
  }

  /**
   * Validates and persists one key, on top of the current stored config. Rejects with
   * ConfigError naming the key on invalid values, ConfigConflictError when the file on disk
   * changed the same key (or cannot be read as a config).
   */
  async set<P extends ConfigPath>(key: P, value: PathValue<Config, P>): Promise<void> {
    await this.serialise(() => this.commit(setPath(this.fileConfig, key, value), this.revision));
  }

  /** Validates and persists a whole config (the Settings view saves this way). */
  async replace(next: unknown, options: SaveOptions = {}): Promise<Readonly<Config>> {
    return this.serialise(() => this.commit(next, options.baseRevision ?? this.revision));
  }

  /**
   * Watches the file for edits made outside the bot. A valid edit is loaded (change listeners
   * and `onExternalEdit` hear of it); an invalid one is reported and the file left as it is,
   * while the bot keeps the last valid config. Returns a stop function.
   */
  watch(debounceMs = 100): () => void {
    if (this.watcher) return () => this.unwatch();
    const base = path.basename(this.file);
    try {
      // the directory, not the file: an atomic save (ours or an editor's) replaces the inode
      this.watcher = watch(path.dirname(this.file), { persistent: false }, (_event, name) => {
        if (name !== null && name !== base) return;
        if (this.watchTimer) clearTimeout(this.watchTimer);
        this.watchTimer = setTimeout(() => {
          this.watchTimer = null;
          void this.serialise(() => this.loadFromDisk()).catch(() => undefined);
        }, debounceMs);
      });
      this.watcher.on('error', () => this.unwatch());
    } catch {
      this.watcher = null;
    }
    return () => this.unwatch();
  }

  /** Re-reads the file now (what the watcher does); resolves once handled. */
  checkDisk(): Promise<void> {
    return this.serialise(() => this.loadFromDisk());
  }

  onExternalEdit(listener: ExternalListener): () => void {
    this.externalListeners.add(listener);
    return () => this.externalListeners.delete(listener);
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.watchTimer) clearTimeout(this.watchTimer);
    this.watchTimer = null;
  }

  /** Runs file work one job at a time: a save never interleaves with another save or a load. */
  private serialise<T>(job: () => Promise<T>): Promise<T> {
    const run = this.writing.then(job);
    this.writing = run.catch(() => undefined);
    return run;
  }

  private remember(config: Config): void {
    this.history.set(revisionOf(config), config);
    while (this.history.size > HISTORY) this.history.delete(this.history.keys().next().value!);
  }

  private async readDisk(): Promise<string | null> {
    try {
      return await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  private adopt(config: Config, text: string | null): string[] {
    const previous = this.effective;
    this.fileConfig = config;
    this.effective = this.applyOverrides(config);
    this.diskText = text;
    this.remember(config);
    return changedPaths(previous, this.effective);
  }

  private async loadFromDisk(): Promise<void> {
    const text = await this.readDisk();
    if (text === null || text === this.diskText) return;
    let parsed: Config;
    try {
      parsed = parseText(this.file, text);
    } catch (err) {
      const message = (err as Error).message;
      if (message === this.externalError) return;
      this.externalError = message;
      this.emitExternal({ ok: false, error: message, key: err instanceof ConfigError ? err.key : null });
      return;
    }
    this.externalError = null;
    const paths = this.adopt(parsed, text);
    this.emit(paths);
    this.emitExternal({ ok: true, paths, revision: this.revision });
  }

  private async commit(next: unknown, baseRevision: string): Promise<Readonly<Config>> {
    let parsed = parseConfig(this.file, next);
    // 1. the caller's copy may be older than the stored config (a panel opened before an edit)
    if (baseRevision !== this.revision) {
      const base = this.history.get(baseRevision);
      if (!base)
        throw new ConfigConflictError(
          this.file,
          changedPaths(this.fileConfig, parsed),
          'the config changed since it was loaded; reload it and make the change again',
        );
      parsed = this.merged(base, parsed, this.fileConfig, 'changed since it was loaded');
    }
    // 2. the file may have been edited since we last read it (the watcher has not caught up)
    const text = await this.readDisk();
    if (text !== null && text !== this.diskText) {
      let theirs: Config;
      try {
        theirs = parseText(this.file, text);
      } catch (err) {
        this.externalError = (err as Error).message;
        throw new ConfigConflictError(
          this.file,
          [],
          `${this.file} was edited and is not valid now (${(err as Error).message}); it is left as it is: fix it, then save again`,
        );
      }
      parsed = this.merged(this.fileConfig, parsed, theirs, 'was edited on disk');
      this.externalError = null;
    }
    const out = serialize(parsed);
    await writeAtomic(this.file, out, true);
    this.emit(this.adopt(parsed, out));
    return this.effective;
  }

  private merged(base: Config, mine: Config, theirs: Config, what: string): Config {
    const { merged, conflicts } = mergeConfigs(base, mine, theirs);
    if (conflicts.length > 0)
      throw new ConfigConflictError(
        this.file,
        conflicts,
        `the config ${what} and both sides changed ${conflicts.map((k) => `"${k}"`).join(', ')}`,
      );
    return parseConfig(this.file, merged);
  }

  private emitExternal(edit: ExternalEdit): void {
    for (const listener of this.externalListeners) listener(edit);
  }

  /** Changes a runtime override (not persisted), e.g. the log level chosen in the panel. */
  setOverride<P extends ConfigPath>(key: P, value: PathValue<Config, P> | undefined): void {
    const previous = this.effective;
    const next = { ...this.overrides };
    if (value === undefined) delete next[key];
    else next[key] = value;
    this.effective = this.applyOverrides(this.fileConfig, next);
    this.overrides = next;
    this.emit(changedPaths(previous, this.effective));
  }

  /** Keys set by command-line overrides for this run. */
  overriddenKeys(): string[] {
    return Object.keys(this.overrides).filter((k) => this.overrides[k] !== undefined);
  }

  onChange(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private applyOverrides(base: Config, overrides = this.overrides): Config {
    let out = base;
    for (const [key, value] of Object.entries(overrides)) {
      if (value === undefined) continue;
      // a function override derives its value from the file's (e.g. flags merged into an entry)
      const next =
        typeof value === 'function' ? (value as (v: unknown) => unknown)(getPath(out, key)) : value;
      out = setPath(out, key, next);
    }
    return parseConfig(`${this.file ?? 'config'} (command-line overrides)`, out);
  }

  private emit(paths: string[]): void {
    if (paths.length === 0) return;
    for (const listener of this.listeners) listener({ paths, config: this.effective });
  }
}

function parseText(file: string, text: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(file, null, describeJsonError(text, err));
  }
  return parseConfig(file, raw);
}

function serialize(config: Config): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Write to a temp file, fsync, keep the old file as `.bak`, then rename over the target. */
async function writeAtomic(file: string, text: string, keepBackup: boolean): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const handle = await fs.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (keepBackup) {
    await fs.copyFile(file, `${file}.bak`).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  await fs.rename(tmp, file);
}
