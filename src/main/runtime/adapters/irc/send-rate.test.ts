import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../../shared/config/schema';
import type { ConfigManager } from '../../config/config-manager';
import { EventBus } from '../../events/event-bus';
import { createLogging } from '../../logging/logging';
import { IrcAdapter, PUBLIC_NETWORK_PER_SECOND, type IrcServerConfig } from './irc-adapter';

const server = (perSecond: number): IrcServerConfig =>
  ConfigSchema.parse({ irc: { servers: [{ host: '127.0.0.1', send: { burst: 4, perSecond } }] } }).irc
    .servers[0]!;

function warningsFor(perSecond: number): string[] {
  const logging = createLogging({ console: false });
  const adapter = new IrcAdapter(server(perSecond));
  adapter.attach({
    deliver: () => undefined,
    events: new EventBus(logging.child('events')),
    logging,
    config: {} as ConfigManager,
    statusChanged: () => undefined,
  });
  return logging.ring
    .tail(logging.ring.size)
    .filter((e) => e.level === 'warn')
    .map((e) => e.msg);
}

describe('send.perSecond', () => {
  it('accepts up to 1000 lines per second (private servers, bouncers) and refuses more', () => {
    expect(server(1000).send.perSecond).toBe(1000);
    expect(() => server(1001)).toThrow(/1000/);
    expect(() => server(0)).toThrow();
  });

  it('warns above the public-network default, and only then', () => {
    expect(warningsFor(PUBLIC_NETWORK_PER_SECOND)).toEqual([]);
    expect(warningsFor(0.5)).toEqual([]);
    const [warning] = warningsFor(500);
    expect(warning).toMatch(/above the public-network default/);
  });
});
