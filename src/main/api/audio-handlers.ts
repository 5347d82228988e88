import path from 'node:path';
import type { Bot } from '../runtime/bot';
import { AudioError } from '../runtime/audio/audio-errors';
import { CONSOLE_VOICE } from '../runtime/audio/audio-system';
import { QueueError } from '../runtime/audio/queue/audio-queue';
import { SoundError } from '../runtime/audio/sounds/sound';
import { soundFromInput } from '../runtime/audio/sounds/spec';
import type { GuildPlayer } from '../runtime/audio/player/guild-player';
import type { EventHub } from './event-hub';
import { PANEL_ACTOR } from '../runtime/audit/types';
import { ApiError, type Handlers } from './router';

type AudioHandlers = Pick<
  Handlers,
  | 'audio.state'
  | 'audio.join'
  | 'audio.leave'
  | 'audio.play'
  | 'audio.control'
  | 'audio.remove'
  | 'audio.reorder'
  | 'audio.setLoop'
  | 'audio.setVolume'
  | 'audio.seek'
>;

const OK = { ok: true } as const;

/** Runs an audio operation, turning its user-facing errors into API errors. */
async function guarded<T>(op: () => T | Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof QueueError) throw new ApiError({ code: 'CONFLICT', message: err.message });
    if (err instanceof SoundError) throw new ApiError({ code: 'BAD_REQUEST', message: err.message });
    if (err instanceof AudioError) throw new ApiError({ code: 'UNAVAILABLE', message: err.message });
    throw err;
  }
}

/** The panel's Audio view. Queue changes go through the same player methods the commands use. */
export function audioHandlers(bot: Bot): AudioHandlers {
  const audio = bot.audio;
  const player = (guildId: string): GuildPlayer => {
    const found = audio.existingPlayer(guildId);
    if (!found) throw new ApiError({ code: 'NOT_FOUND', message: `no audio player for "${guildId}"` });
    return found;
  };
  // queue edits from the panel are edits by someone else: audited in that guild's log
  const audited = (guildId: string, message: string): void =>
    void bot.audit.record({
      actor: PANEL_ACTOR,
      channel: 'panel',
      guild: guildId,
      command: 'audio queue',
      message,
    });
  return {
    'audio.state': () => audio.state(),
    'audio.join': () =>
      guarded(() => {
        if (!audio.available) throw new AudioError(`audio is not available: ${audio.problem}`);
        audio.connectConsole();
        return OK;
      }),
    'audio.leave': ({ guildId }) =>
      guarded(async () => {
        const p = player(guildId);
        if (!p.output) throw new AudioError('not connected');
        if (guildId !== 'console') throw new AudioError('other guilds leave from chat (leave command)');
        await p.detach()?.destroy();
        return OK;
      }),
    'audio.play': ({ source, sync }) =>
      guarded(async () => {
        const p = audio.player('console');
        if (!p.output) throw new AudioError('the console guild is not connected; join first');
        const sound = soundFromInput(source, (name) => {
          // only files directly in sounds/: the panel must not play arbitrary paths
          const file = path.resolve(audio.soundsDir, name);
          if (path.dirname(file) !== path.resolve(audio.soundsDir))
            throw new SoundError(`"${name}" is not a file in the sounds folder`);
          return file;
        });
        sound.requester = 'panel';
        await sound.prepare(audio.context());
        audio.playSound(sound, CONSOLE_VOICE, sync);
        return { title: sound.title };
      }),
    'audio.control': ({ guildId, action }) =>
      guarded(() => {
        const p = player(guildId);
        if (action === 'skip') p.skip();
        else if (action === 'pause') p.pause();
        else if (action === 'resume') p.resume();
        else if (action === 'stop') p.stop();
        else if (action === 'clear') p.clear();
        else p.shuffle();
        if (action !== 'pause' && action !== 'resume') audited(guildId, `${action} from the Audio view`);
        return OK;
      }),
    'audio.remove': ({ guildId, itemId }) =>
      guarded(() => {
        player(guildId).removeId(itemId);
        audited(guildId, `removed queue item ${itemId} from the Audio view`);
        return OK;
      }),
    'audio.reorder': ({ guildId, itemIds }) =>
      guarded(() => {
        player(guildId).reorder(itemIds);
        audited(guildId, 'reordered the queue from the Audio view');
        return OK;
      }),
    'audio.setLoop': ({ guildId, mode }) => guarded(() => (player(guildId).setLoop(mode), OK)),
    'audio.setVolume': ({ guildId, volume }) => guarded(() => (player(guildId).setVolume(volume), OK)),
    'audio.seek': ({ guildId, positionMs }) => guarded(() => (player(guildId).seek(positionMs), OK)),
  };
}

/** Pushes the audio state (batched by the hub) whenever a player or download changes. */
export function pushAudioEvents(bot: Bot, events: EventHub): () => void {
  let running = false;
  let again = false;
  // one snapshot at a time; a change during one makes another follow, so the last state is pushed
  const push = (): void => {
    running = true;
    again = false;
    bot.audio.state().then(
      (state) => {
        events.push('audio', state);
        if (again) push();
        else running = false;
      },
      (err: unknown) => {
        running = false;
        bot.logger.error({ err }, 'audio state for the panel failed');
      },
    );
  };
  return bot.audio.onChange(() => {
    if (events.subscriberCount === 0) return;
    if (running) again = true;
    else {
      running = true;
      setImmediate(push);
    }
  });
}
