import { describe, expect, it } from 'vitest';
import { PCM_FORMAT } from '../output/audio-output';
import { SinkOutput } from '../output/sink-output';
import { FFmpegSound } from '../sounds/ffmpeg-sound';
import { FileSound } from '../sounds/file-sound';
import type { PcmSource, SoundContext } from '../sounds/sound';
import { context, quietLogging, sine, sinePcm, until } from '../testing/audio-fixtures';
import { GuildPlayer, type PlayerChange } from './guild-player';

function setup() {
  const logging = quietLogging();
  const changes: PlayerChange[] = [];
  const failures: string[] = [];
  const ctx = context();
  const player = new GuildPlayer({
    guildId: 'g',
    context: () => ctx,
    logger: logging.child('audio'),
    onChange: (c) => changes.push(c),
    onFailure: (f) => failures.push(`${f.sound.title}: ${f.reason}`),
  });
  const frames: Buffer[] = [];
  const hooks: ((n: number) => void)[] = [];
  const sink = new SinkOutput({
    paced: false,
    onFrame: (f) => {
      frames.push(Buffer.from(f));
      for (const hook of hooks) hook(frames.length);
    },
  });
  player.attach(sink, 'voice-1');
  const idle = (): Promise<void> => until(() => !player.busy, 'the player to become idle');
  return { player, frames, hooks, failures, changes, logging, idle, pcm: () => Buffer.concat(frames) };
}

