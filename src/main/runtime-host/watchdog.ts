import { Worker } from 'node:worker_threads';
import type { UserCodeEntryMessage } from '../../shared/process/runtime-messages';

/** Layout of the buffer shared with the watchdog thread. */
const BEAT = 0; // incremented by the main thread's heartbeat
const LENGTH = 1; // byte length of the entry JSON (0: none)
const SEQ = 2; // incremented whenever the entry changes
const HEADER_BYTES = 16;
const ENTRY_BYTES = 4096;

/**
 * The watchdog thread (plain JS, evaluated: no extra file to ship). It has its own event loop, so
 * it keeps running while the main thread is stuck in `while (true) {}`. When the heartbeat
 * counter has not moved for `blockedMs`, it writes the entry the main thread last published to
 * the stall file (temp + rename), once per stall. The supervisor reads that file when it kills
 * the runtime, so the culprit is known even if an IPC message could not leave in time.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const ints = new Int32Array(workerData.sab, 0, 4);
const bytes = new Uint8Array(workerData.sab, ${HEADER_BYTES});
let lastBeat = Atomics.load(ints, ${BEAT});
let movedAt = Date.now();
let written = -1;
setInterval(() => {
  const beat = Atomics.load(ints, ${BEAT});
  if (beat !== lastBeat) { lastBeat = beat; movedAt = Date.now(); written = -1; return; }
  if (Date.now() - movedAt < workerData.blockedMs || written === beat) return;
  written = beat;
  const length = Atomics.load(ints, ${LENGTH});
  const entry = length > 0 ? JSON.parse(Buffer.from(bytes.subarray(0, length)).toString('utf8')) : null;
  const record = { pid: process.pid, kind: 'stall', entry, stack: null, stackFile: null, message: null };
  try {
    fs.writeFileSync(workerData.file + '.tmp', JSON.stringify(record));
    fs.renameSync(workerData.file + '.tmp', workerData.file);
  } catch (err) {
    process.stderr.write('runtime watchdog: cannot write ' + workerData.file + ': ' + err.message + '\\n');
  }
}, 50);
`;

export interface Watchdog {
  /** Publishes the running entry for the thread (synchronous, no system call). */
  publish(entry: UserCodeEntryMessage | null): void;
  /** Called by the heartbeat: the event loop is alive. */
  beat(): void;
  stop(): Promise<void>;
}

export function startWatchdog(options: { stallFile: string; blockedMs: number }): Watchdog {
  const sab = new SharedArrayBuffer(HEADER_BYTES + ENTRY_BYTES);
  const ints = new Int32Array(sab, 0, 4);
  const bytes = new Uint8Array(sab, HEADER_BYTES);
  const encoder = new TextEncoder();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { sab, file: options.stallFile, blockedMs: options.blockedMs },
  });
  worker.unref();
  return {
    publish(entry) {
      let length = 0;
      if (entry) {
        const encoded = encoder.encode(JSON.stringify(entry));
        // an entry too long for the buffer (a huge file name) is published without its command
        const fitted =
          encoded.length <= ENTRY_BYTES
            ? encoded
            : encoder.encode(JSON.stringify({ ...entry, command: null, file: entry.file.slice(0, 1000) }));
        bytes.set(fitted);
        length = fitted.length;
      }
      Atomics.store(ints, LENGTH, length);
      Atomics.add(ints, SEQ, 1);
    },
    beat() {
      Atomics.add(ints, BEAT, 1);
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}
