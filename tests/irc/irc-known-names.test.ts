// The panel console's Tab completion of user and channel arguments from what a real IRC adapter
// (against ngircd) and the console know.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi } from '../support/test-bot';
import { startIrcBot, type IrcBot } from './support/irc-bot';
import { IrcUser, until } from './support/irc-user';
import { Ngircd, ngircdAvailable } from './support/ngircd';

const FILES = {
  'poke.ts': `import { ChannelArgument, Command, UserArgument } from 'cmdsys';
export class Poke extends Command {
  setup() {
    this.name = 'poke';
    this.desc = 'Pokes someone somewhere.';
    return this.addArgument(new UserArgument('who')).addArgument(new ChannelArgument('where'));
  }
  async call() {}
}
`,
};

let server: Ngircd;
let irc: IrcBot;
let zed: IrcUser;
let zara: IrcUser;
let dataDir: string;

beforeAll(async () => {
  if (!ngircdAvailable) throw new Error('ngircd is not installed (/usr/sbin/ngircd); .ci/run installs it');
  server = await Ngircd.start();
  zed = await IrcUser.connect(server.port, 'zed', ['#zoo']);
  zara = await IrcUser.connect(server.port, 'zara', ['#zoo']);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-irc-known-'));
  irc = await startIrcBot(dataDir, server.port, { files: FILES, channels: ['#zoo', '#zebra'] });
});

afterAll(async () => {
  await irc?.bot.stop('test over');
  await Promise.all([zed, zara].map((u) => u?.quit()));
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('console completion of users and channels (ngircd)', () => {
  it('offers the nicks and channels the IRC adapter knows, and the console’s own', async () => {
    await until('both channels joined', () => irc.adapter.knownNames().channels.length === 2);
    expect(irc.adapter.knownNames().users.sort()).toEqual(['zara', 'zed']); // not the bot itself
    const api = testApi(irc.bot);
    const complete = async (line: string) => {
      const result = await api.router.call('console.complete', { line }, { transport: 'test' });
      if (!result.ok) throw new Error(result.error.message);
      return (result.data as { items: { value: string }[] }).items.map((i) => i.value);
    };
    expect(await complete('poke z')).toEqual(['zara', 'zed']);
    expect(await complete('poke c')).toEqual(['console']);
    expect(await complete('poke zed #z')).toEqual(['#zebra', '#zoo']);
    expect(await complete('poke zed p')).toEqual(['panel']);
    // someone leaves: no longer suggested
    zara.raw('PART #zoo');
    await until('zara gone', () => !irc.adapter.knownNames().users.includes('zara'));
    expect(await complete('poke z')).toEqual(['zed']);
    api.dispose();
  });
});
