import type { ShardsStatus } from '../../shared/dto/shards';
import type { FileVersion } from '../../shared/dto/command-files';
import {
  ApiCallError,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../shared/contract';
import { defaultConfig } from '../../shared/config/schema';
import type { CommandDto, CommandsOverview, InvocationDto, ReloadReportDto } from '../../shared/dto/commands';
import type { ConsoleOutput } from '../../shared/dto/console';
import type { CellDto, DatabaseFileDto, TableInfoDto } from '../../shared/dto/database';
import type { LogEntry, LogLevel } from '../../shared/dto/log';
import type { TraceDto } from '../../shared/dto/trace';
import type { RpcStatus } from '../../shared/dto/rpc';
import type { AppInfo, Status } from '../../shared/dto/status';
import type { ConnectionStatus, PanelClient } from '../api/panel-client';
import { Emitter } from '../lib/emitter';
import { SAMPLE_METRICS } from './sample-metrics';

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
type HandlerMap = { [M in MethodName]?: Handler<M> };

/** An in-memory PanelClient for component and feed tests: scripted answers, pushed events. */
export class FakeClient implements PanelClient {
  readonly mode = 'browser' as const;
  readonly calls: { method: MethodName; input: unknown }[] = [];
  private status: ConnectionStatus = { state: 'connected', attempt: 0, nextRetryAt: null, reason: null };
  private readonly statusEmitter = new Emitter<ConnectionStatus>();
  private readonly events = new Map<EventName, Emitter<unknown>>();

  constructor(private readonly handlers: HandlerMap = {}) {}

  handle<M extends MethodName>(method: M, handler: Handler<M>): this {
    (this.handlers as Record<string, unknown>)[method] = handler;
    return this;
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    this.calls.push({ method, input });
    const handler = this.handlers[method] as Handler<M> | undefined;
    if (!handler) throw new Error(`FakeClient: no handler for ${method}`);
    return handler(input);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let emitter = this.events.get(event);
    if (!emitter) {
      emitter = new Emitter();
      this.events.set(event, emitter);
    }
    return emitter.on(listener as (value: unknown) => void);
  }

  push<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.events.get(event)?.emit(payload);
  }

  connection(): ConnectionStatus {
    return this.status;
  }

  onConnection(listener: (status: ConnectionStatus) => void): () => void {
    return this.statusEmitter.on(listener);
  }

  setConnection(status: Partial<ConnectionStatus> & Pick<ConnectionStatus, 'state'>): void {
    this.status = { attempt: 0, nextRetryAt: null, reason: null, ...status };
    this.statusEmitter.emit(this.status);
  }

  dispose(): void {}
}

export function logEntry(seq: number, overrides: Partial<LogEntry> = {}): LogEntry {
  return {
    seq,
    time: 1_700_000_000_000 + seq,
    level: 'info',
    name: 'runtime',
    msg: `line ${seq}`,
    ...overrides,
  };
}

export function logEntries(from: number, to: number, level: LogLevel = 'info'): LogEntry[] {
  const out: LogEntry[] = [];
  for (let seq = from; seq <= to; seq++) out.push(logEntry(seq, { level }));
  return out;
}

export const SAMPLE_INFO: AppInfo = {
  name: 'ProtOS Panel',
  version: '9.8.7',
  mode: 'browser',
  dataDir: '/srv/protos/data',
  commandsDir: '/srv/protos/commands',
  configFile: '/srv/protos/data/config.json',
  versions: { node: '20.19.0', electron: null },
};

export const SAMPLE_STATUS: Status = {
  state: 'running',
  startedAt: 1_700_000_000_000,
  uptimeMs: 65_000,
  pid: 4242,
  memory: { rssMb: 120.5, heapUsedMb: 40.2, heapTotalMb: 64 },
  adapters: [
    {
      id: 'console',
      network: 'console',
      label: 'Console (panel)',
      state: 'connected',
      latencyMs: null,
      guilds: 1,
      channels: 1,
      reconnects: 0,
      lastError: null,
    },
    {
      id: 'irc-libera',
      network: 'irc',
      label: 'Libera',
      state: 'reconnecting',
      latencyMs: 812,
      guilds: 3,
      channels: 7,
      reconnects: 2,
      lastError: 'ETIMEDOUT',
    },
  ],
  commands: { loaded: 12, failed: 1 },
  lastError: null,
};

export function command(name: string, overrides: Partial<CommandDto> = {}): CommandDto {
  return {
    id: Math.abs([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)),
    name,
    module: null,
    aliases: [],
    desc: `${name} does things`,
    longDesc: '',
    usage: name,
    lib: 'examples 1.0',
    minRank: null,
    arguments: [],
    file: `${name}.ts`,
    internal: false,
    ...overrides,
  };
}

