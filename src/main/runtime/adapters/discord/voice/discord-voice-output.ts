import type { Readable } from 'node:stream';
import {
  AudioPlayerStatus,
  NetworkingStatusCode,
  NoSubscriberBehavior,
  StreamType,
  VoiceConnectionStatus,
  createAudioPlayer,
  createAudioResource,
  type AudioPlayer,
  type AudioPlayerState,
  type Networking,
  type VoiceConnection,
  type VoiceConnectionState,
} from '@discordjs/voice';
import type { Logger } from '../../../logging/logging';
import type { AudioOutput, OutputState } from '../../../audio/output/audio-output';
import {
  DEFAULT_RECOVERY,
  describeClose,
  describeDisconnect,
  isRemoval,
  type VoiceRecoveryOptions,
} from './recovery';

export interface DiscordVoiceOutputOptions extends Partial<VoiceRecoveryOptions> {
  /**
   * 20 ms frames the PCM stream may fail to deliver in a row (silence is sent meanwhile) before
   * playback of that stream ends. Generous, so a slow source does not end a continuous stream.
   */
  maxMissedFrames?: number;
}

type Listener = (state: OutputState, detail?: string) => void;

/**
 * Audio to a Discord voice channel through @discordjs/voice: the PCM stream (48 kHz stereo s16le)
 * is Opus-encoded by an AudioPlayer subscribed to the guild's VoiceConnection.
 *
 * States: 'connecting' until the voice connection is Ready (and again while it recovers),
 * 'ready' when connected and idle, 'playing' while a stream plays. A lost connection is
 * rejoined a bounded number of times (see VoiceRecoveryOptions); when that fails, or the bot
 * was removed from the channel, the output ends in 'disconnected' with the reason as detail.
 * 'disconnected' and 'destroyed' (after destroy()) are final: join again for a new output.
 *
 * The stream given to play() belongs to the output from then on: it is destroyed when another
 * stream replaces it, on stop(), and when the output ends.
 */
export class DiscordVoiceOutput implements AudioOutput {
  readonly kind = 'discord';
  private current: OutputState = 'connecting';
  private readonly listeners = new Set<Listener>();
  private readonly player: AudioPlayer;
  private readonly recovery: VoiceRecoveryOptions;
  private connectTimer: NodeJS.Timeout | null = null;
  private rejoinTimer: NodeJS.Timeout | null = null;
  private graceTimer: NodeJS.Timeout | null = null;
  /** The last error the voice connection reported (e.g. no common encryption mode), if any. */
  problem: string | null = null;
  private watched: Networking | null = null;
  /** Why the connection was last lost, for the state detail while it recovers. */
  private lastLoss = 'voice connection lost';
  private channel: string | null;

  constructor(
    readonly guildId: string,
    private readonly connection: VoiceConnection,
    private readonly logger: Logger,
    options: DiscordVoiceOutputOptions = {},
  ) {
    this.recovery = { ...DEFAULT_RECOVERY, ...stripUndefined(options) };
    this.channel = connection.joinConfig.channelId;
    this.player = createAudioPlayer({
      behaviors: {
        noSubscriber: NoSubscriberBehavior.Pause,
        maxMissedFrames: options.maxMissedFrames ?? 250,
      },
    });
    this.player.on('error', (err) => {
      this.logger.warn({ err, guild: guildId }, 'Discord voice playback failed; the stream was dropped');
      this.emit(this.current, `playback failed: ${err.message}`);
    });
    this.player.on('stateChange', (_old, next) => this.onPlayerState(next));
    connection.on('error', (err) => {
      this.problem = err.message;
      this.logger.warn({ err, guild: guildId }, 'Discord voice connection error');
    });
    connection.on('stateChange', (_old, next) => this.onConnectionState(next));
    connection.subscribe(this.player);
    this.onConnectionState(connection.state);
  }

  get state(): OutputState {
    return this.current;
  }

  /** The channel the output last connected to (follows moves), or null once it has ended. */
  get channelId(): string | null {
    return this.ended ? null : this.channel;
  }

  /** Waiting for the gateway's voice events (not yet talking to a voice server). */
  get signalling(): boolean {
    return this.connection.state.status === VoiceConnectionStatus.Signalling;
  }

  /** 'disconnected' or 'destroyed': nothing more will play through this output. */
  get ended(): boolean {
    return this.current === 'disconnected' || this.current === 'destroyed';
  }

