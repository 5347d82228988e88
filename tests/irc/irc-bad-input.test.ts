// Bad input never crashes the bot; it is logged (warn, with a clipped sample). A 10 KB line
// through ngircd (which drops the sender), and — since a real server never relays such lines —
// a scripted server that sends the bot what no real one should: a 10 KB PRIVMSG, invalid UTF-8,
// control characters, lines irc-framework's parser chokes on.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { answers, COMMANDS, startIrcBot } from './support/irc-bot';
import { IrcUser, until } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';
import { ScriptedServer } from './support/scripted-server';

const dirs: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tmp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-bad-'));
  dirs.push(dir);
  return dir;
}

describe('bad IRC input', () => {
  it('a 10 KB line, invalid UTF-8, control codes and unparsable lines: logged, never fatal', async () => {
    const fake = await ScriptedServer.start();
    cleanups.push(() => fake.close());
    const irc = await startIrcBot(tmp(), fake.port, { files: COMMANDS, channels: ['#t'] });
    cleanups.push(() => irc.bot.stop('test over'));
    expect(irc.adapter.status().channels).toBe(1);
    const sentBack = (text: string): boolean => fake.received.includes(`PRIVMSG #t :${text}`);

    fake.send(`:mallory!m@evil PRIVMSG #t :&echo ${'A'.repeat(10_240)}`);
    fake.send(
      Buffer.concat([
        Buffer.from(':mallory!m@evil PRIVMSG #t :&echo bad '),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(' bytes'),
      ]),
    );
    fake.send(':mallory!m@evil PRIVMSG #t :&echo bell\x07 and\x00nul');
    fake.send(':mallory!m@evil PRIVMSG #t :\x02\x0304&echo\x0F \x1Fcolours\x1F');
    fake.send(':mallory!m@evil PRIVMSG'); // no target, no text: irc-framework's handler throws
    fake.send(':fake.server 318'); // RPL_ENDOFWHOIS without parameters: likewise
    fake.send('@' + 'x=y;'.repeat(3_000) + ' :mallory!m@evil PRIVMSG #t :tags galore');
    fake.send(':alice!a@good PRIVMSG #t :&echo still alive');

    // mallory's lines are answered in order (one sender's commands queue behind each other);
    // alice is not held up by them
    await until('the answer to the last line', () => sentBack('still alive'), 8_000);
    await until('the answers to mallory', () => sentBack('colours'), 8_000);
    const answered = fake.received.filter((l) => l.startsWith('PRIVMSG #t :'));
    expect(answered.slice(1)).toEqual([
      'PRIVMSG #t :bad \uFFFD\uFFFD\uFFFD bytes',
      'PRIVMSG #t :bell and nul',
      'PRIVMSG #t :colours',
    ]);

    const warnings = irc.logs().filter((e) => e.level === 'warn');
    const malformed = warnings.filter((e) => e.msg === 'malformed IRC line');
    const problems = malformed.flatMap((e) => e.fields?.problems as string[]);
    expect(problems.some((p) => /over the 512-byte IRC limit/.test(p))).toBe(true);
    expect(problems).toContain('invalid UTF-8');
    expect(problems).toContain('message tags over 8191 bytes');
    // samples are clipped
    for (const e of malformed) expect(String(e.fields?.sample).length).toBeLessThan(260);
    expect(warnings.filter((e) => e.msg === 'raw line could not be handled; dropped')).toHaveLength(2);
    expect(warnings.some((e) => e.msg === 'control characters in a message')).toBe(true);
    expect(irc.adapter.status().state).toBe('connected');

    // injected lines take the same path
    await expect(irc.adapter.handleRaw(`:x!y@z PRIVMSG #t :${'é'.repeat(6_000)}`)).resolves.toBeUndefined();
    await expect(irc.adapter.handleRaw('\u0000\uFFFF garbage')).resolves.toBeUndefined();
    fake.send(':alice!a@good PRIVMSG #t :&echo after injection');
    await until('the bot to go on answering', () => sentBack('after injection'));
  });

  it('a 10 KB line sent to ngircd: the server cuts the sender off, the bot carries on', async () => {
    if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
    const server = await Ngircd.start();
    cleanups.push(() => server.stop());
    const alice = await IrcUser.connect(server.port, 'alice', ['#test']);
    cleanups.push(() => alice.quit());
    const mallory = await IrcUser.connect(server.port, 'mallory', ['#test']);
    cleanups.push(() => mallory.quit());
    const irc = await startIrcBot(tmp(), server.port, { files: COMMANDS });
    cleanups.push(() => irc.bot.stop('test over'));

    // ngircd refuses lines over 512 bytes ("Request too long") and stops listening to mallory
    mallory.raw(`PRIVMSG #test :&echo ${'B'.repeat(10_240)}`);
    mallory.say('#test', '&echo from mallory');
    const since = alice.heard.length;
    alice.say('#test', '&echo still here');
    expect(await answers(alice, 'bot', since)).toEqual(['still here']);
    expect(alice.from('bot').map((h) => h.message)).not.toContain('from mallory');
    expect(irc.adapter.status().state).toBe('connected');
  });
});
