import { IntConverter, StringConverter, optional, withConverters } from './converters';
import type { RpcRegistry } from './rpc-registry';

/** What the built-in `core` cog needs from the bot (wired in bot.ts). */
export interface CoreDeps {
  /** The loaded commands, for `core.commands`. */
  commands(): unknown;
  /** Runs a command line as the console at `rank`; resolves with its responses. */
  invoke(line: string, rank: number): Promise<string[]>;
  /** The configured rank of `core.invoke`. */
  invokeRank(): number;
  /** Reloads the command files; resolves with the report. */
  reload(): Promise<unknown>;
  status(): unknown;
}

/** Registers `core.ping`, `core.commands`, `core.invoke`, `core.reload`, `core.status`. */
export function registerCoreHandlers(registry: RpcRegistry, deps: CoreDeps): () => void {
  const releases = [
    registry.registerBuiltin(
      'core.ping',
      withConverters({}, () => 'pong'),
    ),
    registry.registerBuiltin(
      'core.commands',
      withConverters({}, () => ({ commands: deps.commands() })),
    ),
    registry.registerBuiltin(
      'core.invoke',
      withConverters(
        { line: StringConverter, rank: optional(IntConverter) },
        async ({ line, rank }, request) => {
          const floor = deps.invokeRank();
          // a client may lower its own privileges (a larger rank number), never raise them
          const effective = Math.max(floor, rank ?? floor);
          const responses = await deps.invoke(line, effective);
          await request.sendMessage(responses.join('\n'), { data: { responses, rank: effective } });
        },
      ),
    ),
    registry.registerBuiltin(
      'core.reload',
      withConverters({}, async () => ({ report: await deps.reload() })),
    ),
    registry.registerBuiltin(
      'core.status',
      withConverters({}, () => deps.status()),
    ),
  ];
  return () => releases.forEach((release) => release());
}
