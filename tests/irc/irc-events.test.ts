// bottom's event model over a real ngircd: every parsed line is an event on the bus under its
// IRC name, trigger() re-dispatches a PRIVMSG as if the server had sent it, send(command,
// fields) goes through flood control, outgoing hooks and a replaced default raw handler are
// released with the command file's generation.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { answers, COMMANDS, silence, until } from './support/irc-bot';
import { IrcUser } from './support/irc-user';
import { useIrcChannel } from './support/channel-fixture';

const EVENT_COMMANDS = `import { Command } from 'cmdsys';
let motds = 0;
export class Greeter extends Command {
  setup() {
    this.name = 'motds';
    this.env.events.on('JOIN', (p) => {
      if (p.nick === 'bot') return;
      void this.env.raw(p.adapterId)?.sendCommand('PRIVMSG', { target: p.channel, message: 'welcome ' + p.nick });
    });
    this.env.events.on('rpl_endofmotd', (p) => { if (p.target === 'bot') motds++; });
  }
  async call() { await this.respond('motds ' + motds); }
}
export class Again extends Command {
  setup() { this.name = 'again'; }
  async call() {
    this.env.events.trigger('PRIVMSG', {
      adapterId: this.msg.adapterId,
      nick: this.msg.author.name,
      target: this.msg.channel.name,
      message: '&echo triggered as if sent',
    });
  }
}
export class Burst extends Command {
  setup() { this.name = 'burst'; }
  async call() {
    const raw = this.env.raw(this.msg.adapterId)!;
    await Promise.all([1, 2, 3].map((i) => raw.sendCommand('PRIVMSG', { target: this.msg.channel.name, message: 'burst ' + i })));
  }
}
export class BadSend extends Command {
  setup() { this.name = 'badsend'; }
  async call() {
    try {
      await this.env.raw()!.sendCommand('PRIVMSG', { target: '#test', message: 'x\\r\\nQUIT :gone' });
    } catch (err) {
      await this.respond('refused: ' + (err as Error).message);
    }
  }
}
`;

// bottom's split of MODE: USERMODE for a nick, CHANNELMODE for a channel; no MODE event.
// Bus handlers run on a later turn than the line: \`modes N\` waits until N changes were heard.
const MODE_COMMANDS = `import { Command, StringArgument, type ArgsOf } from 'cmdsys';
const seen: string[] = [];
const waiting: (() => void)[] = [];
let modeEvents = 0;
const note = (text: string) => {
  seen.push(text);
  for (const wake of waiting.splice(0)) wake();
};
export class Modes extends Command {
  setup() {
    this.name = 'modes';
    this.env.events.on('CHANNELMODE', (p) => note(p.channel + ' ' + p.modes + ' [' + p.args.join(',') + '] by ' + p.nick));
    this.env.events.on('USERMODE', (p) => note('user ' + p.target + ' ' + p.modes + ' by ' + (p.nick || 'the server')));
    this.env.events.on('MODE', () => void modeEvents++);
    return this.addArgument(new StringArgument('count'));
  }
  async call({ count }: ArgsOf<Modes>) {
    while (seen.length < Number(count)) await new Promise<void>((wake) => waiting.push(wake));
    await this.respond(seen.splice(0).join('; ') + ' | MODE events: ' + modeEvents);
  }
}
`;

// bottom's reconnect pattern: wait for CLIENT_DISCONNECT, back off, connect, tell the room
const RECONNECT_COMMANDS = `import { Command } from 'cmdsys';
export class Bounce extends Command {
  setup() {
    this.name = 'bounce';
    this.env.events.on('CLIENT_DISCONNECT', async (p) => {
      if (p.network !== 'irc') return;
      await new Promise<void>((resolve) => this.setTimeout(resolve, 200));
      await this.env.connect(p.adapterId);
      await this.env.raw(p.adapterId)?.sendCommand('PRIVMSG', { target: '#test', message: "I'm back" });
    });
  }
  async call() { await this.env.disconnect(this.msg.adapterId); }
}
`;

