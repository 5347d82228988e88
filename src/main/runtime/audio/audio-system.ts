import path from 'node:path';
import type { AudioStateDto, DownloadDto } from '../../../shared/dto/audio';
import type { Adapter, ChannelRef, IncomingMessage } from '../adapters/types';
import type { AudioApi, SoundLike } from '../cmdsys/api/environment';
import type { ConfigManager } from '../config/config-manager';
import type { DatabaseManager } from '../database/database-manager';
import type { Logger } from '../logging/logging';
import { Listeners } from '../util/listeners';
import { AudioError } from './audio-errors';
import type { AudioOutput, VoiceCapable } from './output/audio-output';
import { SinkOutput, type SinkOptions } from './output/sink-output';
import { GuildPlayer, type PlayerChange } from './player/guild-player';
import { QueueStore, type SavedQueue } from './queue/queue-store';
import { findSampleSoundsDir, installSampleSounds, listSounds } from './sample-sounds';
import { FfmpegMissing, resolveFfmpeg } from './sounds/ffmpeg-binary';
import { isSound, SoundError, type DownloadProgress, type Sound, type SoundContext } from './sounds/sound';
import { soundFromSpec } from './sounds/spec';
import { stat } from 'node:fs/promises';

export const CONSOLE_GUILD_ID = 'console';
/** The console guild's "voice channel": its sink. */
export const CONSOLE_VOICE: ChannelRef = Object.freeze({ id: 'console-sink', name: 'console sink' });

export interface AudioSystemOptions {
  dataDir: string;
  config: ConfigManager;
  database: DatabaseManager;
  logger: Logger;
  adapterOf(id: string): Adapter | undefined;
  /** Notified of every player change (the bot puts it on the event bus). */
  onEvent?(event: 'audio_changed' | 'audio_failed', payload: Record<string, unknown>): void;
  /** Shipped samples to copy into `<dataDir>/sounds` on first run (default: resources/sounds). */
  samplesDir?: string | null;
  /** Console sink options (tests: unpaced). */
  consoleSink?: SinkOptions;
}

const SAVE_DEBOUNCE_MS = 250;
const PROGRESS_MS = 1_000;
const DOWNLOAD_KEEP_MS = 10_000;

export function isVoiceCapable(adapter: unknown): adapter is VoiceCapable {
  return typeof adapter === 'object' && adapter !== null && 'joinVoice' in adapter;
}

/** The voice channel the author of a discord.js message is in, if the library tells it. */
function authorVoiceChannel(native: unknown): string | null {
  const member = (native as { member?: { voice?: { channelId?: unknown } } } | null)?.member;
  const id = member?.voice?.channelId;
  return typeof id === 'string' ? id : null;
}

/**
 * The audio subsystem: one player per guild (keyed by the guild's database id), the outputs
 * they play into, saved queues, web downloads, and the `audio` API commands use.
 */
export class AudioSystem {
  readonly soundsDir: string;
  readonly cacheDir: string;
  private readonly players = new Map<string, GuildPlayer>();
  private readonly store: QueueStore;
  private readonly downloads = new Map<string, DownloadDto & { at: number }>();
  private readonly changeListeners = new Listeners<string>();
  private readonly saveTimers = new Map<string, NodeJS.Timeout>();
  private readonly restoring = new Set<string>();
  private readonly saving = new Set<Promise<void>>();
  private progressTimer: NodeJS.Timeout | null = null;
  private ffmpeg: string | null = null;
  private ffmpegProblem: string | null = null;
  private closed = false;
  readonly api: AudioApi;

  constructor(private readonly options: AudioSystemOptions) {
    this.soundsDir = path.join(options.dataDir, 'sounds');
    this.cacheDir = path.join(options.dataDir, 'audio-cache');
    this.store = new QueueStore(options.database, options.logger);
    this.resolveBinary();
    const isAvailable = (): boolean => this.available;
    this.api = {
      get available() {
        return isAvailable();
      },
      playSound: (sound, channel, sync, from) => this.playSound(sound, channel, sync, from),
    };
  }

  private resolveBinary(): void {
    try {
      this.ffmpeg = resolveFfmpeg(this.options.config.get('audio.ffmpegPath'));
      this.ffmpegProblem = null;
    } catch (err) {
      this.ffmpeg = null;
      this.ffmpegProblem = (err as Error).message;
    }
  }

