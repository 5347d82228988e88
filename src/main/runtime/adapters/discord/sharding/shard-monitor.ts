import { Status, type Client } from 'discord.js';
import type { DiscordShardStatus } from '../../../../../shared/dto/discord-shards';

/** Seconds of history behind `eventsPerSec`. */
const WINDOW_SEC = 10;

const STATES: Record<Status, DiscordShardStatus['state']> = {
  [Status.Ready]: 'ready',
  [Status.Connecting]: 'connecting',
  [Status.Reconnecting]: 'reconnecting',
  [Status.Idle]: 'idle',
  [Status.Nearly]: 'waiting-for-guilds',
  [Status.Disconnected]: 'disconnected',
  [Status.WaitingForGuilds]: 'waiting-for-guilds',
  [Status.Identifying]: 'identifying',
  [Status.Resuming]: 'resuming',
};

interface Rate {
  /** Events per second slot, indexed by `second % WINDOW_SEC`. */
  slots: number[];
  /** The second each slot holds. */
  seconds: number[];
}

/** Per-shard figures for the panel: discord.js's state and ping, guilds held, events per second. */
export class ShardMonitor {
  private readonly rates = new Map<number, Rate>();

  /** Counts one gateway event of a shard (call from the client's `raw` event). */
  onEvent(shardId: number, now = Date.now()): void {
    let rate = this.rates.get(shardId);
    if (!rate) {
      rate = {
        slots: new Array<number>(WINDOW_SEC).fill(0),
        seconds: new Array<number>(WINDOW_SEC).fill(-1),
      };
      this.rates.set(shardId, rate);
    }
    const second = Math.floor(now / 1000);
    const slot = second % WINDOW_SEC;
    if (rate.seconds[slot] !== second) {
      rate.seconds[slot] = second;
      rate.slots[slot] = 0;
    }
    rate.slots[slot]!++;
  }

  eventsPerSec(shardId: number, now = Date.now()): number {
    const rate = this.rates.get(shardId);
    if (!rate) return 0;
    const second = Math.floor(now / 1000);
    let total = 0;
    for (let i = 0; i < WINDOW_SEC; i++) if (second - rate.seconds[i]! < WINDOW_SEC) total += rate.slots[i]!;
    return Math.round((total / WINDOW_SEC) * 10) / 10;
  }

  reset(): void {
    this.rates.clear();
  }

  /** One entry per planned shard, in id order (a shard discord.js has not created yet is `idle`). */
  status(
    client: Client | null,
    shardIds: number[],
    queued: (shardId: number) => number,
  ): DiscordShardStatus[] {
    const guilds = new Map<number, number>();
    if (client)
      for (const guild of client.guilds.cache.values())
        guilds.set(guild.shardId, (guilds.get(guild.shardId) ?? 0) + 1);
    return shardIds.map((id) => {
      const shard = client?.ws.shards.get(id);
      return {
        id,
        state: shard ? STATES[shard.status] : 'idle',
        pingMs: shard && shard.ping >= 0 ? shard.ping : null,
        guilds: guilds.get(id) ?? 0,
        eventsPerSec: this.eventsPerSec(id),
        memberRequestsQueued: queued(id),
      };
    });
  }
}
