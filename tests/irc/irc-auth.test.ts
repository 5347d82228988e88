// Registration with a server password and SASL PLAIN (ngircd has no SASL: a scripted server
// plays the other side), the secrets stay out of the logs; a server that is down at start.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, startIrcBot } from './support/irc-bot';
import { until } from './support/irc-user';
import { ScriptedServer } from './support/scripted-server';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tmp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-auth-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('IRC registration with credentials', () => {
  it('sends the server password and authenticates with SASL PLAIN before registering', async () => {
    const fake = await ScriptedServer.start({ sasl: true });
    cleanups.push(() => fake.close());
    const irc = await startIrcBot(tmp(), fake.port, {
      files: COMMANDS,
      channels: ['#t'],
      server: { password: 'server-pass-123', sasl: { account: 'botacct', password: 'sasl-secret-456' } },
    });
    cleanups.push(() => irc.bot.stop('test over'));
    expect(irc.adapter.status()).toMatchObject({ state: 'connected', channels: 1 });
    expect(fake.received).toContain('PASS server-pass-123');
    expect(fake.received).toContain('CAP REQ :sasl');
    expect(fake.received).toContain('AUTHENTICATE PLAIN');
    const plain = Buffer.from('botacct\0botacct\0sasl-secret-456').toString('base64');
    expect(fake.received).toContain(`AUTHENTICATE ${plain}`);
    // CAP END (after SASL) comes before the JOIN
    expect(fake.received.indexOf('CAP END')).toBeLessThan(fake.received.indexOf('JOIN #t'));
    const logs = JSON.stringify(irc.logs());
    expect(logs).not.toContain('server-pass-123');
    expect(logs).not.toContain('sasl-secret-456');
  });

  it('never offers the server password as SASL credentials', async () => {
    const fake = await ScriptedServer.start({ sasl: true });
    cleanups.push(() => fake.close());
    // the server offers SASL but holds the welcome until CAP END: it must come without AUTHENTICATE
    const irc = await startIrcBot(tmp(), fake.port, {
      files: COMMANDS,
      channels: ['#t'],
      server: { password: 'only-a-server-password' },
    });
    cleanups.push(() => irc.bot.stop('test over'));
    expect(irc.adapter.status().state).toBe('connected');
    expect(fake.received).toContain('PASS only-a-server-password');
    expect(fake.received.some((l) => l.startsWith('AUTHENTICATE'))).toBe(false);
  });

  it('a server that is down does not hold up the bot; the adapter connects once it is up', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    const started = Date.now();
    const irc = await startIrcBot(tmp(), port, { files: COMMANDS, channels: ['#t'] });
    cleanups.push(() => irc.bot.stop('test over'));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(irc.bot.state).toBe('running');
    expect(irc.adapter.status()).toMatchObject({ state: 'reconnecting', guilds: 0 });
    expect(irc.adapter.status().lastError).toMatch(/ECONNREFUSED|could not connect/);

    const fake = await ScriptedServer.start({}, port);
    cleanups.push(() => fake.close());
    await until('the adapter to connect', () => irc.adapter.status().state === 'connected', 10_000);
    await until('the JOIN', () => fake.received.includes('JOIN #t'));
  });
});
