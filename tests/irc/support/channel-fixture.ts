import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { answers, silence, startIrcBot, type IrcBot, type IrcBotOptions } from './irc-bot';
import { IrcUser } from './irc-user';
import { Ngircd, ngircdAvailable } from './ngircd';

/** The world of one test file: a real ngircd, alice in a channel, and the bot. */
export interface IrcChannel {
  readonly server: Ngircd;
  readonly alice: IrcUser;
  readonly dataDir: string;
  /** The running bot; a test that restarts it assigns the new one. */
  irc: IrcBot;
  /** alice says `text` in the channel: the bot's answers. */
  say(text: string): Promise<string[]>;
  /** alice says `text`: what the bot said within a quiet period (expected: nothing). */
  sayQuietly(text: string): Promise<string[]>;
}

/**
 * Starts ngircd, connects alice to `channel` and starts the bot (its command files and options)
 * before the file's tests, and stops them all after; ngircd missing is a failure, not a skip.
 */
export function useIrcChannel(name: string, bot: IrcBotOptions, channel = '#test'): IrcChannel {
  const world = {} as { -readonly [K in keyof IrcChannel]: IrcChannel[K] };
  beforeAll(async () => {
    if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
    world.server = await Ngircd.start();
    world.alice = await IrcUser.connect(world.server.port, 'alice', [channel]);
    world.dataDir = mkdtempSync(path.join(os.tmpdir(), `protos-irc-${name}-`));
    world.irc = await startIrcBot(world.dataDir, world.server.port, bot);
  });
  afterAll(async () => {
    await world.irc?.bot.stop('test over');
    await world.alice?.quit();
    await world.server?.stop();
    if (world.dataDir) rmSync(world.dataDir, { recursive: true, force: true });
  });
  world.say = (text) => {
    const since = world.alice.heard.length;
    world.alice.say(channel, text);
    return answers(world.alice, 'bot', since);
  };
  world.sayQuietly = (text) => {
    const since = world.alice.heard.length;
    world.alice.say(channel, text);
    return silence(world.alice, 'bot', since);
  };
  return world;
}
