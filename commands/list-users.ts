import { Command } from 'cmdsys';

interface MemberLike {
  displayName?: string;
  user?: { username?: string; bot?: boolean };
}

interface GuildLike {
  members?: { cache?: Map<string, MemberLike> };
}

/**
 * The seed's environment example: lists the members of the server the command came from,
 * buffering the lines and flushing once (one message, split only where the network needs it).
 * On Discord it reads the guild's member cache (complete only with the Guild Members intent);
 * on the console there is just you.
 */
export class ListUsers extends Command {
  setup() {
    this.name = 'listUsers';
    this.aliases = ['users'];
    this.desc = 'Lists the members of this server.';
    this.lib = 'examples 1.0';
  }

  async call() {
    const native = this.msg.native as { guild?: GuildLike } | null;
    const members = native?.guild?.members?.cache;
    if (!members) {
      await this.respond(this.msg.author.displayName);
      return;
    }
    const names = [...members.values()]
      .filter((m) => !m.user?.bot)
      .map((m) => m.displayName ?? m.user?.username ?? '?')
      .sort((a, b) => a.localeCompare(b));
    for (const name of names) await this.respond(name, { flush: false });
    await this.respond(`${names.length} member(s) known to the bot.`, { flush: false });
    await this.flush();
  }
}
