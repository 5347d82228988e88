import { describe, expect, it } from 'vitest';
import { rawFiles, ReplyTracker, toMessageOptions } from './outgoing';

const general = { id: '100', name: 'general' };
const random = { id: '200', name: 'random' };

describe('Discord outgoing messages', () => {
  it('references the replied-to message once per run of chunks in a channel', () => {
    const t = new ReplyTracker();
    expect(t.referenceFor({ channel: general, replyTo: '555' })).toBe('555');
    expect(t.referenceFor({ channel: general, replyTo: '555' })).toBeNull();
    expect(t.referenceFor({ channel: random, replyTo: '555' })).toBe('555');
    expect(t.referenceFor({ channel: general, replyTo: '556' })).toBe('556');
    expect(t.referenceFor({ channel: general, replyTo: '555' })).toBe('555');
    expect(t.referenceFor({ channel: general })).toBeNull();
    expect(t.referenceFor({ channel: general, replyTo: '555' })).toBe('555');
  });

  it('only references Discord message ids', () => {
    const t = new ReplyTracker();
    expect(t.referenceFor({ channel: general, replyTo: 'console-1' })).toBeNull();
    expect(t.referenceFor({ channel: general, replyTo: '' })).toBeNull();
  });

  it('builds message options: content, a lenient reply, users-only mentions (files go separately)', () => {
    const options = toMessageOptions(
      { channel: general, text: 'hi', files: [{ name: 'a.png', data: new Uint8Array([1, 2, 3]) }] },
      '555',
    );
    expect(options.content).toBe('hi');
    expect(options.allowedMentions).toEqual({ parse: ['users'], repliedUser: false });
    expect(options.reply).toEqual({ messageReference: '555', failIfNotExists: false });
    expect(options.files).toBeUndefined();
  });

  it("uploads files with the command's content type, or none for discord.js to guess", () => {
    const files = rawFiles([
      { name: 'notes.txt', data: new TextEncoder().encode('hi'), contentType: 'text/plain' },
      { name: 'a.bin', data: new Uint8Array([1, 2, 3]) },
    ]);
    expect(files).toEqual([
      { name: 'notes.txt', data: Buffer.from('hi'), contentType: 'text/plain' },
      { name: 'a.bin', data: Buffer.from([1, 2, 3]) },
    ]);
  });

  it('leaves out empty text and the reply when there is none', () => {
    const options = toMessageOptions({ channel: general, text: '' }, null);
    expect(options).toEqual({ allowedMentions: { parse: ['users'], repliedUser: false } });
  });
});
