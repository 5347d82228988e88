import { describe, expect, it } from 'vitest';
import { ConfigSchema } from './schema';
import { changedPaths, RESTART_KEYS, restartKeysIn } from './restart-keys';

describe('restart keys', () => {
  it('names only keys that exist in the config schema', () => {
    const defaults = ConfigSchema.parse({}) as Record<string, unknown>;
    for (const { key } of RESTART_KEYS) {
      const value = key.split('.').reduce<unknown>((node, part) => {
        expect(node, key).toBeTypeOf('object');
        expect(Object.keys(node as object), key).toContain(part);
        return (node as Record<string, unknown>)[part];
      }, defaults);
      expect(value, key).not.toBeUndefined();
    }
  });

  it('finds the restart keys a change touches: under a key, or a whole section above it', () => {
    expect(restartKeysIn(['panel.port', 'pipeline.triggers.0'])).toEqual(['panel.port']);
    expect(restartKeysIn(['irc.servers.1.host', 'database.engine'])).toEqual(['database', 'irc.servers']);
    expect(restartKeysIn(['logging'])).toEqual([
      'logging.ringSize',
      'logging.ringBytes',
      'logging.filesKept',
      'logging.fileMaxMb',
    ]);
    expect(restartKeysIn(['logging.level', 'panelx', 'discord.presence.status'])).toEqual([]);
  });

  it('lists the changed leaves between two configs', () => {
    const before = { a: 1, b: { c: [1, 2], d: 'x' }, e: null };
    const after = { a: 1, b: { c: [1, 3], d: 'x', f: true }, e: { g: 1 } };
    expect(changedPaths(before, after).sort()).toEqual(['b.c.1', 'b.f', 'e']);
    expect(changedPaths(before, before)).toEqual([]);
  });
});
