import { spawn } from 'node:child_process';
import { PCM_FORMAT } from '../output/audio-output';
import { SoundError, type PcmSource } from './sound';

const STDERR_KEEP = 4_000;

function lastLines(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return lines.slice(-2).join(' / ') || 'no output';
}

/**
 * Spawns ffmpeg decoding `input` to raw PCM on stdout. `done` resolves on a clean exit and
 * rejects with a SoundError when ffmpeg exits non-zero or is killed by someone else.
 */
export function spawnDecoder(
  ffmpeg: string,
  input: string,
  options: { inputArgs?: readonly string[]; args?: readonly string[]; offsetMs?: number },
): PcmSource {
  const seek = options.offsetMs && options.offsetMs > 0 ? ['-ss', (options.offsetMs / 1000).toFixed(3)] : [];
  const argv = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...seek,
    ...(options.inputArgs ?? []),
    '-i',
    input,
    ...(options.args ?? []),
    '-vn',
    '-f',
    's16le',
    '-ar',
    String(PCM_FORMAT.sampleRate),
    '-ac',
    String(PCM_FORMAT.channels),
    'pipe:1',
  ];
  const child = spawn(ffmpeg, argv, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  let stderr = '';
  let killedOnPurpose = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (err) => reject(new SoundError(`cannot run ffmpeg: ${err.message}`)));
    child.once('close', (code, signal) => {
      if (killedOnPurpose || code === 0) return resolve();
      if (signal) return reject(new SoundError(`ffmpeg was killed (${signal}) while decoding ${input}`));
      reject(new SoundError(`ffmpeg failed (exit ${code}) on ${input}: ${lastLines(stderr)}`));
    });
  });
  done.catch(() => undefined);
  // a consumer that goes away must not crash the process with EPIPE-like stream errors
  child.stdout.on('error', () => undefined);
  return {
    stream: child.stdout,
    done,
    pid: child.pid,
    kill: () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killedOnPurpose = true;
      child.kill('SIGKILL');
    },
  };
}

export interface ProbeResult {
  durationMs: number | null;
  title: string | null;
}

/**
 * Reads ffmpeg's header output for `input` (ffprobe is not always there): duration when the
 * source knows it, the title tag if any. Rejects with a SoundError when ffmpeg cannot open it.
 */
export function probe(
  ffmpeg: string,
  input: string,
  inputArgs: readonly string[] = [],
  timeoutMs = 15_000,
): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', ...inputArgs, '-i', input], {
      stdio: ['ignore', 'ignore', 'pipe'],
      windowsHide: true,
    });
    let text = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (text.length < 64_000) text += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new SoundError(`cannot run ffmpeg: ${err.message}`));
    });
    child.once('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal) return reject(new SoundError(`probing ${input} timed out`));
      if (!/Input #0/.test(text) || !/Audio:/.test(text)) {
        const reason = text.includes('Input #0') ? 'no audio stream' : lastLines(text);
        return reject(new SoundError(`cannot play ${input}: ${reason}`));
      }
      const d = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(text);
      const durationMs = d
        ? Math.round(((Number(d[1]) * 60 + Number(d[2])) * 60 + Number(d[3])) * 1000)
        : null;
      const t = /^\s+title\s*:\s*(.+)$/m.exec(text);
      resolve({ durationMs, title: t?.[1]?.trim() || null });
    });
  });
}
