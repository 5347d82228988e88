import { Routes, type REST } from 'discord.js';
import type { SlashCommandBody } from './derive';

/** What one scope's sync did. */
export interface SyncReport {
  /** `global` or a guild id. */
  scope: string;
  created: string[];
  updated: string[];
  deleted: string[];
  unchanged: number;
}

interface RegisteredCommand {
  id: string;
  name: string;
  [key: string]: unknown;
}

const COMPARED = ['name', 'description', 'options', 'default_member_permissions', 'type'] as const;

/**
 * A comparable form of a command: the fields we set, with what Discord leaves out when it is
 * a default (false, null, empty lists) dropped and keys sorted, so what we would send and what
 * Discord returns compare equal when nothing changed.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || v === null || v === false) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[key] = canonical(v);
  }
  return out;
}

function comparable(command: Record<string, unknown>): string {
  const picked: Record<string, unknown> = { type: 1 };
  for (const key of COMPARED) if (command[key] !== undefined) picked[key] = command[key];
  return JSON.stringify(canonical(picked));
}

/**
 * Brings one scope (global, or a guild) in line with `wanted`, touching only what differs:
 * nothing registered yet → one bulk overwrite; otherwise new and changed commands are
 * upserted one by one and removed ones deleted. Unchanged commands cost no write, so a
 * restart with the same commands sends only the GET. discord.js's REST queue handles 429s.
 */
export async function syncScope(
  rest: REST,
  applicationId: string,
  guildId: string | null,
  wanted: readonly SlashCommandBody[],
): Promise<SyncReport> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const one = (id: string): `/${string}` =>
    guildId
      ? Routes.applicationGuildCommand(applicationId, guildId, id)
      : Routes.applicationCommand(applicationId, id);
  const report: SyncReport = {
    scope: guildId ?? 'global',
    created: [],
    updated: [],
    deleted: [],
    unchanged: 0,
  };
  const existing = (await rest.get(route)) as RegisteredCommand[];
  const byName = new Map(existing.map((c) => [c.name, c]));

  if (existing.length === 0) {
    if (wanted.length > 0) await rest.put(route, { body: wanted });
    report.created = wanted.map((c) => c.name);
    return report;
  }
  for (const body of wanted) {
    const current = byName.get(body.name);
    if (current && comparable(current) === comparable(body as unknown as Record<string, unknown>)) {
      report.unchanged++;
      continue;
    }
    // POST with an existing name replaces that command (Discord upserts by name)
    await rest.post(route, { body });
    (current ? report.updated : report.created).push(body.name);
  }
  const names = new Set(wanted.map((c) => c.name));
  for (const command of existing) {
    if (names.has(command.name)) continue;
    await rest.delete(one(command.id));
    report.deleted.push(command.name);
  }
  return report;
}
