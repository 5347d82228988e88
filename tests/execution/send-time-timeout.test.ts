// The timeout clock of an invocation stops while its output waits on a slow network (a fake
// adapter whose sends take 100 ms each, like Discord under a rate limit); the command's own time
// still counts, and the stop notice comes after every line said before it.
import { describe, expect, it } from 'vitest';
import { commandFile, useHarnesses } from '../support/cmdsys-harness';

const start = useHarnesses();

const FILES = {
  'talk.ts': commandFile(
    `export class Talk extends Command {
  setup() { this.name = 'talk'; this.timeoutMs = 300; }
  async call() { for (let i = 1; i <= 8; i++) await this.respond('t' + i); }
}
export class TalkThenWork extends Command {
  setup() { this.name = 'talkThenWork'; this.timeoutMs = 300; }
  async call() {
    for (let i = 1; i <= 4; i++) void this.respond('w' + i);
    await this.sleep(5_000);
    await this.respond('never');
  }
}`,
  ),
};

describe('send time and timeouts', () => {
  it('800 ms of sending does not exceed a 300 ms timeout', async () => {
    const h = await start({ files: FILES });
    h.fake.sendDelayMs = 100;
    const started = Date.now();
    const replies = await h.chat('talk').done(10_000);
    expect(replies).toEqual(['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700); // the sends really took that long
  });

  it("the command's own time still counts; its queued lines go out before the stop notice", async () => {
    const h = await start({ files: FILES });
    h.fake.sendDelayMs = 100;
    const replies = await h.chat('talkThenWork').done(10_000);
    expect(replies).toEqual(['w1', 'w2', 'w3', 'w4', 'Stopped "talkThenWork" (took longer than 300 ms).']);
  });
});