  get available(): boolean {
    return this.ffmpeg !== null;
  }

  /** Why audio does not work (no ffmpeg), or null. */
  get problem(): string | null {
    return this.ffmpegProblem;
  }

  context(): SoundContext {
    if (!this.ffmpeg) throw new FfmpegMissing([this.ffmpegProblem ?? 'ffmpeg']);
    const cfg = this.options.config.get('audio');
    return {
      ffmpeg: this.ffmpeg,
      cacheDir: this.cacheDir,
      maxDownloadBytes: Math.round(cfg.maxDownloadMb * 1024 * 1024),
      downloadTimeoutMs: cfg.downloadTimeoutMs,
      onDownload: (p) => this.downloadProgress(p),
    };
  }

  private requireFfmpeg(): void {
    if (!this.ffmpeg) throw new AudioError(`audio is not available: ${this.ffmpegProblem}`);
  }

  // ---- players --------------------------------------------------------------------------

  /** The guild's player, created on first use at the configured default volume. */
  player(guildId: string): GuildPlayer {
    let player = this.players.get(guildId);
    if (!player) {
      player = new GuildPlayer({
        guildId,
        context: () => this.context(),
        logger: this.options.logger,
        onChange: (change) => this.playerChanged(guildId, change),
        onFailure: ({ sound, reason }) => this.reportFailure(guildId, sound, reason),
      });
      player.setVolume(this.options.config.get('audio.defaultVolume'));
      this.players.set(guildId, player);
    }
    return player;
  }

  /** A skipped item: on the bus, and told in the channel it was asked for in (when known). */
  private reportFailure(guildId: string, sound: Sound, reason: string): void {
    this.options.onEvent?.('audio_failed', {
      guildId,
      title: sound.title,
      reason,
      requester: sound.requester,
    });
    const origin = sound.origin;
    const adapter = origin ? this.options.adapterOf(origin.adapterId) : undefined;
    if (!origin || !adapter) return;
    adapter
      .send({ channel: origin.channel, text: `Skipped ${sound.title}: ${reason}`, isError: true })
      .catch((err: unknown) =>
        this.options.logger.warn({ err, guild: guildId }, 'could not report a skipped sound'),
      );
  }

  existingPlayer(guildId: string): GuildPlayer | undefined {
    return this.players.get(guildId);
  }

  guildOf(msg: IncomingMessage): string {
    return this.options.database.dbIdOf(msg);
  }

  /** `this.playSound(sound, channel, sync)`: queue (sync) or mix (async) on a connected channel. */
  playSound(sound: SoundLike, channel: ChannelRef | null, sync: boolean, from?: IncomingMessage): void {
    if (!isSound(sound)) throw new TypeError('playSound needs a Sound: FileSound, FFmpegSound or WebSound');
    this.requireFfmpeg();
    let player: GuildPlayer | undefined;
    if (channel) player = [...this.players.values()].find((p) => p.output && p.channelId === channel.id);
    else if (from) player = this.players.get(this.guildOf(from));
    if (!player?.output) {
      throw new AudioError(
        channel
          ? `the bot is not connected to the voice channel "${channel.name}"; use join first`
          : 'the bot is not connected to a voice channel here; use join first',
      );
    }
    if (from) {
      sound.requester ??= from.author.displayName;
      sound.origin ??= { adapterId: from.adapterId, channel: from.channel };
    }
    if (sync) player.enqueue(sound);
    else player.playAsync(sound);
  }

  /** Joins the author's voice channel or the named one (console: connects the console sink). */
  async join(msg: IncomingMessage, channelName?: string): Promise<ChannelRef> {
    this.requireFfmpeg();
    const guildId = this.guildOf(msg);
    if (msg.network === 'console') {
      this.connectConsole();
      return CONSOLE_VOICE;
    }
    const adapter = this.options.adapterOf(msg.adapterId);
    if (!isVoiceCapable(adapter)) throw new AudioError(`voice channels are not supported on ${msg.network}`);
    if (!msg.guild) throw new AudioError('join works in a server, not in private messages');
    let channel: ChannelRef | null = null;
    if (channelName) {
      channel = (await (adapter as Adapter).resolver?.(msg).resolveChannel(channelName)) ?? null;
      if (!channel) throw new AudioError(`no voice channel "${channelName}"`);
    } else {
      const id = authorVoiceChannel(msg.native);
      if (!id) throw new AudioError('join a voice channel first, or name one: join <channel>');
      channel = { id, name: id };
    }
    const output = await adapter.joinVoice(msg.guild.id, channel.id);
    this.connect(guildId, output, channel.id);
    return channel;
  }