const HOOK_COMMANDS = (replaceDefault: boolean): string => `import { Command } from 'cmdsys';
export class Hooks extends Command {
  setup() {
    this.name = 'hooks';
    const raw = this.env.raw()!;
    raw.addOutgoing((line) => (line.endsWith(' :hook me') ? line.replace(/ :hook me$/, ' :rewritten on the way out') : undefined));
    raw.addOutgoing((line) => (line.endsWith(' :drop me') ? null : undefined));
    raw.addOutgoing((line) => (line.endsWith(' :smuggle') ? line + '\\r\\nQUIT :smuggled' : undefined));
    ${replaceDefault ? `raw.replaceDefault(async (next, line) => { if (!line.endsWith(' :&echo hidden')) await next(line); });` : ''}
  }
  async call() {
    await this.respond('drop me');
    await this.respond('smuggle');
    await this.respond('hook me');
  }
}
`;

const world = useIrcChannel('events', {
  send: { burst: 1, perSecond: 4 },
  files: {
    'echo.ts': COMMANDS['echo.ts'],
    'events.ts': EVENT_COMMANDS,
    'hooks.ts': HOOK_COMMANDS(true),
    'bounce.ts': RECONNECT_COMMANDS,
    'modes.ts': MODE_COMMANDS,
  },
});

describe('IRC events on the bus (ngircd)', () => {
  it('a command file listening for RPL_ENDOFMOTD (any case) sees it once per connection', async () => {
    expect(await world.say('&motds')).toEqual(['motds 1']);
  });

  it('a command file listening for JOIN greets a joining client', async () => {
    const since = world.alice.heard.length;
    const carol = await IrcUser.connect(world.server.port, 'carol', ['#test']);
    try {
      const heard = await world.alice.waitFrom('bot', since);
      expect(heard.map((h) => h.message)).toEqual(['welcome carol']);
    } finally {
      await carol.quit();
    }
  });

  it('trigger("PRIVMSG", …) runs the command it names, as if the world.server had sent it', async () => {
    expect(await world.say('&again')).toEqual(['triggered as if sent']);
  });

  it("send('PRIVMSG', …) arrives, in order, paced by flood control", async () => {
    const since = world.alice.heard.length;
    world.alice.say('#test', '&burst');
    const heard = await world.alice.waitFrom('bot', since, 3);
    expect(heard.map((h) => h.message)).toEqual(['burst 1', 'burst 2', 'burst 3']);
    // burst 1, 4 per second: the third line cannot leave before two refills (2 × 250 ms)
    expect(heard[2]!.at - heard[0]!.at).toBeGreaterThanOrEqual(400);
    expect(await world.say('&badsend')).toEqual(['refused: PRIVMSG: "message" contains CR, LF or NUL']);
  });

  it('a channel mode change is CHANNELMODE (channel, modes, args), a user mode change USERMODE', async () => {
    // dave asks (alice's messages count against her chat rate limit in later tests); alice is op
    const dave = await IrcUser.connect(world.server.port, 'dave', ['#test']);
    await dave.waitFrom('bot', 0); // the JOIN greeter's welcome
    const ask = async (text: string): Promise<string[]> => {
      const since = dave.heard.length;
      dave.say('#test', text);
      return answers(dave, 'bot', since);
    };
    try {
      world.alice.raw('MODE #test +l 10');
      world.alice.raw('MODE #test +v bot');
      expect(await ask('&modes 2')).toEqual([
        '#test +l [10] by alice; #test +v [bot] by alice | MODE events: 0',
      ]);
      // the bot's own user mode: sent with bottom's USERMODE, heard back as USERMODE
      await world.irc.adapter.sendCommand('USERMODE', { nick: 'bot', modes: '+w' });
      world.alice.raw('MODE #test -lv bot');
      expect(await ask('&modes 2')).toEqual([
        'user bot +w by bot; #test -lv [bot] by alice | MODE events: 0',
      ]);
    } finally {
      await dave.quit();
    }
  });

  it('an outgoing hook rewrites one line and drops another; a line break it adds drops the line', async () => {
    expect(world.irc.adapter.outgoingHookCount).toBe(3);
    expect(await world.say('&hooks')).toEqual(['rewritten on the way out']);
    expect(world.irc.logs().some((e) => e.msg === 'outgoing hook produced a line break; line dropped')).toBe(
      true,
    );
    expect(world.irc.adapter.status().state).toBe('connected');
  });

  it('a replaced default raw handler hides lines; a reload without it restores the default', async () => {
    expect(world.irc.adapter.hasDefaultRawHandler).toBe(false);
    const since = world.alice.heard.length;
    world.alice.say('#test', '&echo hidden');
    expect(await silence(world.alice, 'bot', since)).toEqual([]);
    expect(await world.say('&echo shown')).toEqual(['shown']);

    writeFileSync(path.join(world.irc.commandsDir, 'hooks.ts'), HOOK_COMMANDS(false));
    const report = await world.irc.bot.commands.reload();
    expect(report.failed).toEqual([]);
    expect(world.irc.adapter.hasDefaultRawHandler).toBe(true);
    expect(world.irc.adapter.outgoingHookCount).toBe(3);
    expect(await world.say('&echo hidden')).toEqual(['hidden']);
    await until('listeners of the old generation released', () =>
      world.irc.bot.events.listenerCount('JOIN') === 1 ? true : null,
    );
  });
});

