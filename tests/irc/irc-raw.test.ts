// Raw handler chain (bottom's raw_handlers / send_raw / handle_raw) reached by a command file
// through this.env.raw(): rewrite, swallow, send, inject — and released when the file goes.
import { unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './support/irc-bot';

import { useIrcChannel } from './support/channel-fixture';

const RAW_COMMANDS = (marker: string): string => `import { Command } from 'cmdsys';
// ${marker}
export class RawInfo extends Command {
  setup() {
    this.name = 'rawinfo';
    this.env.raw()?.addHandler(async (next, line) => {
      if (line.endsWith(' :&echo swallow me')) return; // swallowed: the bot never sees it
      await next(line.replace(/ :&magic$/, ' :&echo rewritten by a raw handler'));
    });
  }
  async call() {
    await this.respond(\`raw lines of \${this.env.raw()?.adapterId ?? 'nothing'}\`);
  }
}
export class RawSend extends Command {
  setup() { this.name = 'rawsend'; }
  async call() { await this.env.raw()!.send(\`PRIVMSG \${this.msg.channel.name} :sent with sendRaw\`); }
}
export class RawInject extends Command {
  setup() { this.name = 'rawinject'; }
  async call() {
    await this.env.raw()!.handle(\`:eve!~eve@injected.example PRIVMSG \${this.msg.channel.name} :&echo injected with handleRaw\`);
  }
}
`;

const world = useIrcChannel('raw', { files: { ...COMMANDS, 'raw.ts': RAW_COMMANDS('v1') } });

describe('raw handlers from a command file (ngircd)', () => {
  it('a handler added with this.env.raw() rewrites and swallows incoming lines', async () => {
    expect(world.irc.adapter.rawHandlerCount).toBe(1);
    expect(await world.say('&rawinfo')).toEqual([`raw lines of irc:127.0.0.1:${world.server.port}`]);
    expect(await world.say('&magic')).toEqual(['rewritten by a raw handler']);
    expect(await world.sayQuietly('&echo swallow me')).toEqual([]);
    expect(await world.say('&echo keep me')).toEqual(['keep me']);
  });

  it('sendRaw sends a line through flood control; handleRaw injects one as if from the server', async () => {
    expect(await world.say('&rawsend')).toEqual(['sent with sendRaw']);
    expect(await world.say('&rawinject')).toEqual(['injected with handleRaw']);
    // the adapter's own API: bad lines are refused, not sent
    await expect(world.irc.adapter.sendRaw('PRIVMSG #test :a\r\nQUIT')).rejects.toThrow(/CR, LF or NUL/);
    await expect(world.irc.adapter.sendRaw(`PRIVMSG #test :${'x'.repeat(600)}`)).rejects.toThrow(/510 bytes/);
  });

  it('a reload replaces the handler; removing the file releases it', async () => {
    writeFileSync(path.join(world.irc.commandsDir, 'raw.ts'), RAW_COMMANDS('v2, a bit longer'));
    await world.irc.bot.commands.reload();
    expect(world.irc.adapter.rawHandlerCount).toBe(1);
    expect(await world.say('&magic')).toEqual(['rewritten by a raw handler']);

    unlinkSync(path.join(world.irc.commandsDir, 'raw.ts'));
    const report = await world.irc.bot.commands.reload();
    expect(report.failed).toEqual([]);
    expect(world.irc.adapter.rawHandlerCount).toBe(0);
    // unknown commands are not answered in channels: the rewrite is gone
    expect(await world.sayQuietly('&magic')).toEqual([]);
    expect(await world.say('&echo swallow me')).toEqual(['swallow me']);
  });
});
