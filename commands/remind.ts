import { Command, DurationArgument, StringArgument, formatDuration, type ArgsOf } from 'cmdsys';

/**
 * Replying later: `respond()` belongs to the invocation and ends with it, so a reminder keeps a
 * reply handle and sends through it when the timer fires. The timer is `this.setTimeout`, so a
 * reload of this file (or a restart) drops pending reminders; store `handle.address` in a
 * database and use `this.env.send(address, text)` if they must survive that.
 */
export class Remind extends Command {
  setup() {
    this.name = 'remind';
    this.aliases = ['remindme'];
    this.desc = 'Reminds you of something later, in this channel.';
    this.lib = 'examples 1.0';
    return this.addArgument(
      new DurationArgument('delay', false, {
        min: 1_000,
        max: 7 * 24 * 3_600_000,
        description: 'e.g. 90, 10m, 1h30m',
      }),
    ).addArgument(
      new StringArgument('text', true, { default: 'Reminder!', description: 'what to remind you of' }),
    );
  }

  async call({ delay, text }: ArgsOf<Remind>) {
    const reply = this.replyHandle();
    const logger = this.logger;
    this.setTimeout(() => {
      reply.send(text, { mention: true }).catch((err: unknown) => logger.warn({ err }, 'reminder not sent'));
    }, delay);
    await this.respond(`OK, I will remind you in ${formatDuration(delay)}.`);
  }
}