/** A file version for fakes: the "hash" is derived from the content, so equal content has equal versions. */
export function fakeVersion(content: string, mtimeMs = 1): FileVersion {
  let h = 0x811c9dc5;
  for (let i = 0; i < content.length; i++) h = Math.imul(h ^ content.charCodeAt(i), 0x01000193) >>> 0;
  return { mtimeMs, hash: h.toString(16).padStart(8, '0').repeat(4) };
}

export function reloadReport(overrides: Partial<ReloadReportDto> = {}): ReloadReportDto {
  return {
    loaded: [],
    updated: [],
    removed: [],
    failed: [],
    quarantined: [],
    unchanged: 0,
    ms: 3.2,
    ...overrides,
  };
}

export const SAMPLE_OVERVIEW: CommandsOverview = {
  commands: [
    command('help', { file: null, internal: true, lib: 'protos-panel built-ins' }),
    command('cancel', { file: null, internal: true, aliases: ['stop'], lib: 'protos-panel built-ins' }),
    command('echo', { usage: 'echo [message]' }),
    command('countdown', { usage: 'countdown <from>' }),
  ],
  files: [
    {
      file: 'countdown.ts',
      state: 'loaded',
      generation: 2,
      commands: ['countdown'],
      error: null,
      quarantine: null,
      faults: { count: 0, last: null },
    },
    {
      file: 'echo.ts',
      state: 'failed',
      generation: 1,
      commands: ['echo'],
      error: { file: 'echo.ts', line: 5, column: 15, message: 'Unexpected ";"' },
      quarantine: null,
      faults: { count: 0, last: null },
    },
    {
      file: 'broken.ts',
      state: 'failed',
      generation: null,
      commands: [],
      error: { file: 'broken.ts', line: 2, column: null, message: 'Expected "}" but found end of file' },
      quarantine: null,
      faults: { count: 0, last: null },
    },
  ],
  lastReload: null,
  commandsDir: '/srv/protos/commands',
};

export function invocation(id: number, overrides: Partial<InvocationDto> = {}): InvocationDto {
  return {
    id,
    command: 'countdown',
    state: 'looping',
    network: 'console',
    adapterId: 'console',
    author: 'Console',
    channel: 'panel',
    guild: 'Console',
    startedAt: 1_700_000_000_000,
    text: 'countdown 30',
    ...overrides,
  };
}

export function trace(id: number, overrides: Partial<TraceDto> = {}): TraceDto {
  const text = overrides.text ?? `echo ${id}`;
  return {
    id,
    time: 1_700_000_000_000 + id,
    network: 'console',
    adapterId: 'console',
    channel: 'panel',
    author: 'Console',
    private: true,
    text,
    outcome: 'invoked',
    command: 'echo',
    invocationId: id,
    stages: [
      { stage: 'detection', step: 'private', input: text, output: text, abort: null, micros: 20 },
      { stage: 'invoke', step: 'echo', input: `["echo"]`, output: `#${id}`, abort: null, micros: 80 },
    ],
    totalMicros: 100,
    ...overrides,
  };
}

export function consoleOutput(
  requestId: string | null,
  kind: ConsoleOutput['kind'],
  text: string,
  session = 'panel',
): ConsoleOutput {
  return { session, requestId, kind, text, time: 1_700_000_000_000 };
}

/** What `config.get` answers for a fresh data dir (defaults, nothing overridden, no secrets). */
export function configSnapshot(
  overrides: { stored?: unknown; secrets?: Record<string, boolean>; overridden?: string[] } = {},
) {
  const stored = overrides.stored ?? defaultConfig();
  return {
    config: stored,
    stored,
    secrets: overrides.secrets ?? {},
    overridden: overrides.overridden ?? [],
    revision: 'rev-0',
    diskProblem: null,
    file: '/srv/protos/data/config.json',
  };
}

export const SAMPLE_DATABASES: DatabaseFileDto[] = [
  { id: 'global', file: '/srv/protos/data/global.sqlite', size: 24_576, open: false },
  { id: 'console', file: '/srv/protos/data/guilds/console.sqlite', size: 45_328, open: true },
];

export const SAMPLE_TABLES: Record<string, TableInfoDto[]> = {
  global: [],
  console: [
    {
      name: 'Car',
      rows: 3,
      columns: [
        { name: 'car_model', type: 'TEXT', notNull: true, primaryKey: false },
        { name: 'horsepower', type: 'INTEGER', notNull: true, primaryKey: false },
        { name: 'serial_number', type: 'INTEGER', notNull: true, primaryKey: true },
      ],
    },
    {
      name: 'Note',
      rows: 2,
      columns: [
        { name: 'id', type: 'INTEGER', notNull: false, primaryKey: true },
        { name: 'body', type: 'TEXT', notNull: false, primaryKey: false },
        { name: 'data', type: 'BLOB', notNull: false, primaryKey: false },
        { name: 'big', type: 'INTEGER', notNull: false, primaryKey: false },
      ],
    },
  ],
};

