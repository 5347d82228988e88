import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bot } from '../../src/main/runtime/bot';
import { PANEL_SESSION } from '../../src/main/runtime/adapters/console/console-adapter';
import { startTestBot } from '../support/test-bot';

export interface AudioBot {
  bot: Bot;
  dataDir: string;
  /** Frames the console sink received. */
  frames: Buffer[];
  /** Runs a console line, resolving with the response text. */
  run(line: string): Promise<string>;
}

/** A bot whose console sink is unpaced and records the PCM it receives. */
export async function startAudioBot(
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'audio-bot-')),
): Promise<AudioBot> {
  mkdirSync(path.join(dataDir, 'commands'), { recursive: true });
  const frames: Buffer[] = [];
  const bot = await startTestBot(dataDir, {
    audio: { samplesDir: null, consoleSink: { paced: false, onFrame: (f) => frames.push(Buffer.from(f)) } },
  });
  const run = async (line: string): Promise<string> => {
    const out: string[] = [];
    const off = bot.console.onOutput((o) => {
      if (o.kind !== 'input') out.push(o.text);
    });
    try {
      await bot.console.exec(PANEL_SESSION, line);
    } finally {
      off();
    }
    return out.join('\n');
  };
  return { bot, dataDir, frames, run };
}
