import type { ConnectionStatus } from '../api/panel-client';
import { Icon } from '../ui/Icon';
import { Logo } from '../ui/Logo';

/** Shown instead of the panel when there is no token, or the runtime refused it. */
export function TokenScreen({ reason }: { reason: ConnectionStatus['reason'] }) {
  const rejected = reason === 'rejected-token';
  return (
    <main className="token-screen">
      <div className="token-card" role="alert">
        <div className="token-brand">
          <Logo size={22} />
          <span>ProtOS Panel</span>
        </div>
        <div className="token-icon">
          <Icon name="lock" size={22} />
        </div>
        <h1>{rejected ? 'This panel link has expired' : 'Open the URL printed by the bot'}</h1>
        <p>
          {rejected
            ? 'The bot refused this page’s access token: it was rotated from Settings, or the bot now runs with another data dir. Links survive restarts otherwise.'
            : 'This page needs the access token that the bot prints when it starts. Without it the panel cannot talk to the runtime.'}
        </p>
        <p>Look in the bot’s terminal for a line like this and open that URL:</p>
        <pre className="token-example">
          Panel: http://127.0.0.1:<span className="dim">PORT</span>/?token=<span className="dim">…</span>
        </pre>
        <p className="dim">
          Started without the panel? Run <code>npm run bot -- --panel</code>.
        </p>
      </div>
    </main>
  );
}
