import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach } from 'vitest';
import { createLogging } from '../../src/main/runtime/logging/logging';
import type { ChildLauncher } from '../../src/main/supervisor/child-handle';
import { nodeChildLauncher } from '../../src/main/supervisor/node-child';
import { STALL_FILE } from '../../src/main/supervisor/stall-file';
import { Supervisor } from '../../src/main/supervisor/supervisor';
import { RUNTIME_ENTRY } from '../support/run-cli';
import { useTmpDirs } from '../support/tmp-dir';

export interface Supervised {
  supervisor: Supervisor;
  dataDir: string;
  commandsDir: string;
  /** Everything the supervisor and the runtime processes logged. */
  logs(): string;
  /** Console responses (what would be stdout). */
  stdout(): string;
}

export interface SupervisedOptions {
  files: Record<string, string>;
  config?: Record<string, unknown>;
  console?: boolean;
  /** Wraps the real launcher (to observe or filter the protocol). */
  wrap?: (launcher: ChildLauncher) => ChildLauncher;
}

/** `const start = useSupervised()`: real runtime processes, stopped (or killed) after each test. */
export function useSupervised(): (options: SupervisedOptions) => Promise<Supervised> {
  const tmp = useTmpDirs();
  const started: Supervisor[] = [];
  afterEach(async () => {
    for (const supervisor of started.splice(0)) {
      const pid = supervisor.status().runtimePid;
      await Promise.race([supervisor.stop('test over'), new Promise((r) => setTimeout(r, 8_000))]);
      if (pid && supervisor.status().runtimePid === pid) process.kill(pid, 'SIGKILL');
    }
  });
  return async (options) => {
    const dir = tmp();
    const dataDir = path.join(dir, 'data');
    const commandsDir = path.join(dir, 'commands');
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(commandsDir, { recursive: true });
    for (const [name, text] of Object.entries(options.files))
      writeFileSync(path.join(commandsDir, name), text);
    writeFileSync(
      path.join(dataDir, 'config.json'),
      JSON.stringify({ runtime: { stallTimeoutMs: 1_000 }, ...options.config }),
    );
    let logs = '';
    let stdout = '';
    const output = new PassThrough();
    output.on('data', (d: Buffer) => (logs += d.toString()));
    const logging = createLogging({ console: output, pretty: false, ringCapacity: 100 });
    const launcher = nodeChildLauncher({ entry: RUNTIME_ENTRY, output });
    const supervisor = new Supervisor({
      launch: {
        dataDir,
        commandsDir,
        configOverrides: {},
        app: { name: 'test', version: '0', mode: 'browser', electronVersion: null },
        panel: true,
        console: options.console ?? false,
        interactive: false,
        logConsole: true,
        stallFile: path.join(dataDir, STALL_FILE),
      },
      spawn: options.wrap ? options.wrap(launcher) : launcher,
      logger: logging.child('supervisor'),
      stdout: (text) => (stdout += text),
    });
    started.push(supervisor);
    return { supervisor, dataDir, commandsDir, logs: () => logs, stdout: () => stdout };
  };
}

/** A command file: `import { Command } from 'cmdsys'` plus one class. */
export function command(name: string, body: string, extra = ''): string {
  return `import { Command } from 'cmdsys';\n${extra}\nexport class C extends Command {\n  setup() { this.name = '${name}'; }\n${body}\n}\n`;
}
