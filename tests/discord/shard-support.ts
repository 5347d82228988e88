import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LogEntry } from '../../src/shared/dto/log';
import type { ClusterAssignment } from '../../src/shared/process/cluster';
import { DiscordAdapter } from '../../src/main/runtime/adapters/discord/discord-adapter';
import { ConfigManager, type ConfigPath } from '../../src/main/runtime/config/config-manager';
import { EventBus } from '../../src/main/runtime/events/event-bus';
import { createLogging, type Logging } from '../../src/main/runtime/logging/logging';
import type { FakeDiscord } from './fake-discord/server';

/** A Discord adapter on its own (no bot around it), as one cluster of a supervised bot runs it. */
export class AdapterOnly {
  readonly reshards: unknown[] = [];

  private constructor(
    readonly adapter: DiscordAdapter,
    readonly logging: Logging,
    private readonly dataDir: string,
  ) {}

  static async start(
    fake: FakeDiscord,
    cluster: ClusterAssignment,
    config: Partial<Record<ConfigPath, unknown>> = {},
  ): Promise<AdapterOnly> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'protos-shards-'));
    const settings = await ConfigManager.open(path.join(dataDir, 'config.json'), {
      'discord.token': fake.token,
      'discord.api': fake.apiBase,
      ...config,
    });
    const logging = createLogging({ console: false, level: 'debug' });
    const events = new EventBus(logging.child('events'));
    const adapter = new DiscordAdapter({ cluster });
    const harness = new AdapterOnly(adapter, logging, dataDir);
    events.on('discord_reshard_needed', (e) => void harness.reshards.push(e));
    adapter.attach({
      deliver: async () => undefined,
      events,
      logging,
      config: settings,
      statusChanged: () => undefined,
    });
    await adapter.start();
    return harness;
  }

  logs(level?: LogEntry['level']): LogEntry[] {
    const all = this.logging.ring.tail(this.logging.ring.capacity);
    return level ? all.filter((e) => e.level === level) : all;
  }

  async close(): Promise<void> {
    try {
      await this.adapter.stop();
    } finally {
      rmSync(this.dataDir, { recursive: true, force: true });
    }
  }
}
