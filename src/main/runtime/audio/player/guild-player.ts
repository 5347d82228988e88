import type { PlayerDto } from '../../../../shared/dto/audio';
import type { Logger } from '../../logging/logging';
import { mixFrames, type MixInput } from '../mixer/mix';
import { PcmLayer } from '../mixer/pcm-layer';
import { PCM_FORMAT, type AudioOutput, type OutputState } from '../output/audio-output';
import { AudioQueue, QueueError, type EndReason, type LoopMode, type QueueItem } from '../queue/audio-queue';
import type { Sound, SoundContext } from '../sounds/sound';
import { MixedStream } from './mixed-stream';
import { itemDto } from './player-dto';

/** An async sound mixed over the queue. */
interface Layer {
  id: number;
  sound: Sound;
  pcm: PcmLayer;
  gain: number;
}

/** What changed, for listeners (the bus, persistence, the panel). */
export type PlayerChange =
  'queue' | 'current' | 'state' | 'volume' | 'loop' | 'layers' | 'output' | 'failure' | 'progress';

export interface PlayerOptions {
  guildId: string;
  context: () => SoundContext;
  logger: Logger;
  onChange(change: PlayerChange): void;
  /** A sound could not be played (already logged); `requester` to tell them. */
  onFailure?(failure: { sound: Sound; reason: string }): void;
}

let nextLayerId = 1;

/**
 * One guild's player: the queue (sync sounds, one after the other, loop modes) mixed with any
 * async layers, produced frame by frame as the output reads. A failing source is skipped with
 * a logged reason; nothing here waits on a decoder that went away.
 */
export class GuildPlayer {
  readonly guildId: string;
  readonly queue = new AudioQueue();
  private volumePercent = 100;
  private paused = false;
  private main: PcmLayer | null = null;
  /** Offset the current decoder started at. */
  private mainOffsetMs = 0;
  /** Changes when the current item is replaced; a stale prepare() result is dropped. */
  private generation = 0;
  private layers: Layer[] = [];
  private outputRef: AudioOutput | null = null;
  private outputDetail: string | null = null;
  private offOutput: (() => void) | null = null;
  private stream: MixedStream | null = null;
  private channel: string | null = null;
  private lastError: PlayerDto['lastError'] = null;
  private pumpScheduled = false;
  private updatedAt = Date.now();

  constructor(private readonly options: PlayerOptions) {
    this.guildId = options.guildId;
  }

  // ---- output ---------------------------------------------------------------------------

  get output(): AudioOutput | null {
    return this.outputRef;
  }

  get channelId(): string | null {
    return this.channel;
  }

  /** Connects an output: the mixed stream starts flowing into it. Replaces a previous output. */
  attach(output: AudioOutput, channelId: string): void {
    this.detachOutput();
    this.outputRef = output;
    this.channel = channelId;
    this.offOutput = output.onStateChange((state: OutputState, detail?: string) => {
      this.outputDetail = detail ?? null;
      if (state === 'destroyed' && this.outputRef === output) this.detachOutput();
      this.changed('output');
    });
    this.stream = new MixedStream(() => this.nextFrame());
    output.play(this.stream);
    this.changed('output');
    // a queue restored or left while disconnected continues where it was
    if (this.queue.current && !this.main) this.startCurrent(this.mainOffsetMs);
  }

  /** Disconnects the output (the queue stays, at its position). Returns the old output. */
  detach(): AudioOutput | null {
    const output = this.detachOutput();
    this.changed('output');
    return output;
  }

  /** Without an output no decoder runs: the current item keeps its position, async layers end. */
  private detachOutput(): AudioOutput | null {
    const output = this.outputRef;
    const position = this.positionMs;
    this.closeMain();
    this.generation++; // drops a prepare() still in flight
    this.mainOffsetMs = position;
    for (const layer of this.layers) layer.pcm.close();
    this.layers = [];
    this.offOutput?.();
    this.offOutput = null;
    this.outputRef = null;
    this.channel = null;
    this.stream?.destroy();
    this.stream = null;
    if (output && output.state !== 'destroyed') output.stop();
    return output;
  }

  // ---- playing --------------------------------------------------------------------------

