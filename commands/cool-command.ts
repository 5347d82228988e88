import { Command } from 'cmdsys';

/** The seed's hello world: a name, an alias and a description. */
export class MyCommand extends Command {
  setup() {
    this.name = 'coolCommand';
    this.aliases.push('coolCmd');
    this.desc = 'A cool command.';
    this.lib = 'examples 1.0';
  }

  async call() {
    await this.respond('Hello World!');
  }
}