  /** Connects the console guild's player to a fresh console sink. */
  connectConsole(): GuildPlayer {
    this.requireFfmpeg();
    return this.connect(CONSOLE_GUILD_ID, this.consoleSink(), CONSOLE_VOICE.id);
  }

  /** Connects a guild's player to an output (tests and the console use sinks). */
  connect(guildId: string, output: AudioOutput, channelId: string): GuildPlayer {
    const player = this.player(guildId);
    const previous = player.detach();
    if (previous && previous !== output) void previous.destroy();
    player.attach(output, channelId);
    return player;
  }

  /** Leaves the voice channel; the queue stays (and is saved) for the next join. */
  async leave(msg: IncomingMessage): Promise<void> {
    const guildId = this.guildOf(msg);
    const player = this.players.get(guildId);
    if (!player?.output) throw new AudioError('the bot is not in a voice channel here');
    const output = player.detach();
    const adapter = this.options.adapterOf(msg.adapterId);
    if (msg.network !== 'console' && isVoiceCapable(adapter) && msg.guild)
      await adapter.leaveVoice(msg.guild.id);
    else await output?.destroy();
  }

  /** The console guild's sink: config `audio.consoleSinkFile`, paced in real time. */
  private consoleSink(): SinkOutput {
    const file = this.options.config.get('audio.consoleSinkFile');
    return new SinkOutput({ ...(file ? { file } : {}), ...this.options.consoleSink });
  }

  // ---- changes, persistence ---------------------------------------------------------------

  onChange(listener: (guildId: string) => void): () => void {
    return this.changeListeners.add(listener);
  }

  private playerChanged(guildId: string, change: PlayerChange): void {
    if (this.closed) return;
    this.changeListeners.emit(guildId);
    this.options.onEvent?.('audio_changed', { guildId, change });
    if (change !== 'progress' && change !== 'layers' && change !== 'output') this.scheduleSave(guildId);
    this.updateProgressTimer();
  }

  /** While something plays: a progress event every second (and the position saved every 5 s). */
  private updateProgressTimer(): void {
    const playing = [...this.players.values()].some((p) => p.output && p.busy && !p.isPaused);
    if (playing && !this.progressTimer) {
      let ticks = 0;
      this.progressTimer = setInterval(() => {
        ticks++;
        for (const p of this.players.values()) {
          if (!p.output || !p.busy || p.isPaused) continue;
          this.changeListeners.emit(p.guildId);
          if (ticks % 5 === 0 && p.queue.current) this.scheduleSave(p.guildId);
        }
        this.updateProgressTimer();
      }, PROGRESS_MS);
      this.progressTimer.unref();
    } else if (!playing && this.progressTimer) {
      clearInterval(this.progressTimer);
      this.progressTimer = null;
    }
  }

  private scheduleSave(guildId: string): void {
    if (this.restoring.has(guildId) || this.saveTimers.has(guildId)) return;
    const timer = setTimeout(() => {
      this.saveTimers.delete(guildId);
      const saving = this.save(guildId).catch((err: unknown) =>
        this.options.logger.error({ err, guild: guildId }, 'could not save the audio queue'),
      );
      this.saving.add(saving);
      void saving.finally(() => this.saving.delete(saving));
    }, SAVE_DEBOUNCE_MS);
    timer.unref();
    this.saveTimers.set(guildId, timer);
  }

  /** What is stored for a guild. */
  savedState(guildId: string): SavedQueue {
    const player = this.player(guildId);
    const current = player.queue.current;
    return {
      volume: player.volume,
      loop: player.queue.loop,
      current: current ? { spec: current.sound.toSpec(), positionMs: player.positionMs } : null,
      upcoming: player.queue.upcoming.map((i) => i.sound.toSpec()),
    };
  }

