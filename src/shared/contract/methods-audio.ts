import { z } from 'zod';
import { AudioStateSchema, LoopModeSchema } from '../dto/audio';
import { method } from './define';

const Guild = z.string().min(1).max(200);
const Ok = z.object({ ok: z.literal(true) });

/** The Audio view: every guild's player, and control of the queues. */
export const audioMethods = {
  'audio.state': method(
    z.object({}).strict(),
    AudioStateSchema,
    'Every guild player (now playing, queue, layers, output), downloads, and the playable sample sounds.',
  ),
  'audio.join': method(
    z.object({ guildId: z.literal('console') }).strict(),
    Ok,
    "Connects the console guild's player to its sink (other guilds join from chat).",
  ),
  'audio.leave': method(
    z.object({ guildId: Guild }).strict(),
    Ok,
    "Disconnects a guild's player (the queue stays).",
  ),
  'audio.play': method(
    z
      .object({
        guildId: z.literal('console'),
        /** A file name in the data dir's sounds/ folder, or an http(s) URL. */
        source: z.string().min(1).max(2_000),
        sync: z.boolean().default(true),
      })
      .strict(),
    z.object({ title: z.string() }),
    "Queues (or, async, mixes) a sound on the console guild's player.",
  ),
  'audio.control': method(
    z
      .object({
        guildId: Guild,
        action: z.enum(['skip', 'pause', 'resume', 'stop', 'clear', 'shuffle']),
      })
      .strict(),
    Ok,
    'Skip, pause, resume, stop (clears everything), clear (the upcoming items) or shuffle.',
  ),
  'audio.remove': method(
    z.object({ guildId: Guild, itemId: z.number().int() }).strict(),
    Ok,
    'Removes a queued item.',
  ),
  'audio.reorder': method(
    z.object({ guildId: Guild, itemIds: z.array(z.number().int()).max(10_000) }).strict(),
    Ok,
    'Puts the upcoming items in this order (must list exactly the queued ids).',
  ),
  'audio.setLoop': method(
    z.object({ guildId: Guild, mode: LoopModeSchema }).strict(),
    Ok,
    'Sets the loop mode.',
  ),
  'audio.setVolume': method(
    z.object({ guildId: Guild, volume: z.number().int().min(0).max(200) }).strict(),
    Ok,
    "Sets a guild's volume (0–200).",
  ),
  'audio.seek': method(
    z.object({ guildId: Guild, positionMs: z.number().int().min(0) }).strict(),
    Ok,
    'Jumps within the current item (where the source allows).',
  ),
};