  /** Resolves once the connection is Ready; rejects with the reason when it ends first. */
  ready(): Promise<void> {
    if (this.current === 'ready' || this.current === 'playing') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const off = this.onStateChange((state, detail) => {
        if (state === 'ready' || state === 'playing') {
          off();
          resolve();
        } else if (state === 'disconnected' || state === 'destroyed') {
          off();
          reject(new Error(detail ?? `voice output ${state}`));
        }
      });
    });
  }

  /**
   * Moves to another voice channel of the guild, keeping the stream: Discord answers the voice
   * state update with a new voice server session. Resolves once connected there; the caller
   * bounds the wait (the old channel keeps playing if Discord never answers).
   */
  moveTo(channelId: string): Promise<void> {
    if (this.ended) return Promise.reject(new Error(`the Discord voice output is ${this.current}`));
    if (channelId === this.channel) return this.ready();
    const before = 'networking' in this.connection.state ? this.connection.state.networking : null;
    return new Promise((resolve, reject) => {
      const off = this.onStateChange((state, detail) => {
        const now = this.connection.state;
        const fresh = 'networking' in now && now.networking !== before;
        if ((state === 'ready' || state === 'playing') && fresh) {
          off();
          resolve();
        } else if (state === 'disconnected' || state === 'destroyed') {
          off();
          reject(new Error(detail ?? `voice output ${state}`));
        }
      });
      this.connection.rejoin({ channelId, selfDeaf: true, selfMute: false });
    });
  }

  play(pcm: Readable): void {
    if (this.ended) {
      pcm.destroy();
      throw new Error(`cannot play: the Discord voice output is ${this.current}`);
    }
    const resource = createAudioResource(pcm, { inputType: StreamType.Raw });
    this.player.play(resource);
  }

  stop(): void {
    this.player.stop(true);
  }

  async destroy(): Promise<void> {
    if (this.current === 'destroyed') return;
    this.end('destroyed', 'left the voice channel');
  }

  /** Ends the output as 'disconnected' (the gateway connection it depends on is gone). */
  abandon(reason: string): void {
    this.end('disconnected', reason);
  }

  onStateChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  // ---- connection -------------------------------------------------------------------------

  private onConnectionState(state: VoiceConnectionState): void {
    if (this.ended) return;
    switch (state.status) {
      case VoiceConnectionStatus.Signalling:
      case VoiceConnectionStatus.Connecting:
        this.clearGrace();
        this.watchNetworking(state);
        this.armConnectTimer();
        // the library counts a rejoin only after announcing Signalling: look once it has
        queueMicrotask(() => this.onConnecting());
        return;
      case VoiceConnectionStatus.Ready:
        this.clearTimers();
        this.problem = null;
        this.channel = this.connection.joinConfig.channelId;
        this.watchNetworking(state);
        this.emit(this.playerBusy() ? 'playing' : 'ready');
        return;
      case VoiceConnectionStatus.Disconnected:
        this.onDisconnected(describeDisconnect(state), isRemoval(state));
        return;
      case VoiceConnectionStatus.Destroyed:
        // destroyed by us (end()) or by discord.js when the gateway shard went away
        this.end('disconnected', 'the Discord gateway connection closed');
        return;
    }
  }

  /** (Re)connecting: report it, and bound the library's own rejoins after voice socket closes. */
  private onConnecting(): void {
    const state = this.connection.state;
    const { Signalling, Connecting } = VoiceConnectionStatus;
    if (this.ended || (state.status !== Signalling && state.status !== Connecting)) return;
    const attempts = this.connection.rejoinAttempts;
    const max = this.recovery.maxRejoins;
    if (attempts > max) {
      this.end('disconnected', `${this.lastLoss}; gave up after ${max} rejoin attempts`);
    } else if (isResuming(state)) {
      this.emit('connecting', 'the voice socket closed; resuming the session');
    } else if (attempts > 0 && state.status === Signalling) {
      this.emit('connecting', `${this.lastLoss}; rejoining (attempt ${attempts} of ${max})`);
    } else {
      this.emit('connecting');
    }
  }

  /** Remembers why the voice socket closed (the connection state does not say). */
  private watchNetworking(state: VoiceConnectionState): void {
    const networking = 'networking' in state ? state.networking : null;
    if (!networking || networking === this.watched) return;
    this.watched = networking;
    networking.once('close', (code: number) => {
      this.lastLoss = describeClose(code);
    });
  }

  private onDisconnected(reason: string, removal: boolean): void {
    this.lastLoss = reason;
    this.clearConnectTimer();
    if (removal) {
      // a move shows up as new voice events (Signalling/Connecting) within the grace period
      this.emit('connecting', reason);
      this.graceTimer = setTimeout(() => {
        this.graceTimer = null;
        if (this.connection.state.status === VoiceConnectionStatus.Disconnected)
          this.end('disconnected', reason);
      }, this.recovery.movedGraceMs);
      return;
    }
    this.retry(reason);
  }

  /** Schedules a rejoin, or gives up when the attempts are used up. */
  private retry(reason: string): void {
    const attempt = this.connection.rejoinAttempts + 1;
    if (attempt > this.recovery.maxRejoins) {
      this.end('disconnected', `${reason}; gave up after ${this.recovery.maxRejoins} rejoin attempts`);
      return;
    }
    this.logger.warn({ guild: this.guildId, attempt, reason }, 'Discord voice connection lost; rejoining');
    this.emit('connecting', `${reason}; rejoining (attempt ${attempt} of ${this.recovery.maxRejoins})`);
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.rejoinTimer = setTimeout(() => {
      this.rejoinTimer = null;
      if (!this.ended) this.connection.rejoin();
    }, attempt * this.recovery.rejoinDelayMs);
  }

  /** A connection that hangs in Signalling/Connecting counts as a failed attempt. */
  private armConnectTimer(): void {
    if (this.connectTimer) return;
    this.connectTimer = setTimeout(() => {
      this.connectTimer = null;
      const status = this.connection.state.status;
      if (
        this.ended ||
        (status !== VoiceConnectionStatus.Signalling && status !== VoiceConnectionStatus.Connecting)
      )
        return;
      const waitingFor =
        status === VoiceConnectionStatus.Signalling
          ? 'Discord did not answer the voice state update (check the Connect permission and the channel user limit)'
          : 'the voice server handshake did not complete';
      const problem = this.problem ? ` (${this.problem})` : '';
      this.lastLoss = `${waitingFor} within ${this.recovery.connectTimeoutMs} ms${problem}`;
      this.retry(this.lastLoss);
    }, this.recovery.connectTimeoutMs);
  }

  // ---- player -----------------------------------------------------------------------------

  private onPlayerState(state: AudioPlayerState): void {
    if (this.ended || this.connection.state.status !== VoiceConnectionStatus.Ready) return;
    this.emit(state.status === AudioPlayerStatus.Idle ? 'ready' : 'playing');
  }

  private playerBusy(): boolean {
    // autopaused (while the connection was not ready) counts: it plays on by itself
    return this.player.state.status !== AudioPlayerStatus.Idle;
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** Final state: stop the stream, leave the channel, tell the listeners. */
  private end(state: 'disconnected' | 'destroyed', detail: string): void {
    if (this.ended) return;
    this.clearTimers();
    this.current = state;
    this.player.stop(true);
    if (this.connection.state.status !== VoiceConnectionStatus.Destroyed) {
      try {
        this.connection.destroy();
      } catch (err) {
        this.logger.debug({ err }, 'destroying the voice connection failed');
      }
    }
    const log = state === 'destroyed' ? 'info' : 'warn';
    this.logger[log]({ guild: this.guildId, detail }, `Discord voice output ${state}`);
    this.notify(state, detail);
  }

  private emit(state: OutputState, detail?: string): void {
    if (this.ended) return;
    const changed = state !== this.current;
    this.current = state;
    if (!changed && detail === undefined) return;
    this.notify(state, detail);
  }

  /** Calls the listeners; one that throws is logged and does not stop the others. */
  private notify(state: OutputState, detail: string | undefined): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(state, detail);
      } catch (err) {
        this.logger.error({ err, guild: this.guildId }, 'a voice output state listener failed');
      }
    }
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  private clearGrace(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
  }

  private clearTimers(): void {
    this.clearConnectTimer();
    this.clearGrace();
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.rejoinTimer = null;
  }
}

function isResuming(state: VoiceConnectionState): boolean {
  return 'networking' in state && state.networking.state.code === NetworkingStatusCode.Resuming;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