  get volume(): number {
    return this.volumePercent;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** True while something is queued, playing or mixed. */
  get busy(): boolean {
    return this.queue.current !== null || this.queue.length > 0 || this.layers.length > 0;
  }

  /** Position in the current item (what the output consumed). */
  get positionMs(): number {
    return this.mainOffsetMs + (this.main?.framesTaken ?? 0) * PCM_FORMAT.frameMs;
  }

  /** Queues a sound (sync); starts it at once when nothing plays. */
  enqueue(sound: Sound): QueueItem {
    const item = this.queue.add(sound);
    this.changed('queue');
    if (!this.queue.current) this.advance('ended');
    return item;
  }

  /** Restores a queue (current item at an offset) without losing what is queued already. */
  restore(current: { sound: Sound; positionMs: number } | null, upcoming: Sound[]): void {
    for (const sound of upcoming) this.queue.add(sound);
    if (current && !this.queue.current) {
      this.queue.current = AudioQueue.item(current.sound);
      this.startCurrent(current.positionMs);
    } else if (!this.queue.current && this.queue.length) this.advance('ended');
    this.changed('queue');
  }

  /** Mixes a sound over whatever plays (async); never queued, not looped. */
  playAsync(sound: Sound, volume = 1): number {
    const id = nextLayerId++;
    const ctx = this.options.context();
    sound.prepare(ctx).then(
      () => {
        let pcm: PcmLayer;
        try {
          pcm = new PcmLayer(sound.open(ctx, 0), () => this.schedulePump());
        } catch (err) {
          return this.fail(sound, err);
        }
        this.layers.push({ id, sound, pcm, gain: Math.max(0, volume) });
        this.changed('layers');
        this.schedulePump();
      },
      (err: unknown) => this.fail(sound, err),
    );
    return id;
  }

  skip(): QueueItem | null {
    if (!this.queue.current) throw new QueueError('nothing is playing');
    const skipped = this.queue.current;
    this.advance('skipped');
    return skipped;
  }

  /** Stops everything: the current item, the queue and the async layers. */
  stop(): void {
    this.closeMain();
    this.generation++;
    this.queue.current = null;
    this.queue.clear();
    for (const layer of this.layers) layer.pcm.close();
    this.layers = [];
    this.paused = false;
    this.changed('queue');
  }

  pause(): void {
    this.paused = true;
    this.changed('state');
  }

  resume(): void {
    this.paused = false;
    this.changed('state');
    this.schedulePump();
  }

  /** Jumps within the current item (ffmpeg -ss); throws when nothing plays or the source cannot seek. */
  seek(ms: number): void {
    const current = this.queue.current;
    if (!current) throw new QueueError('nothing is playing');
    if (!current.sound.seekable) throw new QueueError(`"${current.sound.title}" cannot seek`);
    const duration = current.sound.durationMs;
    const target = Math.max(0, duration !== null ? Math.min(ms, duration) : ms);
    this.startCurrent(target);
  }

  setVolume(percent: number): void {
    if (!Number.isInteger(percent) || percent < 0 || percent > 200)
      throw new QueueError('the volume is a whole number from 0 to 200');
    this.volumePercent = percent;
    this.changed('volume');
  }

  setLoop(mode: LoopMode): void {
    this.queue.loop = mode;
    this.changed('loop');
  }

  remove(position: number): QueueItem {
    const item = this.queue.remove(position);
    this.changed('queue');
    return item;
  }

  move(from: number, to: number): QueueItem {
    const item = this.queue.move(from, to);
    this.changed('queue');
    return item;
  }

  reorder(ids: readonly number[]): void {
    this.queue.reorder(ids);
    this.changed('queue');
  }

  removeId(id: number): QueueItem {
    const item = this.queue.removeId(id);
    if (!item) throw new QueueError(`item ${id} is not in the queue`);
    this.changed('queue');
    return item;
  }

  clear(): number {
    const n = this.queue.clear();
    this.changed('queue');
    return n;
  }

  shuffle(random?: () => number): void {
    this.queue.shuffle(random);
    this.changed('queue');
  }

  /** Stops the decoders and the output for good. */
  async destroy(): Promise<void> {
    this.stop();
    const output = this.detachOutput();
    await output?.destroy();
  }

  // ---- internals ------------------------------------------------------------------------

  private advance(reason: EndReason): void {
    this.closeMain();
    const next = this.queue.advance(reason);
    this.changed('current');
    if (next) this.startCurrent(0);
  }

  /** (Re)starts the current item's decoder at `offsetMs` (after preparing it once). */
  private startCurrent(offsetMs: number): void {
    this.closeMain();
    const item = this.queue.current;
    if (!item) return;
    const generation = ++this.generation;
    this.mainOffsetMs = offsetMs;
    if (!this.outputRef) return; // opened when an output attaches
    const ctx = this.options.context();
    item.sound.prepare(ctx).then(
      () => {
        if (generation !== this.generation) return;
        try {
          this.main = new PcmLayer(item.sound.open(ctx, offsetMs), () => this.schedulePump());
        } catch (err) {
          this.failCurrent(err);
          return;
        }
        this.changed('current');
        this.schedulePump();
      },
      (err: unknown) => {
        if (generation === this.generation) this.failCurrent(err);
      },
    );
  }

  private closeMain(): void {
    this.main?.close();
    this.main = null;
  }

  private failCurrent(err: unknown): void {
    const item = this.queue.current;
    if (item) this.fail(item.sound, err);
    this.advance('failed');
  }

  private fail(sound: Sound, err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    this.options.logger.error(
      { guild: this.guildId, sound: sound.source, reason },
      `skipped "${sound.title}": ${reason}`,
    );
    this.lastError = { title: sound.title, reason, at: Date.now() };
    this.options.onFailure?.({ sound, reason });
    this.changed('failure');
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.stream?.pump();
    });
  }

  /** The next mixed frame, or null to wait (paused, nothing to play, a decoder not ready). */
  private nextFrame(): Buffer | null {
    if (this.paused) return null;
    if (this.main?.finished) {
      const error = this.main.error;
      if (error) this.failCurrent(error);
      else this.advance('ended');
    }
    const finishedLayers = this.layers.filter((l) => l.pcm.finished);
    if (finishedLayers.length) {
      for (const layer of finishedLayers) {
        if (layer.pcm.error) this.fail(layer.sound, layer.pcm.error);
      }
      this.layers = this.layers.filter((l) => !l.pcm.finished);
      this.changed('layers');
    }
    const main = this.main;
    if (!main && this.layers.length === 0) return null;
    if (main && !main.ready) return null;
    if (this.layers.some((l) => !l.pcm.ready)) return null;
    const gain = this.volumePercent / 100;
    const inputs: MixInput[] = [];
    const mainFrame = main?.takeFrame();
    if (mainFrame) inputs.push({ frame: mainFrame, gain });
    for (const layer of this.layers) {
      const frame = layer.pcm.takeFrame();
      if (frame) inputs.push({ frame, gain: gain * layer.gain });
    }
    if (inputs.length === 0) return null;
    return mixFrames(inputs);
  }

  private changed(change: PlayerChange): void {
    this.updatedAt = Date.now();
    this.options.onChange(change);
  }

  /** For the panel and `np`/`queue`. */
  snapshot(): PlayerDto {
    const current = this.queue.current;
    return {
      guildId: this.guildId,
      channelId: this.channel,
      output: this.outputRef
        ? { kind: this.outputRef.kind, state: this.outputRef.state, detail: this.outputDetail }
        : null,
      paused: this.paused,
      loop: this.queue.loop,
      volume: this.volumePercent,
      current: current
        ? {
            ...itemDto(current),
            positionMs: this.positionMs,
            state: this.main ? 'playing' : this.outputRef ? 'preparing' : 'waiting',
            seekable: current.sound.seekable,
          }
        : null,
      upcoming: this.queue.upcoming.map(itemDto),
      layers: this.layers.map((l) => ({
        id: l.id,
        title: l.sound.title,
        volume: Math.round(l.gain * 100),
        positionMs: l.pcm.framesTaken * PCM_FORMAT.frameMs,
      })),
      lastError: this.lastError,
      updatedAt: this.updatedAt,
    };
  }
}