describe('connect()/disconnect() from a command file (ngircd)', () => {
  it('the reconnect pattern: CLIENT_DISCONNECT, back off, connect, announce; RPL_ENDOFMOTD once more', async () => {
    // the new socket gets TCP no-delay (Nagle would hold a burst of answers back)
    const noDelay = vi.spyOn(net.Socket.prototype, 'setNoDelay');
    try {
      const since = world.alice.heard.length;
      world.alice.say('#test', '&bounce');
      const heard = await world.alice.waitFrom('bot', since, 1, 15_000);
      expect(heard.map((h) => h.message)).toEqual(["I'm back"]);
      expect(world.irc.adapter.status().state).toBe('connected');
      const socket = (world.irc.adapter.native.connection as unknown as { transport: { socket: net.Socket } })
        .transport.socket;
      expect(noDelay.mock.contexts).toContain(socket);
      expect(noDelay.mock.calls[noDelay.mock.contexts.indexOf(socket)]).toEqual([true]);
    } finally {
      noDelay.mockRestore();
    }
    expect(await world.say('&motds')).toEqual(['motds 2']);
  });

  it('the connect/disconnect commands are for owners only', async () => {
    const answer = await world.say('&disconnect');
    expect(answer.join('\n')).toMatch(/Not allowed: "disconnect" needs rank 1/);
    expect(world.irc.adapter.status().state).toBe('connected');
  });

  it('the console (an owner) names the adapter; a wrong id gets a clear error', async () => {
    const run = async (line: string): Promise<string> => {
      const outputs: string[] = [];
      const off = world.irc.bot.console.onOutput((o) => {
        if (o.kind === 'response' || o.kind === 'error') outputs.push(o.text);
      });
      await world.irc.bot.console.exec('test', line, `req-${line}`);
      await until(`an answer to ${line}`, () => (outputs.length > 0 ? true : null));
      off();
      return outputs.join('\n');
    };
    expect(await run('disconnect')).toMatch(/^Name the adapter/);
    expect(await run('disconnect irc:nowhere:1')).toMatch(
      /^No adapter "irc:nowhere:1"; there are irc:127\.0\.0\.1:/,
    );
    expect(await run('disconnect console')).toMatch(/^The console has no connection/);
  });
});
