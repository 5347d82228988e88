// Chat manners and command ids over a real ngircd: a line that only looks like a command gets
// no error in the channel, a known command gets the quote error with the column of what the
// user typed, a command runs by its id, and ids survive reloadCommands and a restart.

import { describe, expect, it } from 'vitest';
import { COMMANDS, startIrcBot, type IrcBot } from './support/irc-bot';

import { useIrcChannel } from './support/channel-fixture';

const world = useIrcChannel('manners', { files: COMMANDS });

const ids = (bot: IrcBot): Map<string, number> =>
  new Map(bot.bot.commands.registry.list().map((e) => [e.command.name, e.id]));

describe('chat manners in a channel (ngircd)', () => {
  it('"bot, what\'s up?" gets no reply; "&echo \'x" (a known command) gets the quote error', async () => {
    expect(await world.sayQuietly("bot, what's up?")).toEqual([]);
    expect(await world.sayQuietly("&don't")).toEqual([]);
    expect(await world.say("&echo 'x")).toEqual(["Unclosed ' quote at column 7"]);
    expect(await world.say("bot: echo 'x")).toEqual(["Unclosed ' quote at column 11"]);
  });
});

describe('command ids (ngircd)', () => {
  it('a command runs by its id; ids are equal after reloadCommands and after a restart', async () => {
    const before = ids(world.irc);
    const echo = before.get('echo')!;
    expect(await world.say(`&#${echo} by id`)).toEqual(['by id']);
    const since = world.alice.heard.length;
    world.alice.say('#test', `&help #${echo}`);
    // three lines, paced by flood control
    const help = await world.alice.waitFrom('bot', since, 3);
    expect(help.map((h) => h.message).join('\n')).toContain(`(id ${echo}, file echo.ts)`);

    await world.irc.bot.commands.reload(true);
    expect(ids(world.irc)).toEqual(before);

    await world.irc.bot.stop('restart');
    world.irc = await startIrcBot(world.dataDir, world.server.port, {});
    expect(ids(world.irc)).toEqual(before);
    expect(await world.say(`&#${echo} after a restart`)).toEqual(['after a restart']);
  });
});
