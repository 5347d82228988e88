import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogging } from './logging';
import { entryFromPinoLine } from './entry-from-pino';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createLogging', () => {
  it('writes structured entries into the ring with the logger name', () => {
    const logging = createLogging({ console: false });
    logging.child('cmd:echo').info({ user: 'ann' }, 'hello');
    const [entry] = logging.ring.tail(1);
    expect(entry).toMatchObject({ level: 'info', name: 'cmd:echo', msg: 'hello', fields: { user: 'ann' } });
  });

  it('never writes secrets to any destination', () => {
    const out = sink();
    const logging = createLogging({ console: out.stream, pretty: false });
    logging.child('x').info({ token: 'hunter2', discord: { token: 'abc' }, password: 'pw' }, 'creds');
    expect(out.text()).not.toMatch(/hunter2|abc|"pw"/);
    expect(JSON.stringify(logging.ring.tail(1))).not.toMatch(/hunter2|"abc"|"pw"/);
  });

  it('applies a level change to existing child loggers too', () => {
    const logging = createLogging({ console: false, level: 'info' });
    const child = logging.child('c');
    child.debug('hidden');
    logging.setLevel('debug');
    child.debug('shown');
    logging.child('d').child({ x: 1 }).debug('grandchild shown');
    expect(logging.ring.tail(10).map((e) => e.msg)).toEqual(['shown', 'grandchild shown']);
    expect(logging.level()).toBe('debug');
  });

  it('keeps error type, message and stack', () => {
    const logging = createLogging({ console: false });
    logging.child('c').error({ err: new TypeError('boom') }, 'failed');
    const [entry] = logging.ring.tail(1);
    expect(entry?.err).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(entry?.err?.stack).toContain('TypeError: boom');
  });

  it('bounds the ring', () => {
    const logging = createLogging({ console: false, ringCapacity: 10 });
    for (let i = 0; i < 25; i++) logging.root.info(`n${i}`);
    expect(logging.ring.size).toBe(10);
    expect(logging.ring.tail(1)[0]?.msg).toBe('n24');
  });
});

describe('entryFromPinoLine', () => {
  it('survives a line that is not JSON', () => {
    expect(entryFromPinoLine('garbage\n')).toMatchObject({ level: 'info', msg: 'garbage' });
  });

  it('maps custom numeric levels to the nearest name', () => {
    expect(entryFromPinoLine('{"level":35,"msg":"x"}').level).toBe('info');
    expect(entryFromPinoLine('{"level":70,"msg":"x"}').level).toBe('fatal');
  });
});
