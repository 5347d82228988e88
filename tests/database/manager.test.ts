// The DatabaseManager: one SQLite file per guild (<data>/guilds/<network>-<guildId>.sqlite), the
// console's pseudo-guild, a global database; registerModel (every database, open or opened later)
// against engine.register (one database); the cache; and a damaged file, which makes that guild's
// database fail with a clear error while the rest (and the bot) carry on.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatabaseError,
  DatabaseUnavailableError,
  IntegerField,
  TextField,
  defineModel,
} from '../../src/main/runtime/cmdsys/api/index';
import { encodeIdPart } from '../../src/main/runtime/database/database-manager';
import { commandFile, useHarnesses } from '../support/cmdsys-harness';
import { messageFrom, useDatabases } from './support';

const { manager: openManager, tmpDir } = useDatabases();
const start = useHarnesses();

const Score = defineModel('Score', { player: TextField(), points: IntegerField() });
const Note = defineModel('Note', { text: TextField() });

async function addScore(
  db: Awaited<ReturnType<ReturnType<typeof openManager>['manager']['getDb']>>,
  player: string,
  points: number,
) {
  const s = await db.new(Score);
  Object.assign(s, { player, points });
  await s.save();
}

describe('DatabaseManager', () => {
  it('gives each guild its own file and keeps their data apart', async () => {
    const { manager, dataDir } = openManager();
    await manager.registerModel(Score);
    const a = await manager.getDbByMessage(messageFrom('discord', '111'));
    const b = await manager.getDbByMessage(messageFrom('discord', '222'));
    expect([a.id, b.id]).toEqual(['discord-111', 'discord-222']);
    await addScore(a, 'alice', 10);
    await addScore(b, 'bob', 20);
    await addScore(b, 'carol', 30);
    expect((await a.query(Score).all()).map((s) => s.player)).toEqual(['alice']);
    expect((await b.query(Score).all()).map((s) => s.player)).toEqual(['bob', 'carol']);
    expect(existsSync(path.join(dataDir, 'guilds', 'discord-111.sqlite'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'guilds', 'discord-222.sqlite'))).toBe(true);
    // cached: the same engine for the same guild
    expect(await manager.getDbByMessage(messageFrom('discord', '111'))).toBe(a);
    expect(await manager.getDb('discord-111')).toBe(a);
  });

  it('maps messages to database ids: console, guilds, private messages, odd guild ids', async () => {
    const { manager, dataDir } = openManager();
    expect(manager.dbIdOf(messageFrom('console', 'console'))).toBe('console');
    expect(manager.dbIdOf(messageFrom('discord', '123'))).toBe('discord-123');
    expect(manager.dbIdOf(messageFrom('irc', 'irc.libera.chat'))).toBe('irc-irc.libera.chat');
    expect(manager.dbIdOf(messageFrom('discord', null))).toBe('discord-private');
    expect(manager.dbIdOf(messageFrom('irc', '../../etc/passwd'))).toBe('irc-~2e.~2f.~2e~2fetc~2fpasswd');
    expect(encodeIdPart('#chan ä')).toBe('~23chan~20~c3~a4');
    const odd = await manager.getDbByMessage(messageFrom('irc', '../../etc/passwd'));
    expect(path.dirname(manager.fileOf(odd.id))).toBe(path.join(dataDir, 'guilds'));
    expect(manager.fileOf('console')).toBe(path.join(dataDir, 'guilds', 'console.sqlite'));
    expect(manager.fileOf('global')).toBe(path.join(dataDir, 'global.sqlite'));
  });

  it('refuses database ids that are not ids (no paths, no traversal)', async () => {
    const { manager } = openManager();
    for (const id of ['', '../x', 'a/b', 'a\\b', '..', 'x..y', '.hidden', 'a b', 'x'.repeat(300)])
      await expect(manager.getDb(id), id).rejects.toThrow(/invalid database id/);
  });

  it('registerModel reaches open databases and every one opened later; engine.register only its own', async () => {
    const { manager } = openManager();
    const early = await manager.getDb('discord-1');
    await manager.registerModel(Score);
    expect(early.isRegistered(Score)).toBe(true);
    const later = await manager.getDb('discord-2');
    expect(later.isRegistered(Score)).toBe(true);

    await early.register(Note);
    expect(early.isRegistered(Note)).toBe(true);
    expect(later.isRegistered(Note)).toBe(false);
    expect(() => later.query(Note)).toThrow(/model Note is not registered on database discord-2/);
    const third = await manager.getDb('discord-3');
    expect(third.isRegistered(Note)).toBe(false);
    expect(third.isRegistered(Score)).toBe(true);
  });

  it('a model registered again under the same table (a reloaded command file) replaces the old one', async () => {
    const { manager } = openManager();
    await manager.registerModel(Score);
    const db = await manager.getDb('discord-1');
    const Reloaded = defineModel('Score', { player: TextField(), points: IntegerField() });
    await manager.registerModel(Reloaded);
    const r = await db.new(Reloaded);
    Object.assign(r, { player: 'x', points: 1 });
    await r.save();
    // a changed definition (a new nullable field) is migrated on the open databases
    const Grown = defineModel('Score', {
      player: TextField(),
      points: IntegerField(),
      team: TextField({ null: true }),
    });
    await manager.registerModel(Grown);
    expect((await db.query(Grown).first())?.team).toBeNull();
    // the previous generation's class keeps working until it is dropped
    expect(await db.query(Score).count()).toBe(1);
  });

  it('lists the database files with sizes, and can close and open them again', async () => {
    const { manager } = openManager();
    await manager.registerModel(Score);
    await addScore(await manager.getDb('global'), 'g', 1);
    await addScore(await manager.getDb('console'), 'c', 1);
    const list = await manager.list();
    expect(list.map((d) => [d.id, d.open])).toEqual([
      ['global', true],
      ['console', true],
    ]);
    expect(list.every((d) => d.size > 0)).toBe(true);
    const db = await manager.getDb('console');
    await manager.close();
    expect(db.closed).toBe(true);
    await expect(db.query(Score).count()).rejects.toThrow(DatabaseUnavailableError);
    const again = await manager.getDb('console');
    expect(again).not.toBe(db);
    expect(await again.query(Score).count()).toBe(1);
  });

  it('a damaged file fails that guild with a clear error; other guilds work; a fixed file is retried', async () => {
    const dataDir = tmpDir();
    const { manager } = openManager({ dataDir });
    await manager.registerModel(Score);
    const file = manager.fileOf('discord-666');
    await manager.getDb('discord-1');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'this is not a database, just some text that is long enough '.repeat(100));
    const err = await manager.getDb('discord-666').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect((err as Error).message).toMatch(
      /database "discord-666" cannot be opened \(.*discord-666\.sqlite\): file is not a database/,
    );
    expect((err as Error).message).toMatch(/may be damaged/);
    await addScore(await manager.getDb('discord-1'), 'fine', 1);
    const { rmSync } = await import('node:fs');
    rmSync(file);
    const fresh = await manager.getDb('discord-666');
    expect(await fresh.query(Score).count()).toBe(0);
  });

  it('rejects what is not a model', async () => {
    const { manager } = openManager();
    await expect(manager.registerModel(class {} as never)).rejects.toThrow(DatabaseError);
  });
});

