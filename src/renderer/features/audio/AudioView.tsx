import './audio.css';
import { useState } from 'react';
import type { PanelClient } from '../../api/panel-client';
import { useApi } from '../../api/api-context';
import { describeError } from '../../lib/errors';
import { useNow } from '../../lib/use-now';
import { ViewHeader } from '../../ui/ViewHeader';
import { useAudioStore } from './audio-store';
import { PlayerCard, type PlayerAction } from './PlayerCard';

function perform(api: PanelClient, guildId: string, a: PlayerAction): Promise<unknown> {
  switch (a.kind) {
    case 'control':
      return api.call('audio.control', { guildId, action: a.action });
    case 'loop':
      return api.call('audio.setLoop', { guildId, mode: a.mode });
    case 'volume':
      return api.call('audio.setVolume', { guildId, volume: a.volume });
    case 'remove':
      return api.call('audio.remove', { guildId, itemId: a.itemId });
    case 'reorder':
      return api.call('audio.reorder', { guildId, itemIds: a.itemIds });
  }
}

/** Every guild's player, live; the console guild can be joined and fed from the sounds folder. */
export function AudioView() {
  const api = useApi();
  const audio = useAudioStore((s) => s.audio);
  const receivedAt = useAudioStore((s) => s.receivedAt);
  const loadError = useAudioStore((s) => s.error);
  const [error, setError] = useState<string | null>(null);
  const players = audio?.players ?? [];
  const playing = players.some((p) => p.current && !p.paused && p.output);
  const now = useNow(250, playing);
  const consolePlayer = players.find((p) => p.guildId === 'console');
  const consoleConnected = Boolean(consolePlayer?.output);

  const run = (op: () => Promise<unknown>): void => {
    setError(null);
    op().catch((err: unknown) => setError(describeError(err)));
  };

  return (
    <section className="view" aria-label="Audio">
      <ViewHeader
        title="Audio"
        subtitle={
          <span data-testid="audio-summary">
            {players.length === 0 ? 'No guild player yet' : `${players.length} guild player(s)`}
          </span>
        }
      />
      <div className="view-body scroll">
        {loadError && <div className="callout warn">Could not load the audio state: {loadError}</div>}
        {audio && !audio.available && (
          <div className="callout err">Audio is not available: {audio.problem}</div>
        )}
        {error && (
          <div className="callout err" role="alert">
            {error}
          </div>
        )}
        <section className="panel console-audio" aria-label="Console audio">
          <header className="panel-header">
            <h2>Console guild</h2>
            <span className="panel-meta">
              Plays into the console sink, so audio works without Discord. Sounds come from the data dir's
              sounds/ folder.
            </span>
          </header>
          <div className="console-audio-body">
            {consoleConnected ? (
              <button
                type="button"
                className="button small"
                onClick={() => run(() => api.call('audio.leave', { guildId: 'console' }))}
              >
                Leave
              </button>
            ) : (
              <button
                type="button"
                className="button small primary"
                disabled={audio ? !audio.available : true}
                onClick={() => run(() => api.call('audio.join', { guildId: 'console' }))}
              >
                Join console sink
              </button>
            )}
            <ul className="sound-list" aria-label="Sounds">
              {(audio?.sounds ?? []).map((name) => (
                <li key={name}>
                  <span className="mono">{name}</span>
                  <button
                    type="button"
                    className="button small"
                    disabled={!consoleConnected}
                    onClick={() =>
                      run(() => api.call('audio.play', { guildId: 'console', source: name, sync: true }))
                    }
                    aria-label={`Queue ${name}`}
                  >
                    Queue
                  </button>
                  <button
                    type="button"
                    className="button small quiet"
                    disabled={!consoleConnected}
                    onClick={() =>
                      run(() => api.call('audio.play', { guildId: 'console', source: name, sync: false }))
                    }
                    aria-label={`Mix ${name}`}
                  >
                    Mix
                  </button>
                </li>
              ))}
              {audio && audio.sounds.length === 0 && (
                <li className="dim">No sounds in the sounds/ folder.</li>
              )}
            </ul>
          </div>
        </section>
        {audio && audio.downloads.length > 0 && (
          <section className="panel" aria-label="Downloads">
            <header className="panel-header">
              <h2>Downloads</h2>
            </header>
            <ul className="download-list">
              {audio.downloads.map((d) => (
                <li key={d.url}>
                  <span className="mono clip">{d.url}</span>
                  <progress max={d.total ?? undefined} value={d.received} />
                  <span className="dim">
                    {d.state === 'failed'
                      ? d.error
                      : `${Math.round(d.received / 1024)} KiB${d.total ? ` / ${Math.round(d.total / 1024)} KiB` : ''}`}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {players.map((player) => (
          <PlayerCard
            key={player.guildId}
            player={player}
            receivedAt={receivedAt}
            now={now}
            onAction={(a) => run(() => perform(api, player.guildId, a))}
          />
        ))}
        {audio && players.length === 0 && (
          <p className="dim audio-note">
            A guild gets a player when someone uses an audio command there (<code>join</code>,{' '}
            <code>play</code>) — or join the console sink above.
          </p>
        )}
      </div>
    </section>
  );
}
