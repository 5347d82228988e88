import type { ApiSurface } from '../api/api';
import type { Logger } from '../runtime/logging/logging';
import { PanelSessionStore } from './panel-session';
import { startWebServer, type WebServer } from './web-server';

export interface PanelServerOptions {
  dataDir: string;
  api: ApiSurface;
  logger: Logger;
  staticDir: string | null;
  /** `--panel-port` or config `panel.port`; 0 means "the remembered port, else a free one". */
  port: number;
}

/**
 * The browser-mode panel with a session that survives restarts: the token and the last port come
 * from `<dataDir>/panel-session.json`, so the URL printed at start stays valid until the operator
 * rotates the token. A remembered port that is taken now falls back to a free one (then
 * remembered); an explicitly configured port that is taken is an error.
 */
export async function startPanelServer(options: PanelServerOptions): Promise<WebServer> {
  const store = new PanelSessionStore(options.dataDir);
  const { session, replaced } = await store.load();
  if (replaced) options.logger.warn(replaced);
  const base = {
    api: options.api,
    logger: options.logger,
    staticDir: options.staticDir,
    token: session.token,
    onTokenRotated: async (token: string) => {
      session.token = token;
      await store.save(session);
    },
  };
  let web: WebServer;
  if (options.port !== 0) {
    web = await startWebServer({ ...base, port: options.port });
  } else if (session.port !== null) {
    try {
      web = await startWebServer({ ...base, port: session.port });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      options.logger.warn(
        { port: session.port },
        'the remembered panel port is taken; using a free one (old links point at the old port)',
      );
      web = await startWebServer({ ...base, port: 0 });
    }
  } else {
    web = await startWebServer({ ...base, port: 0 });
  }
  if (session.port !== web.port) {
    session.port = web.port;
    await store.save(session);
  }
  return web;
}
