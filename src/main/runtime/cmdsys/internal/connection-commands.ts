import { StringArgument, type ArgsOf } from '../api/arguments';
import { Command } from '../api/command';
import { IllegalArgument } from '../api/errors';
import { UnknownAdapter } from '../environment-factory';

const LIB = 'protos-panel built-ins';

/** The adapter named by the argument, or the one the message came from (not the console). */
function adapterIdOf(command: Command, given: string | undefined): string {
  const id = given ?? (command.msg.network === 'console' ? undefined : command.msg.adapterId);
  if (!id)
    throw new IllegalArgument('name the adapter, e.g. "irc:irc.example.net:6697" (see the Status view)');
  if (command.env.clients.get(id)?.network === 'console')
    throw new IllegalArgument('the console has no connection to open or close');
  return id;
}

async function guarded(command: Command, work: () => Promise<void>, done: string | null): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof UnknownAdapter) {
      const known = [...command.env.clients.keys()].filter((id) => id !== 'console');
      throw new IllegalArgument(`${err.message}${known.length ? `; there are ${known.join(', ')}` : ''}`);
    }
    if (err instanceof TypeError) throw new IllegalArgument(err.message);
    throw err;
  }
  if (done !== null) await command.respond(done);
}

/** `connect <adapter>`: bottom's connect, for owners. */
export class ConnectCommand extends Command {
  setup() {
    this.name = 'connect';
    this.desc = 'Connects a network adapter that was disconnected.';
    this.io = '[adapter id]/[a confirmation once connected]';
    this.lib = LIB;
    this.minRank = 1;
    this.longDesc =
      'Opens the connection of an adapter stopped with "disconnect" (or by a command file). It does nothing when the adapter is already connected or reconnecting.';
    return this.addArgument(
      new StringArgument('adapter', true, { description: 'adapter id, e.g. irc:host:6667' }),
    );
  }

  async call({ adapter }: ArgsOf<ConnectCommand>) {
    const id = adapterIdOf(this, adapter);
    await guarded(this, () => this.env.connect(id), `Connected ${id}.`);
  }
}

/** `disconnect <adapter>`: bottom's disconnect, for owners. */
export class DisconnectCommand extends Command {
  setup() {
    this.name = 'disconnect';
    this.desc = 'Disconnects a network adapter until "connect".';
    this.io = '[adapter id]/[a confirmation once disconnected]';
    this.lib = LIB;
    this.minRank = 1;
    this.longDesc =
      'Closes the connection of an adapter (IRC: QUIT) and keeps it closed; client_disconnect fires, so a command file may reconnect it. Without an argument, the adapter the message came from.';
    return this.addArgument(
      new StringArgument('adapter', true, { description: 'adapter id, e.g. irc:host:6667' }),
    );
  }

  async call({ adapter }: ArgsOf<DisconnectCommand>) {
    const id = adapterIdOf(this, adapter);
    // disconnecting the adapter the message came from leaves nowhere to answer afterwards
    const here = id === this.msg.adapterId;
    if (here) await this.respond(`Disconnecting ${id}; "connect ${id}" on the console brings it back.`);
    await guarded(this, () => this.env.disconnect(id), here ? null : `Disconnected ${id}.`);
  }
}

export function connectionCommands(): Command[] {
  return [new ConnectCommand(), new DisconnectCommand()];
}
