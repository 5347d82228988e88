// audio: CPU time per second of audio for one guild playing a queued sound with two async sounds
// mixed over it, Opus-encoded frame by frame (opusscript, the pure fallback @discordjs/voice
// uses), next to ffmpeg decoding the queued sound alone, measured in the same run. CPU includes
// the ffmpeg decoders (children, from /proc/self/stat on Linux). Median of several rounds.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpusScript from 'opusscript';
import { pino } from 'pino';
import { SinkOutput } from '../src/main/runtime/audio/output/sink-output';
import { GuildPlayer } from '../src/main/runtime/audio/player/guild-player';
import { ffmpeg, sineFile } from '../src/main/runtime/audio/testing/audio-fixtures';
import { FileSound } from '../src/main/runtime/audio/sounds/file-sound';
import type { SoundContext } from '../src/main/runtime/audio/sounds/sound';
import { report } from './lib/report';

const SECONDS = Number(process.env.BENCH_AUDIO_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const dir = mkdtempSync(path.join(os.tmpdir(), 'audio-bench-'));

const queued = sineFile(path.join(dir, 'queued.ogg'), 440, SECONDS, ['-c:a', 'libvorbis', '-q:a', '4']);
const layerA = sineFile(path.join(dir, 'a.opus'), 660, SECONDS, ['-c:a', 'libopus', '-b:a', '64k']);
const layerB = sineFile(path.join(dir, 'b.opus'), 990, SECONDS, ['-c:a', 'libopus', '-b:a', '64k']);

const CLK_TCK = 100;
/** CPU seconds of this process plus its exited (waited-for) children. */
function cpuSeconds(): { self: number; children: number | null } {
  const usage = process.cpuUsage();
  let children: number | null = null;
  if (process.platform === 'linux') {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after the command name: field 3 is index 0; cutime and cstime are fields 16 and 17
    children = (Number(fields[13]) + Number(fields[14])) / CLK_TCK;
  }
  return { self: (usage.user + usage.system) / 1e6, children };
}

function since(start: ReturnType<typeof cpuSeconds>): number {
  const now = cpuSeconds();
  return (
    now.self -
    start.self +
    (now.children !== null && start.children !== null ? now.children - start.children : 0)
  );
}

const context: SoundContext = { ffmpeg, cacheDir: dir, maxDownloadBytes: 1e9, downloadTimeoutMs: 60_000 };
const logger = pino({ level: 'silent' });

/** One guild: queued sound + two async layers, every mixed frame Opus-encoded. */
async function pipelineRound(): Promise<{ cpu: number; frames: number }> {
  const encoder = new OpusScript(48_000, 2, OpusScript.Application.AUDIO);
  let frames = 0;
  let bytes = 0;
  const player = new GuildPlayer({ guildId: 'bench', context: () => context, logger, onChange: () => {} });
  const sink = new SinkOutput({
    paced: false,
    onFrame: (frame) => {
      frames++;
      bytes += encoder.encode(frame, 960).length;
    },
  });
  // prepare (probe) outside the measurement: it happens once per item, not per second of audio
  const sounds = [new FileSound(queued), new FileSound(layerA), new FileSound(layerB)];
  await Promise.all(sounds.map((s) => s.prepare(context)));
  const start = cpuSeconds();
  player.attach(sink, 'bench');
  player.enqueue(sounds[0]!);
  player.playAsync(sounds[1]!);
  player.playAsync(sounds[2]!);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (!player.busy) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  // let the decoders be reaped so their CPU shows in cutime
  await new Promise((r) => setTimeout(r, 50));
  const cpu = since(start);
  await player.destroy();
  encoder.delete();
  if (bytes === 0) throw new Error('the encoder produced nothing');
  return { cpu, frames };
}

/** ffmpeg decoding the queued sound to PCM, read and dropped by this process. */
async function decodeRound(): Promise<number> {
  const start = cpuSeconds();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      ffmpeg,
      [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-i',
        queued,
        '-f',
        's16le',
        '-ar',
        '48000',
        '-ac',
        '2',
        'pipe:1',
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout.resume();
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exit ${code}`))));
  });
  await new Promise((r) => setTimeout(r, 50));
  return since(start);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

await pipelineRound(); // warm-up
await decodeRound();
const pipeline: number[] = [];
const decode: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const { cpu, frames } = await pipelineRound();
  if (Math.abs(frames - SECONDS * 50) > 2) throw new Error(`expected ${SECONDS * 50} frames, got ${frames}`);
  pipeline.push(cpu);
  decode.push(await decodeRound());
}
rmSync(dir, { recursive: true, force: true });

const perSecond = median(pipeline) / SECONDS;
const decodePerSecond = median(decode) / SECONDS;
const childrenMeasured = cpuSeconds().children !== null;
report(
  'audio',
  {
    cpu_fraction_of_core: { value: perSecond, unit: 'ratio' },
    ratio_to_ffmpeg_decode: { value: perSecond / decodePerSecond, unit: 'ratio' },
    guilds_per_core: { value: Math.floor(1 / perSecond), unit: 'count' },
    ffmpeg_decode_fraction_of_core: { value: decodePerSecond, unit: 'ratio' },
  },
  {
    cpu_fraction_of_core: `CPU s per audio s: 1 queued + 2 async sounds, mixed, Opus-encoded${childrenMeasured ? ', decoders included' : ', decoders NOT included (no /proc)'}; goal < 0.05`,
    ratio_to_ffmpeg_decode: 'against ffmpeg decoding the queued sound alone',
    guilds_per_core: 'guilds one core plays at once in real time',
  },
);
