import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FFmpegSound } from '../sounds/ffmpeg-sound';
import { AudioQueue } from './audio-queue';

const titles = (q: AudioQueue): string[] => q.upcoming.map((i) => i.sound.title);
function queueOf(...names: string[]): AudioQueue {
  const q = new AudioQueue();
  for (const n of names) q.add(new FFmpegSound(n, { title: n }));
  return q;
}

describe('AudioQueue', () => {
  it('move, remove, clear', () => {
    const q = queueOf('a', 'b', 'c', 'd');
    q.move(1, 3);
    expect(titles(q)).toEqual(['b', 'c', 'a', 'd']);
    q.move(4, 1);
    expect(titles(q)).toEqual(['d', 'b', 'c', 'a']);
    expect(q.remove(2).sound.title).toBe('b');
    expect(titles(q)).toEqual(['d', 'c', 'a']);
    expect(() => q.remove(0)).toThrow('no queue position 0 (the queue has 1–3)');
    expect(() => q.move(1, 4)).toThrow('no queue position 4');
    expect(() => q.remove(1.5)).toThrow('no queue position');
    expect(q.clear()).toBe(3);
    expect(() => q.remove(1)).toThrow('the queue is empty');
  });

  it('reorder takes exactly the queued ids', () => {
    const q = queueOf('a', 'b', 'c');
    const [a, b, c] = q.upcoming.map((i) => i.id) as [number, number, number];
    q.reorder([c, a, b]);
    expect(titles(q)).toEqual(['c', 'a', 'b']);
    expect(() => q.reorder([a, b])).toThrow('changed meanwhile');
    expect(() => q.reorder([a, a, b])).toThrow('changed meanwhile');
    expect(() => q.reorder([a, b, 9999])).toThrow('changed meanwhile');
    expect(titles(q)).toEqual(['c', 'a', 'b']);
  });

  it('shuffle keeps every item exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer(), (n, seed) => {
        const q = queueOf(...Array.from({ length: n }, (_, i) => `s${i}`));
        const before = q.upcoming.map((i) => i.id).sort();
        let s = Math.abs(seed) + 1;
        q.shuffle(() => (s = (s * 16807) % 2147483647) / 2147483647);
        expect(q.upcoming.map((i) => i.id).sort()).toEqual(before);
      }),
    );
  });

  it('advance follows the loop mode; failed items are never repeated', () => {
    const q = queueOf('a', 'b');
    expect(q.advance('ended')?.sound.title).toBe('a');
    q.loop = 'one';
    expect(q.advance('ended')?.sound.title).toBe('a');
    expect(q.advance('skipped')?.sound.title).toBe('b'); // skip leaves a loop-one item
    q.loop = 'all';
    expect(titles(q)).toEqual([]);
    expect(q.advance('ended')?.sound.title).toBe('b'); // b back at the end, then b again
    expect(q.advance('failed')).toBeNull();
    expect(q.current).toBeNull();
  });

  it('random operations keep the ids unique and the count right', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('move', 'remove', 'advance', 'add'), fc.nat(20), fc.nat(20)), {
          maxLength: 60,
        }),
        (ops) => {
          const q = queueOf('a', 'b', 'c', 'd', 'e');
          let count = 5;
          for (const [op, x, y] of ops) {
            try {
              if (op === 'move') q.move(x, y);
              else if (op === 'remove') {
                q.remove(x);
                count--;
              } else if (op === 'add') {
                q.add(new FFmpegSound('x'));
                count++;
              } else {
                if (q.current) count--;
                q.advance('skipped');
              }
            } catch (err) {
              expect((err as Error).name).toBe('QueueError');
            }
            const ids = [...(q.current ? [q.current.id] : []), ...q.upcoming.map((i) => i.id)];
            expect(new Set(ids).size).toBe(ids.length);
            expect(ids.length).toBe(count);
          }
        },
      ),
    );
  });
});
