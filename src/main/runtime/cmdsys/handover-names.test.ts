import { describe, expect, it } from 'vitest';
import { EventBus } from '../events/event-bus';
import { createLogging } from '../logging/logging';
import { HandoverNames } from './handover-names';
import { GenerationScope } from './loader/generation-scope';

type Handler = () => string;

/** A registry that refuses duplicates, as the RPC and middleware registries do. */
function strictRegistry() {
  const map = new Map<string, Handler>();
  const register = (name: string, fn: Handler): (() => void) => {
    if (map.has(name)) throw new Error(`"${name}" is already registered`);
    map.set(name, fn);
    return () => void map.delete(name);
  };
  return { map, names: new HandoverNames<Handler>(register) };
}

const bus = new EventBus(createLogging({ console: false }).child('events'));
const scope = (file: string): GenerationScope => new GenerationScope(bus, file);

describe('HandoverNames', () => {
  it('lets the next generation of the same file take a name over, and gives it back when that one goes', () => {
    const { map, names } = strictRegistry();
    const v1 = scope('a.ts');
    const v2 = scope('a.ts');
    const releaseV1 = names.register(v1, 'm', () => 'v1');
    expect(map.get('m')!()).toBe('v1');
    const releaseV2 = names.register(v2, 'm', () => 'v2');
    expect(map.size).toBe(1);
    expect(map.get('m')!()).toBe('v2');
    // v2 failed to load: v1 answers again
    releaseV2();
    expect(map.get('m')!()).toBe('v1');
    // or v1 is retired after v2 loaded: v2 keeps the name
    const again = names.register(v2, 'm', () => 'v2');
    releaseV1();
    expect(map.get('m')!()).toBe('v2');
    again();
    expect(map.has('m')).toBe(false);
    // releasing twice is harmless
    again();
    releaseV1();
  });

  it('refuses the same name from another file, or twice from one generation', () => {
    const { names } = strictRegistry();
    const a = scope('a.ts');
    names.register(a, 'm', () => 'a');
    expect(() => names.register(scope('b.ts'), 'm', () => 'b')).toThrow('"m" is already registered');
    expect(() => names.register(a, 'm', () => 'a again')).toThrow('"m" is already registered');
  });
});
