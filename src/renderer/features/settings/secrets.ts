import { SECRET_PATHS } from '../../../shared/config/schema';
import { secretPathsIn } from '../../../shared/config/secret-paths';
import { setIn } from './config-paths';

/** Secret values typed in the panel (string) or to clear (null), by concrete path. */
export type SecretChanges = Readonly<Record<string, string | null>>;

export interface SecretContext {
  /** Which secrets the runtime holds, by concrete path (from `config.get`). */
  secrets: Readonly<Record<string, boolean>>;
  changes: SecretChanges;
  /** For each IRC server in the draft, its index in the stored config (null: added in the panel). */
  serverOrigins: readonly (number | null)[];
  /**
   * The draft and the stored config, to notice an endpoint change: the runtime clears a secret
   * whose endpoint (`discord.api`, an IRC server's host or port) changed, so it is shown as lost.
   */
  draft?: unknown;
  stored?: unknown;
}

/**
 * What a secret field shows. `lost`: the server holding it moved in the list (a server above it
 * was removed), or its endpoint (`discord.api`, the server's host or port) was changed in the
 * draft; the runtime will not keep it, so it must be entered again.
 */
export type SecretState = 'set' | 'unset' | 'replace' | 'clear' | 'lost';

const SERVER_SECRET = /^irc\.servers\.(\d+)\.(.+)$/;

/** Concrete paths of every secret field present in a config (`irc.servers.1.sasl.password`). */
export { secretPathsIn };

type Node = Record<string, unknown> | undefined;
const child = (node: unknown, key: string): Node =>
  node !== null && typeof node === 'object' ? ((node as Record<string, unknown>)[key] as Node) : undefined;
const serverAt = (config: unknown, i: number): Node => {
  const list = child(child(config, 'irc'), 'servers');
  return Array.isArray(list) ? (list[i] as Node) : undefined;
};

/** Whether the endpoint a held secret belongs to differs between the stored config and the draft. */
function endpointChanged(path: string, ctx: SecretContext, origin: number | null): boolean {
  if (ctx.draft === undefined || ctx.stored === undefined) return false;
  if (path === 'discord.token')
    return (child(ctx.draft, 'discord')?.api ?? null) !== (child(ctx.stored, 'discord')?.api ?? null);
  const m = SERVER_SECRET.exec(path);
  if (!m || origin === null) return false;
  const now = serverAt(ctx.draft, Number(m[1]));
  const before = serverAt(ctx.stored, origin);
  const host = (s: Node): string => String(s?.host ?? '').toLowerCase();
  return host(now) !== host(before) || (now?.port ?? 6667) !== (before?.port ?? 6667);
}

/** Whether the runtime holds this secret for the thing now at `path` (following moved servers). */
function heldFor(path: string, ctx: SecretContext): { held: boolean; moved: boolean } {
  const m = SERVER_SECRET.exec(path);
  if (!m) return { held: ctx.secrets[path] === true, moved: endpointChanged(path, ctx, null) };
  const index = Number(m[1]);
  const origin = ctx.serverOrigins[index];
  if (origin === null || origin === undefined) return { held: false, moved: false };
  return {
    held: ctx.secrets[`irc.servers.${origin}.${m[2]}`] === true,
    moved: origin !== index || endpointChanged(path, ctx, origin),
  };
}

export function secretState(path: string, ctx: SecretContext): SecretState {
  const change = ctx.changes[path];
  if (typeof change === 'string') return 'replace';
  if (change === null) return 'clear';
  const { held, moved } = heldFor(path, ctx);
  if (!held) return 'unset';
  return moved ? 'lost' : 'set';
}

/** Stands in for a secret the runtime holds, so the draft validates like the real config. */
export const SECRET_PLACEHOLDER = '(secret)';

/** The draft with each secret field filled as the runtime would see it after saving. */
export function withSecretValues(draft: unknown, ctx: SecretContext): unknown {
  let out = draft;
  for (const path of secretPathsIn(draft)) {
    const state = secretState(path, ctx);
    const value = state === 'replace' ? ctx.changes[path] : state === 'set' ? SECRET_PLACEHOLDER : null;
    out = setIn(out, path.split('.'), value);
  }
  return out;
}

/**
 * The `secrets` argument of `config.set`: the operator's changes for fields that still exist,
 * plus an explicit clear wherever the runtime holds a secret at a position that now belongs to
 * another server (so a password never moves to a different host).
 */
export function secretChangesToSend(draft: unknown, ctx: SecretContext): Record<string, string | null> {
  const present = secretPathsIn(draft);
  const out: Record<string, string | null> = {};
  for (const path of present) {
    const change = ctx.changes[path];
    if (change !== undefined) {
      out[path] = change;
      continue;
    }
    const m = SERVER_SECRET.exec(path);
    if (m && ctx.secrets[path] === true && ctx.serverOrigins[Number(m[1])] !== Number(m[1])) out[path] = null;
  }
  return out;
}

/** A secret field's value in the draft is never a secret (the runtime sends null): keep it null. */
export function isSecretPath(path: string): boolean {
  return SECRET_PATHS.some((pattern) => {
    const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '\\d+')}$`);
    return re.test(path);
  });
}
