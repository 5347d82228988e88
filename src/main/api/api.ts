import type { Bot } from '../runtime/bot';
import { EventHub } from './event-hub';
import { pushAudioEvents } from './audio-handlers';
import { createHandlers, type AppIdentity } from './handlers';
import { Router } from './router';

export interface ApiOptions {
  app: AppIdentity;
  batchMs?: number;
  /** How often status (uptime, memory) is pushed while someone listens. */
  statusIntervalMs?: number;
  validateOutput?: boolean;
}

/** What a transport needs of an api: calls and pushed frames (a supervisor relay provides the same). */
export interface ApiSurface {
  readonly router: Pick<Router, 'call'>;
  readonly events: Pick<EventHub, 'subscribe'>;
}

export interface Api {
  readonly router: Router;
  readonly events: EventHub;
  dispose(): void;
}

/** Wires the router and the batched event stream to a bot. Both transports take this. */
export function createApi(bot: Bot, options: ApiOptions): Api {
  const router = new Router(createHandlers(bot, options.app), bot.logging.child('api'), {
    validateOutput: options.validateOutput ?? false,
  });
  const events = new EventHub(options.batchMs !== undefined ? { batchMs: options.batchMs } : {});
  const disposers = [
    bot.logging.ring.subscribe((entry) => events.push('logs', [entry])),
    bot.console.onOutput((out) => events.push('console', [out])),
    bot.onStatus((status) => events.push('status', status)),
    bot.pipeline.onTrace((trace) => events.push('traces', [trace])),
    // every message changes the running list twice: it is read once per frame, when one goes out
    bot.commands.executor.onChange(() =>
      events.pushSnapshot('invocations', () => bot.commands.executor.list()),
    ),
    pushAudioEvents(bot, events),
    bot.metrics.onSample((sample) => events.push('metrics', sample)),
    bot.audit.onEntry((entry) => events.push('audit', [entry])),
    bot.audit.onFailure((failure) => events.push('auditFailure', failure)),
    bot.config.onExternalEdit((edit) =>
      events.push('config', {
        loaded: edit.ok,
        paths: edit.ok ? edit.paths : [],
        revision: bot.config.revision,
        error: edit.ok ? null : edit.error,
      }),
    ),
    bot.commands.loader.onReload((report) => {
      events.push('reload', report);
      events.push('status', bot.status());
    }),
  ];
  const statusTimer = setInterval(() => {
    if (events.subscriberCount > 0) events.push('status', bot.status());
  }, options.statusIntervalMs ?? 2_000);
  statusTimer.unref();
  return {
    router,
    events,
    dispose: () => {
      clearInterval(statusTimer);
      for (const dispose of disposers) dispose();
      events.flush();
      events.dispose();
    },
  };
}