  async save(guildId: string): Promise<void> {
    await this.store.save(guildId, this.savedState(guildId));
  }

  /**
   * Restores every saved queue (at its volume, loop mode and position); sources that cannot be
   * rebuilt (a file that is gone, a malformed entry) are skipped with a logged reason. Playback
   * resumes when the guild's player is connected again.
   */
  async restore(): Promise<void> {
    for (const guildId of await this.store.guilds()) {
      let saved: SavedQueue | null;
      try {
        saved = await this.store.load(guildId);
      } catch (err) {
        this.options.logger.warn({ err, guild: guildId }, 'could not read the saved audio queue');
        continue;
      }
      if (
        !saved ||
        (!saved.current && saved.upcoming.length === 0 && saved.volume === 100 && saved.loop === 'off')
      )
        continue;
      this.restoring.add(guildId);
      try {
        const player = this.player(guildId);
        player.setVolume(saved.volume);
        player.setLoop(saved.loop);
        const rebuild = async (spec: SavedQueue['upcoming'][number]): Promise<Sound | null> => {
          try {
            const sound = soundFromSpec(spec);
            if (spec.kind === 'file') {
              const ok = await stat(spec.input).then(
                (s) => s.isFile(),
                () => false,
              );
              if (!ok) throw new SoundError(`the file ${spec.input} is gone`);
            }
            return sound;
          } catch (err) {
            this.options.logger.warn(
              { guild: guildId, source: spec.input, reason: (err as Error).message },
              `saved queue item "${spec.title ?? spec.input}" skipped: ${(err as Error).message}`,
            );
            return null;
          }
        };
        const current = saved.current ? await rebuild(saved.current.spec) : null;
        const upcoming: Sound[] = [];
        for (const spec of saved.upcoming) {
          const sound = await rebuild(spec);
          if (sound) upcoming.push(sound);
        }
        player.restore(
          current && saved.current ? { sound: current, positionMs: saved.current.positionMs } : null,
          upcoming,
        );
        this.options.logger.info(
          { guild: guildId, items: upcoming.length + (current ? 1 : 0), volume: saved.volume },
          'audio queue restored',
        );
      } finally {
        this.restoring.delete(guildId);
      }
    }
  }

  /** First-run sample sounds, then the saved queues. */
  async start(): Promise<void> {
    this.closed = false;
    try {
      await installSampleSounds(
        this.soundsDir,
        this.options.samplesDir === undefined ? findSampleSoundsDir() : this.options.samplesDir,
      );
    } catch (err) {
      this.options.logger.warn({ err }, 'could not install the sample sounds');
    }
    if (!this.available) this.options.logger.warn({ problem: this.problem }, 'audio is not available');
    await this.restore();
  }

  /** Saves every queue and stops every player and output. */
  async shutdown(): Promise<void> {
    for (const timer of this.saveTimers.values()) clearTimeout(timer);
    this.saveTimers.clear();
    await Promise.all([...this.saving]);
    if (this.progressTimer) clearInterval(this.progressTimer);
    this.progressTimer = null;
    for (const player of this.players.values()) {
      try {
        await this.save(player.guildId);
      } catch (err) {
        this.options.logger.error({ err, guild: player.guildId }, 'could not save the audio queue');
      }
    }
    this.closed = true;
    for (const player of this.players.values()) await player.destroy();
    this.players.clear();
  }

  // ---- downloads, panel -----------------------------------------------------------------

  private downloadProgress(progress: DownloadProgress): void {
    this.downloads.set(progress.url, { ...progress, at: Date.now() });
    this.changeListeners.emit('*');
  }

  async state(): Promise<AudioStateDto> {
    const now = Date.now();
    for (const [url, d] of this.downloads)
      if (d.state !== 'downloading' && now - d.at > DOWNLOAD_KEEP_MS) this.downloads.delete(url);
    return {
      available: this.available,
      problem: this.problem,
      players: [...this.players.values()].map((p) => p.snapshot()),
      downloads: [...this.downloads.values()].map(({ at: _at, ...d }) => d),
      sounds: await listSounds(this.soundsDir),
    };
  }
}
