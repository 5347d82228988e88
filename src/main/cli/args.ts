import { parseArgs } from 'node:util';
import { LOG_LEVELS, type LogLevel } from '../../shared/dto/log';

export interface CliArgs {
  dataDir: string | null;
  commandsDir: string | null;
  console: boolean;
  panel: boolean;
  panelPort: number | null;
  open: boolean;
  logLevel: LogLevel | null;
  /** Replaces the configured triggers when given (repeatable). */
  triggers: string[];
  discordToken: string | null;
  discordApi: string | null;
  /** IRC servers `host:port` (repeatable); they use ircNick and ircChannels. */
  irc: { host: string; port: number }[];
  ircNick: string | null;
  ircChannels: string[];
  /** Start the loopback RPC server (`--rpc`, implied by `--rpc-port`). */
  rpc: boolean;
  rpcPort: number | null;
  /** `--rpc-no-auth`: requests need no token (a warning is logged and shown). */
  rpcNoAuth: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bot -- [flags]

Runs the ProtOS bot runtime headless (no Electron).

Flags:
  --data-dir DIR       Data dir (config.json, databases, logs). Default: ./data in a
                       repository checkout, else the OS app-data dir of "protos-panel".
  --commands-dir DIR   Folder of command files. Default: ./commands
  --console            Read commands from stdin, one per line. Only responses go to
                       stdout; logs go to stderr. EOF shuts down gracefully (exit 0).
  --panel              Serve the browser-mode panel on 127.0.0.1 and print its URL.
  --panel-port N       Port for --panel (implies --panel). Default: config panel.port or free.
  --no-open            Do not open a browser for the panel.
  --log-level LEVEL    trace | debug | info | warn | error | fatal (overrides the config).
  --trigger STR        Command trigger in channels (repeatable; replaces the config's).
  --discord-token TOK  Discord bot token (or DISCORD_TOKEN; overrides the config).
  --discord-api URL    Discord REST base URL (a REST proxy, or a test server).
  --irc HOST:PORT      Connect to an IRC server (repeatable).
  --irc-nick NICK      Nick for the --irc servers (default: the config's, else "bot").
  --irc-channel CHAN   Channel the --irc servers join, e.g. '#chat' (repeatable).
  --rpc                Start the loopback RPC server (zeromq ROUTER on 127.0.0.1) for
                       outside programs; requests need the token in <data-dir>/rpc-token.
  --rpc-port N         Port of the RPC server (implies --rpc). Default: config rpc.port (6133).
  --rpc-no-auth        Accept RPC requests without a token (any local program may call).
  -h, --help           Show this help.

Exit codes: 0 clean shutdown, 2 bad flags, 78 invalid config file, 1 other failure.
`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses CLI flags strictly: unknown flags and bad values throw UsageError. */
export function parseCliArgs(argv: string[]): CliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        'commands-dir': { type: 'string' },
        console: { type: 'boolean', default: false },
        panel: { type: 'boolean', default: false },
        'panel-port': { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        'log-level': { type: 'string' },
        trigger: { type: 'string', multiple: true },
        'discord-token': { type: 'string' },
        'discord-api': { type: 'string' },
        irc: { type: 'string', multiple: true },
        'irc-nick': { type: 'string' },
        'irc-channel': { type: 'string', multiple: true },
        rpc: { type: 'boolean', default: false },
        'rpc-port': { type: 'string' },
        'rpc-no-auth': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  let panelPort: number | null = null;
  if (values['panel-port'] !== undefined) {
    const n = Number(values['panel-port']);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      throw new UsageError(`--panel-port must be an integer 0-65535, got "${values['panel-port']}"`);
    }
    panelPort = n;
  }
  let rpcPort: number | null = null;
  if (values['rpc-port'] !== undefined) {
    const n = Number(values['rpc-port']);
    if (!/^\d+$/.test(values['rpc-port']) || n < 1 || n > 65535) {
      throw new UsageError(`--rpc-port must be an integer 1-65535, got "${values['rpc-port']}"`);
    }
    rpcPort = n;
  }
  const level = values['log-level'];
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  }
  for (const flag of ['data-dir', 'commands-dir'] as const) {
    if (values[flag] === '') throw new UsageError(`--${flag} needs a directory`);
  }
  const triggers = values.trigger ?? [];
  for (const t of triggers)
    if (t === '' || /\s/.test(t))
      throw new UsageError(`--trigger must be non-empty without spaces, got "${t}"`);
  const irc = (values.irc ?? []).map((spec) => {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(spec);
    const port = Number(match?.[2] ?? 6667);
    if (!match || port < 1 || port > 65535)
      throw new UsageError(`--irc must be HOST or HOST:PORT, got "${spec}"`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });
  const ircChannels = values['irc-channel'] ?? [];
  for (const c of ircChannels)
    // eslint-disable-next-line no-control-regex -- BEL is not allowed in IRC channel names
    if (!/^[#&!+][^\s,\x07]{1,49}$/.test(c))
      throw new UsageError(`--irc-channel must look like '#name', got "${c}"`);
  if ((values['irc-nick'] !== undefined || ircChannels.length > 0) && irc.length === 0) {
    throw new UsageError('--irc-nick and --irc-channel need --irc HOST:PORT');
  }
  const discordApi = values['discord-api'] ?? null;
  if (discordApi !== null && !/^https?:\/\/.+/.test(discordApi))
    throw new UsageError(`--discord-api must be an http(s) URL, got "${discordApi}"`);
  return {
    triggers,
    discordToken: values['discord-token'] ?? null,
    discordApi,
    irc,
    ircNick: values['irc-nick'] ?? null,
    ircChannels,
    dataDir: values['data-dir'] ?? null,
    commandsDir: values['commands-dir'] ?? null,
    console: values.console,
    panel: values.panel || panelPort !== null,
    panelPort,
    open: !values['no-open'],
    logLevel: (level as LogLevel | undefined) ?? null,
    rpc: values.rpc || rpcPort !== null,
    rpcPort,
    rpcNoAuth: values['rpc-no-auth'],
    help: values.help,
  };
}
