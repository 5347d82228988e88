import type { EventBus } from '../../events/event-bus';
import type { IrcMessagePayload } from '../../events/irc-event-map';
import type { Logger } from '../../logging/logging';
import { toBusEvent } from './irc-events';

/** The adapter that handles a re-dispatched `PRIVMSG` naming no adapter: the first one attached to the bus. */
const defaultAdapter = new WeakMap<EventBus, string>();
/** The bridges attached to a bus: each listens for PRIVMSG itself (for triggered ones). */
const bridgesOn = new WeakMap<EventBus, Set<IrcBusBridge>>();
/** A PRIVMSG line (tags and prefix optional): the one line every message is, checked without parsing. */
const PRIVMSG_LINE = /^(?:@\S+ +)?(?::\S+ +)?privmsg /i;

/** A triggered PRIVMSG, as the adapter turns it into an incoming message. */
export interface SyntheticPrivmsg {
  nick: string;
  user: string;
  host: string;
  target: string;
  message: string;
}

/**
 * Connects one IRC adapter to the event bus the way bottom does: every line the default raw
 * handler parses is triggered under its event name, and a `PRIVMSG` that something else
 * triggers (a command file's `trigger('PRIVMSG', { … })`) is handled as if the server had sent
 * it, so the command it names runs.
 */
export class IrcBusBridge {
  /** Payloads this bridge triggered itself: already handled, never re-delivered. */
  private readonly own = new WeakSet<object>();
  private bus: EventBus | null = null;
  private off: (() => void) | null = null;

  constructor(
    private readonly adapterId: string,
    private readonly deliver: (message: SyntheticPrivmsg) => void,
    private readonly logger: () => Logger,
    private readonly isChannel?: (target: string) => boolean,
  ) {}

  attach(bus: EventBus): void {
    this.off?.();
    if (this.bus) bridgesOn.get(this.bus)?.delete(this);
    this.bus = bus;
    let bridges = bridgesOn.get(bus);
    if (!bridges) bridgesOn.set(bus, (bridges = new Set()));
    bridges.add(this);
    if (!defaultAdapter.has(bus)) defaultAdapter.set(bus, this.adapterId);
    this.off = bus.on('PRIVMSG', (payload) => this.onTriggered(payload));
  }

  /** Triggers the bus event for one line the default handler parsed. */
  dispatch(line: string): void {
    const bus = this.bus;
    if (!bus) return;
    // every chat message is a PRIVMSG: when only the bridges listen for it, skip the second parse
    if (PRIVMSG_LINE.test(line) && bus.listenerCount('PRIVMSG') <= (bridgesOn.get(bus)?.size ?? 0)) return;
    const event = toBusEvent(line, this.adapterId, this.isChannel);
    if (!event || !bus.has(event.name)) return;
    this.own.add(event.payload);
    bus.trigger(event.name, event.payload);
  }

  /** A PRIVMSG someone else triggered: delivered when it names this adapter (or none, and this is the first). */
  private onTriggered(payload: Partial<IrcMessagePayload>): void {
    if (this.own.has(payload)) return;
    const { adapterId } = payload;
    const mine =
      adapterId === this.adapterId ||
      (adapterId === undefined && this.bus !== null && defaultAdapter.get(this.bus) === this.adapterId);
    if (!mine) return;
    const { nick, target, message } = payload;
    if (typeof nick !== 'string' || nick === '' || typeof target !== 'string' || target === '') {
      this.logger().warn(
        { payload: { nick, target } },
        'triggered PRIVMSG needs a nick and a target; ignored',
      );
      return;
    }
    if (typeof message !== 'string') {
      this.logger().warn({ nick, target }, 'triggered PRIVMSG has no message text; ignored');
      return;
    }
    this.deliver({
      nick,
      target,
      message,
      user: typeof payload.user === 'string' ? payload.user : '',
      host: typeof payload.host === 'string' ? payload.host : '',
    });
  }
}
