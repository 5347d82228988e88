import { writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PCM_FORMAT } from '../../src/main/runtime/audio/output/audio-output';
import { sine, sineFile, until } from '../../src/main/runtime/audio/testing/audio-fixtures';
import { removeAudioBotDirs, startAudioBot, type AudioBot } from './support';

const bots: AudioBot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.bot.stop();
  removeAudioBotDirs();
});

async function bot(dataDir?: string): Promise<AudioBot> {
  const b = await startAudioBot(dataDir);
  bots.push(b);
  return b;
}

describe('audio commands on the console guild', () => {
  it('join, play files from sounds/, queue, np, volume, loop, remove, move', async () => {
    const b = await bot();
    const sounds = path.join(b.dataDir, 'sounds');
    sineFile(path.join(sounds, 'a.ogg'), 440, 3);
    sineFile(path.join(sounds, 'b.ogg'), 550, 1);
    sineFile(path.join(sounds, 'c.ogg'), 660, 1);
    expect(await b.run('play a.ogg')).toMatch(/not in a voice channel.*join first/);
    expect(await b.run('join')).toBe('Joined console sink.');
    const player = b.bot.audio.player('console');
    player.pause();
    expect(await b.run('play a.ogg')).toBe('Playing a (0:03).');
    expect(await b.run('play b.ogg')).toBe('Queued b (0:01) at position 1.');
    expect(await b.run('play c.ogg')).toBe('Queued c (0:01) at position 2.');
    expect(await b.run('play nothing.ogg')).toMatch(/no such file: .*nothing\.ogg/);
    expect(await b.run('queue')).toBe(
      'Now: a [0:00/0:03] (paused)\n1. b (0:01) — Console\n2. c (0:01) — Console\nLoop: off, volume: 100%',
    );
    expect(await b.run('move 2 1')).toBe('Moved c to position 1.');
    expect(await b.run('move 3 1')).toMatch(/no queue position 3/);
    expect(await b.run('remove 2')).toBe('Removed b.');
    expect(await b.run('remove 5')).toMatch(/no queue position 5/);
    expect(await b.run('volume 150')).toBe('Volume: 150%.');
    expect(await b.run('volume 201')).toMatch(/200/);
    expect(await b.run('loop one')).toBe('Loop: one.');
    expect(await b.run('loop sometimes')).toMatch(/Usage: loop/);
    expect(await b.run('np')).toBe('Paused: a (asked by Console) [0:00/0:03]');
    await b.run('loop off');
    expect(await b.run('resume')).toBe('Resumed.');
    expect(await b.run('skip')).toBe('Skipped a.');
    await until(() => !player.busy, 'the queue to finish');
    expect(await b.run('np')).toBe('Nothing is playing.');
    expect(await b.run('leave')).toBe('Left the voice channel.');
    expect(await b.run('leave')).toMatch(/not in a voice channel/);
  });

  it('editing what someone else queued is an audit event; editing your own is not', async () => {
    const b = await bot();
    const sounds = path.join(b.dataDir, 'sounds');
    sineFile(path.join(sounds, 'a.ogg'), 440, 3);
    await b.run('join');
    const player = b.bot.audio.player('console');
    player.pause();
    await b.run('play a.ogg');
    const theirs = sine(550, 1);
    theirs.title = 'theirs';
    theirs.requester = 'Alice';
    player.enqueue(theirs);
    await b.run('play a.ogg');
    expect(await b.run('remove 2')).toBe('Removed a.'); // own item: not audited
    expect(await b.run('remove 1')).toBe('Removed theirs.');
    const page = await b.bot.audit.search('console', { command: 'remove', limit: 50 });
    expect(page.entries.map((e) => e.message)).toEqual(['removed theirs from the queue (asked by Alice)']);
  });

  it('playSound to a channel the bot is not connected to throws a clear error', async () => {
    const b = await bot();
    expect(() => b.bot.audio.api.playSound(sine(440, 1), { id: 'elsewhere', name: 'General' }, true)).toThrow(
      'not connected to the voice channel "General"',
    );
    expect(() => b.bot.audio.api.playSound({ title: 'not a sound' }, null, true)).toThrow('needs a Sound');
  });

  it('a command file plays sync and async sounds with this.playSound', async () => {
    const b = await bot();
    writeFileSync(
      path.join(b.dataDir, 'commands', 'beep.ts'),
      `import { Command, FFmpegSound } from 'cmdsys';
export class Beep extends Command {
  setup() { this.name = 'beep'; }
  async call() {
    const s = (f: number) => new FFmpegSound('sine=frequency=' + f + ':duration=0.2', { inputArgs: ['-f', 'lavfi'] });
    this.playSound(s(440), null, true);
    this.playSound(s(880), null, false);
    await this.respond('beeping');
  }
}
`,
    );
    await b.run('reloadCommands');
    expect(await b.run('beep')).toMatch(
      /not in a voice channel here; use join first|not connected to a voice channel/,
    );
    await b.run('join');
    const player = b.bot.audio.player('console');
    player.pause(); // both sounds ready before the unpaced sink starts taking frames
    expect(await b.run('beep')).toBe('beeping');
    await until(() => {
      const s = player.snapshot();
      return s.current?.state === 'playing' && s.layers.length === 1;
    }, 'both beeps to be ready');
    expect(player.snapshot().upcoming).toEqual([]); // the async one is a layer, not queued
    player.resume();
    await until(() => !player.busy && b.frames.length >= 10, 'the beeps');
    expect(b.frames.length).toBe(10); // both 0.2 s sounds mixed into the same 10 frames
  });

  it('a sound that fails while queued is skipped and reported in the channel it was asked for', async () => {
    const b = await bot();
    writeFileSync(
      path.join(b.dataDir, 'commands', 'bad.ts'),
      `import { Command, FFmpegSound } from 'cmdsys';
export class Bad extends Command {
  setup() { this.name = 'bad'; }
  async call() {
    this.playSound(new FFmpegSound('sine=duration=1', { inputArgs: ['-f', 'lavfi'], args: ['-af', 'nosuchfilter'], title: 'broken' }));
    this.playSound(new FFmpegSound('sine=duration=0.2', { inputArgs: ['-f', 'lavfi'], title: 'fine' }));
    await this.respond('queued');
  }
}
`,
    );
    await b.run('reloadCommands');
    await b.run('join');
    const seen: string[] = [];
    b.bot.console.onOutput((o) => seen.push(o.text));
    expect(await b.run('bad')).toBe('queued');
    await until(() => seen.some((t) => t.startsWith('Skipped broken: ffmpeg failed (exit')), 'the report');
    await until(() => !b.bot.audio.player('console').busy, 'the next item');
    expect(b.frames.length).toBe(10); // "fine" played after "broken" was skipped
    expect(await b.run('queue')).toMatch(/Last skipped: broken — ffmpeg failed/);
  });

  it('a restart restores the queue, the position in the current item, the loop mode and the volume', async () => {
    const first = await bot();
    const sounds = path.join(first.dataDir, 'sounds');
    sineFile(path.join(sounds, 'long.ogg'), 440, 20);
    sineFile(path.join(sounds, 'two.ogg'), 550, 1);
    sineFile(path.join(sounds, 'gone.ogg'), 660, 1);
    await first.run('join');
    const player = first.bot.audio.player('console');
    await first.run('play long.ogg');
    await until(() => first.frames.length >= 1, 'playback');
    player.pause();
    await first.run('play two.ogg');
    await first.run('play gone.ogg');
    await first.run('volume 35');
    await first.run('loop all');
    const position = player.positionMs;
    expect(position).toBeGreaterThan(0);
    await first.bot.stop();
    bots.splice(bots.indexOf(first), 1);
    rmSync(path.join(sounds, 'gone.ogg'));

    const second = await bot(first.dataDir);
    const restored = second.bot.audio.player('console').snapshot();
    expect(restored.volume).toBe(35);
    expect(restored.loop).toBe('all');
    expect(restored.current?.title).toBe('long');
    expect(restored.current?.positionMs).toBe(position);
    expect(restored.upcoming.map((i) => i.title)).toEqual(['two']);
    const skipped = second.bot.logging.ring
      .tail(500)
      .find((e) => /saved queue item "gone" skipped/.test(e.msg));
    expect(skipped?.msg).toContain('is gone');
    // playback resumes from the saved position once connected
    await second.run('join');
    await until(() => second.frames.length > 0, 'restored playback');
    expect(second.bot.audio.player('console').positionMs).toBeGreaterThan(position);
    expect(second.frames.length * PCM_FORMAT.frameMs).toBeLessThan(20_000 - position + 1_000);
  });
});