export const SAMPLE_ROWS: Record<string, { columns: string[]; rows: CellDto[][] }> = {
  'console/Car': {
    columns: ['car_model', 'horsepower', 'serial_number'],
    rows: [
      ['Roadster', 300, 1],
      ['Beetle', 50, 2],
      ['Model T', 20, 3],
    ],
  },
  'console/Note': {
    columns: ['id', 'body', 'data', 'big'],
    rows: [
      [
        1,
        `<img src=x onerror="alert(1)"> first line\nsecond line ${'x'.repeat(300)}`,
        { blob: { size: 3, base64: 'AQID' } },
        '9007199254740993',
      ],
      [2, null, { blob: { size: 9000, base64: null } }, null],
    ],
  },
};

/** Adds `database.*` answers over SAMPLE_DATABASES / SAMPLE_TABLES / SAMPLE_ROWS (or the given ones). */
export function withDatabases(
  client: FakeClient,
  databases: DatabaseFileDto[] = SAMPLE_DATABASES,
  tables: Record<string, TableInfoDto[]> = SAMPLE_TABLES,
  rows: Record<string, { columns: string[]; rows: CellDto[][] }> = SAMPLE_ROWS,
): FakeClient {
  return client
    .handle('database.list', () => ({ databases }))
    .handle('database.tables', ({ db }) => {
      const list = tables[db];
      if (!list) throw new ApiCallError({ code: 'NOT_FOUND', message: `no database "${db}"` });
      return { db, tables: list };
    })
    .handle('database.rows', ({ db, table, offset = 0, limit = 100 }) => {
      const data = rows[`${db}/${table}`];
      if (!data)
        throw new ApiCallError({ code: 'NOT_FOUND', message: `database ${db} has no table "${table}"` });
      return {
        db,
        table,
        columns: data.columns,
        rows: data.rows.slice(offset, offset + limit),
        offset,
        total: data.rows.length,
      };
    });
}

/** A FakeClient answering the calls the shell makes on start. */
/** The RPC server as a fresh install has it: off. */
export const RPC_OFF: RpcStatus = {
  running: false,
  enabled: false,
  port: 6133,
  endpoint: null,
  auth: true,
  connectedClients: 0,
  requestsPerSecond: 0,
  totalRequests: 0,
  lastErrors: [],
  problem: null,
  methods: ['core.commands', 'core.invoke', 'core.ping', 'core.reload', 'core.status'],
};

/** An unsharded bot: one cluster, this process. */
export const ONE_CLUSTER: ShardsStatus = {
  shardCount: 1,
  shardsPerCluster: 4,
  hostId: null,
  clusters: [
    {
      clusterId: 0,
      shardIds: [0],
      host: null,
      where: 'local',
      state: 'running',
      pid: 4242,
      restarts: 0,
      message: null,
      figures: null,
      figuresAt: null,
    },
  ],
  lastReshard: null,
};

export function runtimeFake(entries: LogEntry[] = []): FakeClient {
  return withDatabases(new FakeClient())
    .handle('commands.list', () => SAMPLE_OVERVIEW)
    .handle('invocations.list', () => ({ invocations: [] }))
    .handle('invocations.history', () => ({ invocations: [] }))
    .handle('pipeline.traces', () => ({ traces: [] }))
    .handle('config.get', () => configSnapshot())
    .handle('app.info', () => SAMPLE_INFO)
    .handle('status.get', () => SAMPLE_STATUS)
    .handle('metrics.get', () => SAMPLE_METRICS)
    .handle('rpc.status', () => RPC_OFF)
    .handle('shards.status', () => ONE_CLUSTER)
    .handle('rpc.token', () => ({ token: null, file: '/data/rpc-token' }))
    .handle('rpc.rotateToken', () => ({ token: 'rotated-token', file: '/data/rpc-token' }))
    .handle('supervisor.status', () => ({
      state: 'running',
      runtimePid: 4242,
      restarts: 0,
      lastRestart: null,
      message: null,
    }))
    .handle('logs.getLevel', () => ({ level: 'info' }))
    .handle('logs.setLevel', ({ level }) => ({ level }))
    .handle('logs.tail', ({ afterSeq }) => {
      const after = afterSeq ?? -1;
      return {
        entries: entries.filter((e) => e.seq > after),
        lastSeq: entries.at(-1)?.seq ?? -1,
        capacity: 50_000,
      };
    });
}
