import { joinVoiceChannel, type DiscordGatewayAdapterCreator } from '@discordjs/voice';
import { PermissionFlagsBits, type Client, type VoiceBasedChannel } from 'discord.js';
import type { Logger } from '../../../logging/logging';
import type { AudioOutput } from '../../../audio/output/audio-output';
import { missingVoiceDependency, voiceDependencies, type VoiceDependencies } from './dependencies';
import { DiscordVoiceOutput, type DiscordVoiceOutputOptions } from './discord-voice-output';

export interface DiscordVoiceOptions extends DiscordVoiceOutputOptions {
  /** How long joining (gateway voice events + voice server handshake) may take. */
  joinTimeoutMs?: number;
}

const DEFAULT_JOIN_TIMEOUT_MS = 15_000;

/**
 * The Discord adapter's voice side: one DiscordVoiceOutput per guild, joined through the
 * gateway (op 4 voice state update → VOICE_STATE_UPDATE + VOICE_SERVER_UPDATE, handled by
 * discord.js's voice adapter for the guild) and @discordjs/voice.
 */
export class DiscordVoice {
  private readonly outputs = new Map<string, DiscordVoiceOutput>();
  private deps: VoiceDependencies | null = null;

  constructor(
    private readonly client: () => Client | null,
    private readonly logger: () => Logger,
    private readonly options: DiscordVoiceOptions = {},
  ) {}

  /** Joins (or moves to) a voice channel; resolves with the output once the connection is ready. */
  async join(guildId: string, channelId: string): Promise<AudioOutput> {
    const channel = this.voiceChannel(guildId, channelId);
    this.checkDependencies();
    const existing = this.outputs.get(guildId);
    if (existing && !existing.ended) {
      await this.settle(existing, channel, existing.moveTo(channelId));
      return existing;
    }
    const client = channel.client;
    const connection = joinVoiceChannel({
      guildId,
      channelId,
      adapterCreator: channel.guild.voiceAdapterCreator as DiscordGatewayAdapterCreator,
      // one registry group per bot user, so several clients in one process never share a connection
      group: client.user.id,
      selfDeaf: true,
      selfMute: false,
    });
    const output = new DiscordVoiceOutput(guildId, connection, this.logger(), this.options);
    this.outputs.set(guildId, output);
    output.onStateChange((state, detail) => {
      if (output.ended && this.outputs.get(guildId) === output) this.outputs.delete(guildId);
      this.logger().debug({ guild: guildId, state, detail }, 'Discord voice output state');
    });
    try {
      await this.settle(output, channel);
    } catch (err) {
      await output.destroy();
      throw err;
    }
    this.logger().info({ guild: guildId, channel: channel.name }, `joined voice channel #${channel.name}`);
    return output;
  }

  async leave(guildId: string): Promise<void> {
    const output = this.outputs.get(guildId);
    this.outputs.delete(guildId);
    await output?.destroy();
  }

  channelOf(guildId: string): string | null {
    return this.outputs.get(guildId)?.channelId ?? null;
  }

  /** Leaves every channel (the adapter stops). */
  async leaveAll(): Promise<void> {
    const outputs = [...this.outputs.values()];
    this.outputs.clear();
    await Promise.all(outputs.map((o) => o.destroy()));
  }

  /** Ends every output as 'disconnected' with `reason` (the gateway client is gone). */
  dropAll(reason: string): void {
    const outputs = [...this.outputs.values()];
    this.outputs.clear();
    for (const output of outputs) output.abandon(reason);
  }

  /** Waits for a join with a deadline; the error names the channel and the cause. */
  private async settle(
    output: DiscordVoiceOutput,
    channel: VoiceBasedChannel,
    done: Promise<void> = output.ready(),
  ): Promise<void> {
    const timeoutMs = this.options.joinTimeoutMs ?? DEFAULT_JOIN_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // still signalling, or still connected to the old channel of a move: Discord is silent
        const silent = output.signalling || output.state === 'ready' || output.state === 'playing';
        const cause =
          output.problem ??
          (silent
            ? 'Discord did not answer the voice state update'
            : 'the voice server handshake did not complete');
        reject(new Error(`no voice connection within ${timeoutMs} ms (${cause})`));
      }, timeoutMs);
    });
    try {
      await Promise.race([done, timeout]);
    } catch (err) {
      throw new Error(`Could not join voice channel #${channel.name}: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The channel to join, or a clear error saying why it cannot be joined. */
  private voiceChannel(guildId: string, channelId: string): VoiceBasedChannel {
    const client = this.client();
    if (!client?.isReady()) throw new Error('Discord is not connected, so no voice channel can be joined.');
    const guild = client.guilds.cache.get(guildId);
    if (!guild) throw new Error(`The bot is not in the Discord guild ${guildId}.`);
    const channel = guild.channels.cache.get(channelId);
    if (!channel) throw new Error(`There is no channel ${channelId} in ${guild.name}.`);
    if (!channel.isVoiceBased()) throw new Error(`#${channel.name} is not a voice channel.`);
    const me = guild.members.me;
    const permissions = me ? channel.permissionsFor(me) : null;
    const missing = [
      [PermissionFlagsBits.ViewChannel, 'View Channel'],
      [PermissionFlagsBits.Connect, 'Connect'],
      [PermissionFlagsBits.Speak, 'Speak'],
    ]
      .filter(([bit]) => !permissions?.has(bit as bigint))
      .map(([, name]) => name);
    if (missing.length > 0)
      throw new Error(`The bot lacks the ${missing.join(' and ')} permission in #${channel.name}.`);
    if (!channel.joinable) throw new Error(`#${channel.name} is full.`);
    return channel;
  }

  /** Logs the voice libraries once and refuses to join when one is missing. */
  private checkDependencies(): void {
    if (!this.deps) {
      this.deps = voiceDependencies();
      const { opus, aesGcm, xchacha, dave } = this.deps;
      this.logger().info(
        { opus, aesGcm, xchacha, dave },
        'Discord voice libraries (@discordjs/voice dependency report)',
      );
      this.logger().debug({ report: this.deps.report }, 'full @discordjs/voice dependency report');
    }
    const missing = missingVoiceDependency(this.deps);
    if (missing) throw new Error(`Discord voice is unavailable: ${missing}.`);
  }
}
