import { Command, InputTimeout } from 'cmdsys';

const QUESTIONS: [string, string[]][] = [
  ['What is 6 × 7?', ['42', 'forty-two', 'forty two']],
  ['Which planet is known as the red planet?', ['mars']],
  ['How many sides does a hexagon have?', ['6', 'six']],
];

/**
 * More-input mode (MRCI): `ask` sends a question and waits for the same user's next message in
 * this channel; that message answers the quiz instead of being run as a command.
 */
export class Quiz extends Command {
  setup() {
    this.name = 'quiz';
    this.desc = 'Asks three questions and keeps score.';
    this.lib = 'examples 1.0';
    this.timeoutMs = 300_000;
  }

  async call() {
    let score = 0;
    for (const [question, answers] of QUESTIONS) {
      let answer: string;
      try {
        answer = await this.ask(question, { timeoutMs: 60_000 });
      } catch (err) {
        if (err instanceof InputTimeout) {
          await this.respond(`Too slow! Final score: ${score}/${QUESTIONS.length}.`);
          return;
        }
        throw err;
      }
      const right = answers.includes(answer.trim().toLowerCase());
      if (right) score++;
      await this.respond(right ? 'Correct!' : `Not quite: ${answers[0]}.`);
    }
    const best = Number(this.state.best ?? 0);
    if (score > best) this.state.best = score;
    await this.respond(`Score: ${score}/${QUESTIONS.length} (best so far: ${Math.max(score, best)}).`);
  }

  onReload(previous: Command) {
    this.state = previous.state;
  }
}
