import { Command, StringArgument, type ArgsOf } from 'cmdsys';

/** The seed's first argument example: repeats what it is given. */
export class Echo extends Command {
  setup() {
    this.name = 'echo';
    this.desc = 'Repeats what you say.';
    this.lib = 'examples 1.0';
    return this.addArgument(new StringArgument('message', true, { description: 'what to repeat' }));
  }

  async call({ message }: ArgsOf<Echo>) {
    if (!message) await this.respond("You didn't say anything :(");
    else await this.respond(message);
  }
}
