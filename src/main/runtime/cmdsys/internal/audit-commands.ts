import { StringArgument, type ArgsOf } from '../api/arguments';
import { Command } from '../api/command';
import { IllegalArgument } from '../api/errors';
import type { AuditLog } from '../../audit/audit-log';
import { AuditError } from '../../audit/types';

const LIB = 'protos-panel built-ins';

/** `auditlog add|remove|list`: the guild's audit channels (rank 2 or better). */
abstract class AuditCommand extends Command {
  constructor(protected readonly audit: AuditLog) {
    super();
  }

  protected base(name: string, desc: string): void {
    this.module = 'auditlog';
    this.name = name;
    this.desc = desc;
    this.lib = LIB;
    this.minRank = 2;
  }

  protected get guild(): string {
    return this.env.database.dbIdOf(this.msg);
  }

  protected async guarded<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof AuditError) throw new IllegalArgument(err.message);
      throw err;
    }
  }
}

export class AuditLogAdd extends AuditCommand {
  setup() {
    this.base('add', 'Adds an audit channel: Command.log() posts and security events go there.');
    this.longDesc =
      "Discord: a channel mention or id of a text channel the bot can write to. IRC: a channel name. The console has no channels to add: its audit channel is the panel's Audit view.";
    return this.addArgument(new StringArgument('channel'));
  }

  async call({ channel }: ArgsOf<AuditLogAdd>) {
    if (this.msg.guild === null)
      throw new IllegalArgument('audit channels belong to a server: run this in one of its channels');
    const added = await this.guarded(() =>
      this.audit.addChannel(this.guild, channel, { msg: this.msg, command: 'auditlog add', message: '' }),
    );
    await this.respond(
      `Audit entries of this server now also go to ${added.name.replace(/^(?![#&])/, '#')}.`,
    );
  }
}

export class AuditLogRemove extends AuditCommand {
  setup() {
    this.base('remove', 'Removes an audit channel (by mention, id or name).');
    return this.addArgument(new StringArgument('channel'));
  }

  async call({ channel }: ArgsOf<AuditLogRemove>) {
    const removed = await this.guarded(() =>
      this.audit.removeChannel(this.guild, channel, {
        msg: this.msg,
        command: 'auditlog remove',
        message: '',
      }),
    );
    await this.respond(`${removed.name.replace(/^(?![#&])/, '#')} is no longer an audit channel.`);
  }
}

export class AuditLogList extends AuditCommand {
  setup() {
    this.base('list', 'Lists the audit channels of this server.');
  }

  async call() {
    if (this.guild === 'console')
      return this.respond("The console's audit entries are shown in the panel's Audit view.");
    const channels = await this.guarded(() => this.audit.channels(this.guild));
    if (channels.length === 0)
      return this.respond('No audit channels. Add one with "auditlog add <channel>".');
    const lines = channels.map(
      (c) =>
        `${c.name.replace(/^(?![#&])/, '#')} (${c.id}), added by ${c.addedBy}${c.lastError ? ` — failing: ${c.lastError}` : ''}`,
    );
    return this.respond(lines.join('\n'));
  }
}

export function auditCommands(audit: AuditLog): Command[] {
  return [new AuditLogAdd(audit), new AuditLogRemove(audit), new AuditLogList(audit)];
}
