import { ActivityType, type ClientPresenceStatus, type PresenceData } from 'discord.js';
import type { Config } from '../../config/schema';

const TYPES = {
  playing: ActivityType.Playing,
  listening: ActivityType.Listening,
  watching: ActivityType.Watching,
  competing: ActivityType.Competing,
  custom: ActivityType.Custom,
} as const;

/** `discord.presence` as discord.js presence data (sent at login and on every change). */
export function presenceOf(presence: Readonly<Config['discord']['presence']>): PresenceData {
  const activity = presence.activity;
  return {
    status: presence.status as ClientPresenceStatus | 'invisible',
    activities: activity
      ? [
          activity.type === 'custom'
            ? { type: ActivityType.Custom, name: 'Custom Status', state: activity.text }
            : { type: TYPES[activity.type], name: activity.text },
        ]
      : [],
  };
}
