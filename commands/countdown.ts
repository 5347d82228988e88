import { Command, DurationArgument, type ArgsOf } from 'cmdsys';

/**
 * Loop mode (MRCI): `call` sets things up and enables the loop; the executor then calls
 * `loop()` until it disables itself or the invocation is cancelled (`cancel <id>`).
 */
export class Countdown extends Command {
  private remaining = 0;

  setup() {
    this.name = 'countdown';
    this.desc = 'Counts down from a number of seconds, one message per second.';
    this.lib = 'examples 1.0';
    this.timeoutMs = 3_700_000;
    return this.addArgument(
      new DurationArgument('from', false, { min: 1_000, max: 3_600_000, description: 'e.g. 10 or 2m' }),
    );
  }

  async call({ from }: ArgsOf<Countdown>) {
    this.remaining = Math.round(from / 1000);
    this.enableLoop(true);
  }

  async loop() {
    await this.respond(String(this.remaining));
    this.remaining--;
    if (this.remaining <= 0) {
      this.enableLoop(false);
      await this.respond('Liftoff!');
      return;
    }
    await this.sleep(1000);
  }

  onTerm(reason: string) {
    this.logger.info({ remaining: this.remaining, reason }, 'countdown stopped early');
  }
}
