import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Data dirs startAudioBot made itself; removeAudioBotDirs deletes them once the bots are stopped. */
const madeDirs: string[] = [];

/** Deletes the data dirs startAudioBot created (call after stopping every bot using them). */
export function removeAudioBotDirs(): void {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A bot whose console sink is unpaced and records the PCM it receives. */
export async function startAudioBot(dataDir?: string): Promise<AudioBot> {
  if (!dataDir) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'audio-bot-'));
    madeDirs.push(dataDir);
  }
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
