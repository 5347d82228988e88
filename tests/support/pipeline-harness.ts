import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Adapter, IncomingMessage, Outgoing } from '../../src/main/runtime/adapters/types';
import { Command } from '../../src/main/runtime/cmdsys/api/command';
import { StringArgument } from '../../src/main/runtime/cmdsys/api/arguments';
import { plainResolver } from '../../src/main/runtime/cmdsys/command-system';
import { Executor } from '../../src/main/runtime/cmdsys/executor/executor';
import { CommandRegistry } from '../../src/main/runtime/cmdsys/registry/command-registry';
import { ConfigManager } from '../../src/main/runtime/config/config-manager';
import type { ConfigInput } from '../../src/main/runtime/config/schema';
import { EventBus } from '../../src/main/runtime/events/event-bus';
import { createLogging } from '../../src/main/runtime/logging/logging';
import { MiddlewareRegistry } from '../../src/main/runtime/pipeline/middleware-registry';
import { Pipeline } from '../../src/main/runtime/pipeline/pipeline';

export interface Call {
  command: string;
  args: Record<string, unknown>;
}

/** A module subcommand that records its calls. */
function recorder(
  calls: Call[],
  module: string,
  name: string,
  argument: 'none' | 'optional' | 'required' = 'optional',
): Command {
  class Recorded extends Command {
    setup() {
      this.module = module;
      this.name = name;
      if (argument !== 'none') this.addArgument(new StringArgument('rest', argument === 'optional'));
    }
    call(args: Record<string, unknown>) {
      calls.push({ command: `${module} ${name}`, args });
    }
  }
  const command = new Recorded();
  command.setup();
  return command;
}

export interface Harness {
  pipeline: Pipeline;
  middleware: MiddlewareRegistry;
  registry: CommandRegistry;
  executor: Executor;
  config: ConfigManager;
  calls: Call[];
  sent: Outgoing[];
  clock: { now: number };
  msg(
    text: string,
    options?: Partial<Pick<IncomingMessage, 'isPrivate' | 'rank'>> & { author?: string; channel?: string },
  ): IncomingMessage;
  /** Runs one message through the pipeline and waits for the command (if any) to end. */
  run(text: string, options?: Parameters<Harness['msg']>[1]): ReturnType<Pipeline['process']>;
  logs: () => { level: string; msg: string; fields?: Record<string, unknown> }[];
}

/**
 * The seed's world: the bot is called `bot`, the trigger is `&`, and the modules are
 * `help` (default, commands <arg>), `games` (8ball) and `factoid` (add).
 */
export async function seedHarness(dir: string, config: ConfigInput = {}): Promise<Harness> {
  const file = path.join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      bot: { name: 'bot' },
      ...config,
      pipeline: { triggers: ['&'], ...(config.pipeline ?? {}) },
    }),
  );
  const configManager = await ConfigManager.open(file);
  const logging = createLogging({ console: false, level: 'debug' });
  const bus = new EventBus(logging.child('events'));
  const calls: Call[] = [];
  const sent: Outgoing[] = [];
  const registry = new CommandRegistry();
  registry.add(
    [
      recorder(calls, 'help', 'default'),
      recorder(calls, 'help', 'commands', 'required'),
      recorder(calls, 'games', '8ball'),
      recorder(calls, 'factoid', 'add'),
    ],
    'seed.ts',
    false,
  );
  const adapter: Adapter = {
    id: 'irc',
    network: 'irc',
    limits: { maxChars: null, maxBytes: null },
    attach: () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    status: () => ({
      id: 'irc',
      network: 'irc',
      label: 'irc',
      state: 'connected',
      latencyMs: null,
      guilds: 0,
      channels: 1,
      reconnects: 0,
      lastError: null,
    }),
    send: async (out) => void sent.push(out),
    addressing: () => ({ names: ['bot'], mentions: [] }),
  };
  const executor = new Executor({
    registry,
    bus,
    logging,
    config: configManager,
    adapterOf: () => adapter,
    resolverFor: () => plainResolver,
    graceMs: 50,
  });
  const clock = { now: 1_000_000 };
  const middleware = new MiddlewareRegistry(logging.child('middleware'));
  const pipeline = new Pipeline({
    config: configManager,
    commands: { registry, executor },
    middleware,
    logging,
    adapterOf: () => adapter,
    now: () => clock.now,
  });
  let nextId = 1;
  const msg: Harness['msg'] = (text, options = {}) => ({
    id: String(nextId++),
    network: 'irc',
    adapterId: 'irc',
    text,
    author: {
      id: options.author ?? 'alice!a@host',
      name: options.author ?? 'alice',
      displayName: options.author ?? 'alice',
      mention: null,
    },
    channel: { id: options.channel ?? '#test', name: options.channel ?? '#test' },
    guild: { id: 'net', name: 'net' },
    isPrivate: options.isPrivate ?? false,
    mentionsBot: false,
    rank: options.rank ?? 10,
    attachments: [],
    receivedAt: Date.now(),
    native: null,
  });
  return {
    pipeline,
    middleware,
    registry,
    executor,
    config: configManager,
    calls,
    sent,
    clock,
    msg,
    run: async (text, options) => {
      const result = await pipeline.process(msg(text, options));
      if (result.invocation) {
        await result.invocation.settled;
        await result.invocation.responder.close();
      }
      return result;
    },
    logs: () => logging.ring.tail(10_000),
  };
}