describe('GuildPlayer', () => {
  it('plays a queued sound to completion with the right duration', async () => {
    const t = setup();
    t.player.enqueue(sine(440, 1));
    await t.idle();
    expect(t.pcm().length / PCM_FORMAT.frameBytes).toBeGreaterThanOrEqual(49);
    expect(t.pcm().length / PCM_FORMAT.frameBytes).toBeLessThanOrEqual(51);
    expect(t.pcm().equals(sinePcm(440, 1))).toBe(true);
    expect(t.failures).toEqual([]);
  });

  it('plays queued sounds one after the other', async () => {
    const t = setup();
    t.player.enqueue(sine(440, 0.4));
    t.player.enqueue(sine(880, 0.2));
    await t.idle();
    expect(t.pcm().equals(Buffer.concat([sinePcm(440, 0.4), sinePcm(880, 0.2)]))).toBe(true);
  });

  it('mixes an async sound over the queue: the output is the clipped sum', async () => {
    const t = setup();
    t.player.pause();
    t.player.enqueue(sine(440, 0.6, 6));
    t.player.playAsync(sine(660, 0.4, 6));
    await until(() => {
      const s = t.player.snapshot();
      return s.current?.state === 'playing' && s.layers.length === 1;
    }, 'both sounds to start');
    t.player.resume();
    await t.idle();
    const a = sinePcm(440, 0.6, 6);
    const b = sinePcm(660, 0.4, 6);
    const expected = Buffer.alloc(a.length);
    let clipped = 0;
    for (let i = 0; i < a.length; i += 2) {
      const sum = a.readInt16LE(i) + (i < b.length ? b.readInt16LE(i) : 0);
      if (sum > 32767 || sum < -32768) clipped++;
      expected.writeInt16LE(Math.max(-32768, Math.min(32767, sum)), i);
    }
    expect(clipped).toBeGreaterThan(0); // the test really exercises clipping
    expect(t.pcm().equals(expected)).toBe(true);
  });

  it('applies the guild volume and an async layer volume', async () => {
    const t = setup();
    t.player.setVolume(50);
    t.player.enqueue(sine(440, 0.2));
    await t.idle();
    const ref = sinePcm(440, 0.2);
    const out = t.pcm();
    for (let i = 0; i < ref.length; i += 2)
      expect(out.readInt16LE(i)).toBe(Math.round(ref.readInt16LE(i) * 0.5));
  });

  it('async sounds never enter the queue and are not looped', async () => {
    const t = setup();
    t.player.setLoop('all');
    t.player.playAsync(sine(440, 0.2));
    await until(() => t.player.snapshot().layers.length === 1, 'the layer');
    expect(t.player.snapshot().upcoming).toEqual([]);
    expect(t.player.snapshot().current).toBeNull();
    await t.idle();
    expect(t.frames.length).toBe(10);
  });

  it('loop one repeats the current item until the loop is turned off', async () => {
    const t = setup();
    t.player.setLoop('one');
    t.hooks.push((n) => n === 25 && t.player.setLoop('off'));
    t.player.enqueue(sine(440, 0.2));
    await t.idle();
    expect(t.frames.length).toBe(30);
    expect(t.pcm().equals(Buffer.concat([sinePcm(440, 0.2), sinePcm(440, 0.2), sinePcm(440, 0.2)]))).toBe(
      true,
    );
  });

  it('loop all goes round the queue until the loop is turned off', async () => {
    const t = setup();
    t.player.setLoop('all');
    t.hooks.push((n) => n === 45 && t.player.setLoop('off'));
    t.player.enqueue(sine(440, 0.2));
    t.player.enqueue(sine(880, 0.2));
    await t.idle();
    const a = sinePcm(440, 0.2);
    const b = sinePcm(880, 0.2);
    // off during the third "a": the "b" put back at the end still plays once more, then it stops
    expect(t.frames.length).toBe(60);
    expect(t.pcm().equals(Buffer.concat([a, b, a, b, a, b]))).toBe(true);
  });

  it('a missing file is skipped with a reason and the next item plays', async () => {
    const t = setup();
    t.player.enqueue(new FileSound('/nonexistent/nothing.ogg'));
    t.player.enqueue(sine(440, 0.2));
    await t.idle();
    expect(t.failures).toEqual([expect.stringContaining('no such file')]);
    expect(t.player.snapshot().lastError?.reason).toContain('no such file');
    expect(t.pcm().equals(sinePcm(440, 0.2))).toBe(true);
  });

  it('an ffmpeg that exits non-zero skips the item', async () => {
    const t = setup();
    // a filter that does not exist: ffmpeg opens the input but fails
    t.player.enqueue(
      new FFmpegSound('sine=duration=1', { inputArgs: ['-f', 'lavfi'], args: ['-af', 'nosuchfilter'] }),
    );
    t.player.enqueue(sine(440, 0.2));
    await t.idle();
    expect(t.failures).toEqual([expect.stringMatching(/ffmpeg failed \(exit \d+\)/)]);
    expect(t.pcm().equals(sinePcm(440, 0.2))).toBe(true);
  });

  it('ffmpeg killed mid-stream skips to the next item with a logged error', async () => {
    const t = setup();
    const pids: number[] = [];
    class Spy extends FFmpegSound {
      override open(ctx: SoundContext, offsetMs: number): PcmSource {
        const source = super.open(ctx, offsetMs);
        if (source.pid) pids.push(source.pid);
        return source;
      }
    }
    const long = new Spy('sine=frequency=440:duration=30', { inputArgs: ['-f', 'lavfi'], title: 'long' });
    t.hooks.push((n) => n === 5 && process.kill(pids[0]!, 'SIGKILL'));
    t.player.enqueue(long);
    t.player.enqueue(sine(880, 0.2, 1, 'next'));
    await t.idle();
    expect(t.failures).toEqual([expect.stringContaining('killed (SIGKILL)')]);
    const logged = t.logging.ring.tail(100).find((e) => e.level === 'error');
    expect(logged?.msg).toContain('skipped "long"');
    // far less than 30 s of audio came out, and "next" played completely at the end
    expect(t.frames.length).toBeLessThan(200);
    expect(t.pcm().subarray(-sinePcm(880, 0.2).length).equals(sinePcm(880, 0.2))).toBe(true);
  });

  it('skip, seek, pause and stop', async () => {
    const t = setup();
    t.player.pause();
    t.player.enqueue(sine(440, 5, 1, 'a'));
    t.player.enqueue(sine(880, 0.2, 1, 'b'));
    await until(() => t.player.snapshot().current?.state === 'playing', 'a to start');
    expect(t.frames.length).toBe(0); // paused: nothing comes out
    t.player.seek(4_800);
    expect(t.player.positionMs).toBe(4_800);
    t.player.resume();
    await t.idle();
    // 0.2 s left of "a" after the seek, then "b"
    expect(t.frames.length).toBeGreaterThanOrEqual(19);
    expect(t.frames.length).toBeLessThanOrEqual(21);
    t.player.enqueue(sine(440, 5, 1, 'c'));
    t.player.enqueue(sine(440, 5, 1, 'd'));
    expect(t.player.skip()?.sound.title).toBe('c');
    t.player.stop();
    expect(t.player.busy).toBe(false);
    expect(() => t.player.skip()).toThrow('nothing is playing');
    expect(() => t.player.seek(1)).toThrow('nothing is playing');
    expect(() => t.player.setVolume(201)).toThrow('0 to 200');
  });

  it('without an output no decoder runs; leave and join continue at the same position', async () => {
    const ctx = context();
    const player = new GuildPlayer({
      guildId: 'g',
      context: () => ctx,
      logger: quietLogging().child('a'),
      onChange: () => {},
    });
    const opened: number[] = []; // offsets decoders were started at
    class Spy extends FFmpegSound {
      override open(c: SoundContext, offsetMs: number): PcmSource {
        const source = super.open(c, offsetMs);
        opened.push(offsetMs);
        return source;
      }
    }
    player.enqueue(new Spy('sine=frequency=440:duration=5', { inputArgs: ['-f', 'lavfi'] }));
    await new Promise((r) => setTimeout(r, 50));
    expect(player.snapshot().current?.state).toBe('waiting');
    expect(opened).toEqual([]); // nothing decodes while nobody listens
    let first = 0;
    let stopAt = 0;
    // an unpaced sink drains the whole sound faster than a poll can catch it: stop at frame 60
    const sink1 = new SinkOutput({
      paced: false,
      onFrame: () => {
        if (++first !== 60) return;
        stopAt = player.positionMs;
        player.pause();
      },
    });
    player.pause();
    player.attach(sink1, 'v');
    await until(() => player.snapshot().current?.state === 'playing', 'the decoder');
    player.resume();
    await until(() => stopAt > 0, '60 frames');
    player.detach();
    const position = player.positionMs;
    expect(position).toBeGreaterThanOrEqual(1_200);
    expect(player.snapshot().current?.state).toBe('waiting');
    let second = 0;
    player.attach(new SinkOutput({ paced: false, onFrame: () => void second++ }), 'v');
    player.resume();
    await until(() => !player.busy, 'the rest');
    expect(opened).toEqual([0, position]);
    expect(Math.abs(second - (250 - position / 20))).toBeLessThanOrEqual(1);
  });

  it('50 rapid skip/move/remove against a playing queue leave it consistent', async () => {
    const t = setup();
    for (let i = 0; i < 20; i++) t.player.enqueue(sine(200 + i * 10, 2, 1, `s${i}`));
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let removed = 0;
    for (let op = 0; op < 50; op++) {
      const n = t.player.queue.length;
      const kind = op % 3;
      try {
        if (kind === 0 && t.player.queue.current) {
          t.player.skip();
          removed++;
        } else if (kind === 1)
          t.player.move(1 + Math.floor(random() * Math.max(1, n)), 1 + Math.floor(random() * Math.max(1, n)));
        else {
          t.player.remove(1 + Math.floor(random() * Math.max(1, n)));
          removed++;
        }
      } catch (err) {
        expect((err as Error).message).toMatch(/queue is empty|nothing is playing|no queue position/);
      }
      const s = t.player.snapshot();
      const ids = [...(s.current ? [s.current.id] : []), ...s.upcoming.map((i) => i.id)];
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(Math.max(0, 20 - removed));
      if (op % 5 === 0) await new Promise((r) => setImmediate(r));
    }
    await t.idle();
    expect(t.failures).toEqual([]);
    expect(t.player.snapshot().current).toBeNull();
  });
});
