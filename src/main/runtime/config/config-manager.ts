import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ConfigSchema, type Config } from './schema';
import { ConfigError } from './config-error';
import { describeJsonError } from './json-position';
import { changedPaths, getPath, setPath, type PathValue, type Paths } from './paths';

export type ConfigPath = Paths<Config>;

export interface ConfigChange {
  /** Dot paths whose effective value changed. */
  paths: string[];
  config: Readonly<Config>;
}

export type ConfigListener = (change: ConfigChange) => void;

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
 */
export class ConfigManager {
  readonly file: string;
  private fileConfig: Config;
  private effective: Config;
  private overrides: Partial<Record<string, unknown>>;
  private readonly listeners = new Set<ConfigListener>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(file: string, fileConfig: Config, overrides: Partial<Record<string, unknown>>) {
    this.file = file;
    this.fileConfig = fileConfig;
    this.overrides = overrides;
    this.effective = this.applyOverrides(fileConfig);
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
      return new ConfigManager(file, defaults, overrides);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new ConfigError(file, null, describeJsonError(text, err));
    }
    return new ConfigManager(file, parseConfig(file, raw), overrides);
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

  /** Validates and persists one key. Rejects with ConfigError naming the key on invalid values. */
  async set<P extends ConfigPath>(key: P, value: PathValue<Config, P>): Promise<void> {
    await this.replace(setPath(this.fileConfig, key, value));
  }

  /** Validates and persists a whole config (the Settings view saves this way). */
  async replace(next: unknown): Promise<Readonly<Config>> {
    const parsed = parseConfig(this.file, next);
    const previous = this.effective;
    this.fileConfig = parsed;
    this.effective = this.applyOverrides(parsed);
    const write = this.writing.then(() => writeAtomic(this.file, serialize(parsed), true));
    this.writing = write.catch(() => undefined);
    await write;
    this.emit(changedPaths(previous, this.effective));
    return this.effective;
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
