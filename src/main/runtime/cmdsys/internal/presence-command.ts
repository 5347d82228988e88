import { ACTIVITY_TYPES, PRESENCE_STATUSES } from '../../../../shared/config/presence-schema';
import type { ConfigManager } from '../../config/config-manager';
import { ConfigConflictError } from '../../config/three-way';
import { ChoiceArgument, StringArgument, type ArgsOf } from '../api/arguments';
import { Command } from '../api/command';
import { IllegalArgument } from '../api/errors';

/** Owner command: the bot's Discord status and activity (persisted as `discord.presence`). */
export class PresenceSet extends Command {
  constructor(private readonly config: ConfigManager) {
    super();
  }

  setup() {
    this.name = 'presence';
    this.desc = 'Sets the Discord status and activity: presence idle listening "the rain".';
    this.longDesc =
      'presence <online|idle|dnd|invisible> [playing|listening|watching|competing|custom|none] [text]';
    this.lib = 'protos-panel built-ins';
    this.minRank = 1;
    return this.addArgument(new ChoiceArgument('status', PRESENCE_STATUSES))
      .addArgument(new ChoiceArgument('activity', [...ACTIVITY_TYPES, 'none'], true))
      .addArgument(new StringArgument('text', true));
  }

  async call({ status, activity, text }: ArgsOf<PresenceSet>) {
    const kind = activity ?? 'none';
    if (kind !== 'none' && !text)
      throw new IllegalArgument(`say what the bot is ${kind === 'custom' ? 'showing' : kind}`);
    if (text && text.length > 128) throw new IllegalArgument('the activity text is at most 128 characters');
    try {
      await this.config.set('discord.presence', {
        status,
        activity: kind === 'none' || !text ? null : { type: kind, text },
      });
    } catch (err) {
      // a hand edit of the same key in config.json is reported, not overwritten
      if (err instanceof ConfigConflictError) throw new IllegalArgument(err.message);
      throw err;
    }
    await this.respond(`Presence: ${status}${kind !== 'none' && text ? `, ${kind} ${text}` : ''}.`);
  }
}