describe('in the bot', () => {
  const FILE = commandFile(
    `const Score = defineModel('Score', { player: TextField(), points: IntegerField() });
export class AddScore extends Command {
  setup() {
    this.name = 'score';
    void this.env.database.registerModel(Score);
    return this.addArgument(new StringArgument('player'));
  }
  async call({ player }: ArgsOf<AddScore>) {
    const db = await this.env.database.getDbByMessage(this.msg);
    const s = await db.new(Score);
    s.player = player;
    s.points = 1;
    await s.save();
    await this.respond(\`\${db.id}: \${await db.query(Score).count()}\`);
  }
}`,
    'Command, IntegerField, StringArgument, TextField, defineModel, type ArgsOf',
  );

  it('console and chat guilds use their own databases; a damaged guild file is an error for that guild only', async () => {
    const h = await start({ files: { 'score.ts': FILE } });
    expect(await h.run('score a')).toEqual(['console: 1']);
    expect(await h.run('score b')).toEqual(['console: 2']);
    // the fake adapter is a discord-like network whose messages come from guild g1
    expect(await h.chat('score c').done()).toEqual(['discord-g1: 1']);
    expect(existsSync(path.join(h.bot.dataDir, 'guilds', 'console.sqlite'))).toBe(true);
    expect(existsSync(path.join(h.bot.dataDir, 'guilds', 'discord-g1.sqlite'))).toBe(true);

    await h.bot.database.close();
    writeFileSync(h.bot.database.fileOf('discord-g1'), 'garbage '.repeat(1000));
    const reply = await h.chat('score d', { rank: 1 }).done();
    expect(reply).toEqual([
      'The database "discord-g1" cannot be used right now (its file is damaged); the bot\'s owner finds the details in the log.',
    ]);
    expect(await h.run('score e')).toEqual(['console: 3']);
    expect(h.bot.state).toBe('running');
  });
});
