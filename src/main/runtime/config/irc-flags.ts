import type { Config } from './schema';

type IrcServer = Config['irc']['servers'][number];

export interface IrcFlags {
  servers: { host: string; port: number }[];
  nick: string | null;
  channels: string[];
}

const sameServer = (a: { host: string; port: number }, b: { host: string; port: number }): boolean =>
  a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port;

/**
 * The `irc.servers` the flags ask for: one entry per `--irc HOST:PORT`, each merged into the
 * configured entry for the same host and port (flood control, TLS, SASL, … stay as configured),
 * with only what the flags name replaced: the nick (`--irc-nick`) and the channels
 * (`--irc-channel`). A server the config does not have gets the schema's defaults.
 */
export function mergeIrcServers(
  configured: readonly IrcServer[],
  flags: IrcFlags,
): Record<string, unknown>[] {
  return flags.servers.map(({ host, port }) => {
    const base = configured.find((s) => sameServer(s, { host, port }));
    return {
      ...(base ?? {}),
      host,
      port,
      ...(flags.nick ? { nick: flags.nick } : {}),
      ...(flags.channels.length > 0 || !base ? { channels: flags.channels } : {}),
    };
  });
}
