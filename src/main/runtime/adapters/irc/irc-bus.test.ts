import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../events/event-bus';
import { createLogging } from '../../logging/logging';
import { IrcBusBridge, type SyntheticPrivmsg } from './irc-bus';

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

function setup() {
  const logging = createLogging({ console: false });
  const logger = logging.child('adapter:irc');
  const bus = new EventBus(logging.child('events'));
  const delivered: Record<string, SyntheticPrivmsg[]> = { a: [], b: [] };
  const a = new IrcBusBridge(
    'irc:a:1',
    (m) => void delivered.a!.push(m),
    () => logger,
  );
  const b = new IrcBusBridge(
    'irc:b:2',
    (m) => void delivered.b!.push(m),
    () => logger,
  );
  a.attach(bus);
  b.attach(bus);
  const warnings = (): string[] =>
    logging.ring
      .tail(logging.ring.size)
      .filter((e) => e.level === 'warn')
      .map((e) => e.msg);
  return { bus, a, delivered, warnings };
}

describe('IrcBusBridge', () => {
  it('dispatches parsed lines under their event names, only when someone listens', async () => {
    const { bus, a } = setup();
    const seen: unknown[] = [];
    bus.on('JOIN', (p) => void seen.push([p.nick, p.channel, p.adapterId]));
    a.dispatch(':carol!c@h JOIN #test');
    a.dispatch(':srv 376 bot :End of MOTD'); // nobody listens for RPL_ENDOFMOTD: not even parsed into a payload
    await turn();
    expect(seen).toEqual([['carol', '#test', 'irc:a:1']]);
  });

  it('a PRIVMSG line is not parsed or triggered again while only the bridges listen for PRIVMSG', async () => {
    const { bus, a } = setup();
    const trigger = vi.spyOn(bus, 'trigger');
    a.dispatch('@msgid=1 :alice!u@h PRIVMSG #test :&echo nobody listens');
    a.dispatch(':alice!u@h privmsg #test :lower case too');
    expect(trigger).not.toHaveBeenCalled();
    const seen: string[] = [];
    bus.on('PRIVMSG', (p) => void seen.push(p.message));
    a.dispatch(':alice!u@h PRIVMSG #test :now someone does');
    a.dispatch(':alice!u@h NOTICE #test :not a privmsg');
    expect(trigger).toHaveBeenCalledTimes(1);
    await turn();
    expect(seen).toEqual(['now someone does']);
  });

  it('a lines own PRIVMSG event is not delivered again; a triggered one goes to the adapter it names', async () => {
    const { bus, a, delivered } = setup();
    a.dispatch(':alice!u@h PRIVMSG #test :&echo from the server');
    bus.trigger('PRIVMSG', { adapterId: 'irc:b:2', nick: 'alice', target: '#test', message: '&echo to b' });
    // no adapterId: the first adapter attached to the bus takes it
    bus.trigger('privmsg', { nick: 'alice', user: 'u', host: 'h', target: '#test', message: '&echo to a' });
    await turn();
    expect(delivered.a).toEqual([
      { nick: 'alice', user: 'u', host: 'h', target: '#test', message: '&echo to a' },
    ]);
    expect(delivered.b).toEqual([
      { nick: 'alice', user: '', host: '', target: '#test', message: '&echo to b' },
    ]);
  });

  it('a triggered PRIVMSG without nick, target or text is refused with a warning, never thrown', async () => {
    const { bus, delivered, warnings } = setup();
    bus.trigger('PRIVMSG', { target: '#test', message: 'x' });
    bus.trigger('PRIVMSG', { nick: 'alice', message: 'x' });
    bus.trigger('PRIVMSG', { nick: 'alice', target: '#test', message: 42 as unknown as string });
    bus.trigger('PRIVMSG', { adapterId: 'irc:nowhere:1', nick: 'alice', target: '#t', message: 'x' });
    await turn();
    expect(delivered.a).toEqual([]);
    expect(delivered.b).toEqual([]);
    expect(warnings()).toEqual([
      'triggered PRIVMSG needs a nick and a target; ignored',
      'triggered PRIVMSG needs a nick and a target; ignored',
      'triggered PRIVMSG has no message text; ignored',
    ]);
  });
});
