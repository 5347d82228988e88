/** A config file that cannot be used. The bot refuses to start rather than guess. */
export class ConfigError extends Error {
  readonly file: string;
  /** Dot path of the offending key, or null when the file as a whole is unreadable. */
  readonly key: string | null;

  constructor(file: string, key: string | null, detail: string) {
    super(
      key ? `Invalid config file ${file}: key "${key}": ${detail}` : `Invalid config file ${file}: ${detail}`,
    );
    this.name = 'ConfigError';
    this.file = file;
    this.key = key;
  }
}
