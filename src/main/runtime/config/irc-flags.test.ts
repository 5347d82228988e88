import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTmpDirs } from '../../../../tests/support/tmp-dir';
import { ConfigManager } from './config-manager';
import type { Config } from './schema';
import { mergeIrcServers } from './irc-flags';

const tmp = useTmpDirs();

const CONFIGURED = {
  irc: {
    servers: [
      {
        host: 'IRC.example.net',
        port: 6697,
        tls: true,
        nick: 'protos',
        sasl: { account: 'protos', password: 'hunter2' },
        channels: ['#home'],
        send: { burst: 8, perSecond: 3 },
        opRank: 3,
      },
      { host: 'other.example', port: 6667, channels: ['#x'] },
    ],
  },
};

async function withFlags(flags: Parameters<typeof mergeIrcServers>[1]): Promise<Config['irc']['servers']> {
  const file = path.join(tmp(), 'config.json');
  writeFileSync(file, JSON.stringify(CONFIGURED));
  const config = await ConfigManager.open(file, {
    'irc.servers': (configured: Config['irc']['servers']) => mergeIrcServers(configured, flags),
  });
  // the file itself is untouched
  expect(config.stored().irc.servers).toHaveLength(2);
  return config.get('irc.servers');
}

describe('--irc HOST:PORT merges into the configured entry', () => {
  it('keeps flood control, TLS, SASL, ranks and channels of the same host and port', async () => {
    const [server, ...rest] = await withFlags({
      servers: [{ host: 'irc.example.net', port: 6697 }],
      nick: null,
      channels: [],
    });
    expect(rest).toEqual([]);
    expect(server).toMatchObject({
      host: 'irc.example.net',
      port: 6697,
      tls: true,
      nick: 'protos',
      sasl: { account: 'protos', password: 'hunter2' },
      channels: ['#home'],
      send: { burst: 8, perSecond: 3 },
      opRank: 3,
    });
  });

  it('overrides only what the flags name: --irc-nick, --irc-channel', async () => {
    const [server] = await withFlags({
      servers: [{ host: 'irc.example.net', port: 6697 }],
      nick: 'flagged',
      channels: ['#flag'],
    });
    expect(server).toMatchObject({ nick: 'flagged', channels: ['#flag'], tls: true, send: { burst: 8 } });
  });

  it('a server the config does not have (another port counts as another server) gets the defaults', async () => {
    const [server] = await withFlags({
      servers: [{ host: 'irc.example.net', port: 6667 }],
      nick: null,
      channels: ['#t'],
    });
    expect(server).toMatchObject({ port: 6667, tls: false, nick: 'bot', sasl: null, channels: ['#t'] });
    expect(server!.send).toEqual({ burst: 4, perSecond: 1 });
  });
});
