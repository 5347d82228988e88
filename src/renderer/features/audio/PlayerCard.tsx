import type { LoopModeDto, PlayerDto } from '../../../shared/dto/audio';
import { Icon } from '../../ui/Icon';
import { clock, livePosition } from './clock';
import { QueueList } from './QueueList';

/** How each output kind reads in the card header. */
const OUTPUT_LABELS: Readonly<Record<string, string>> = {
  null: 'console sink',
  sink: 'console sink (file)',
  discord: 'Discord voice',
};

export type PlayerAction =
  | { kind: 'control'; action: 'skip' | 'pause' | 'resume' | 'stop' | 'clear' | 'shuffle' }
  | { kind: 'loop'; mode: LoopModeDto }
  | { kind: 'volume'; volume: number }
  | { kind: 'remove'; itemId: number }
  | { kind: 'reorder'; itemIds: number[] };

const LOOPS: LoopModeDto[] = ['off', 'one', 'all'];

function guildLabel(id: string): string {
  if (id === 'console') return 'Console';
  const [network, ...rest] = id.split('-');
  return `${network ? network[0]!.toUpperCase() + network.slice(1) : ''} ${rest.join('-')}`;
}

/** One guild's player: connection, now playing with progress, controls, layers and the queue. */
export function PlayerCard({
  player,
  receivedAt,
  now,
  onAction,
}: {
  player: PlayerDto;
  receivedAt: number;
  now: number;
  onAction: (action: PlayerAction) => void;
}) {
  const current = player.current;
  const flowing = Boolean(current && current.state === 'playing' && !player.paused && player.output);
  const position = current
    ? livePosition(current.positionMs, current.durationMs, flowing, receivedAt, now)
    : 0;
  const percent = current?.durationMs ? Math.min(100, (position / current.durationMs) * 100) : 0;
  const connection = player.output
    ? `${OUTPUT_LABELS[player.output.kind] ?? player.output.kind} · ${player.output.state}`
    : 'not connected';
  return (
    <section
      className="panel audio-player"
      aria-label={`Player ${player.guildId}`}
      data-guild={player.guildId}
    >
      <header className="panel-header">
        <h2>{guildLabel(player.guildId)}</h2>
        <span className="panel-meta" data-testid="voice-state">
          {connection}
          {player.output?.detail ? ` — ${player.output.detail}` : ''}
        </span>
      </header>
      <div className="now-playing">
        {current ? (
          <>
            <div className="np-title" data-testid="now-playing">
              {player.paused
                ? 'Paused: '
                : current.state === 'preparing'
                  ? 'Preparing: '
                  : current.state === 'waiting'
                    ? 'Waiting for a connection: '
                    : ''}
              <span className="strong">{current.title}</span>
              {current.requester && <span className="dim"> · {current.requester}</span>}
            </div>
            <div
              className="progress"
              role="progressbar"
              aria-label="Position"
              aria-valuemin={0}
              aria-valuemax={current.durationMs ?? undefined}
              aria-valuenow={Math.round(position)}
            >
              <div className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
            <div className="mono dim np-time">
              {clock(position)} / {clock(current.durationMs)}
            </div>
          </>
        ) : (
          <div className="dim" data-testid="now-playing">
            Nothing is playing.
          </div>
        )}
      </div>
      <div className="player-controls">
        {player.paused ? (
          <button
            type="button"
            className="button small"
            onClick={() => onAction({ kind: 'control', action: 'resume' })}
          >
            Resume
          </button>
        ) : (
          <button
            type="button"
            className="button small"
            disabled={!current}
            onClick={() => onAction({ kind: 'control', action: 'pause' })}
          >
            <Icon name="pause" size={11} /> Pause
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={!current}
          onClick={() => onAction({ kind: 'control', action: 'skip' })}
        >
          Skip
        </button>
        <button
          type="button"
          className="button small danger"
          disabled={!current && player.upcoming.length === 0}
          onClick={() => onAction({ kind: 'control', action: 'stop' })}
        >
          <Icon name="stop" size={11} /> Stop
        </button>
        <button
          type="button"
          className="button small quiet"
          disabled={player.upcoming.length < 2}
          onClick={() => onAction({ kind: 'control', action: 'shuffle' })}
        >
          Shuffle
        </button>
        <div className="segmented" role="group" aria-label="Loop mode">
          {LOOPS.map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={player.loop === mode}
              onClick={() => onAction({ kind: 'loop', mode })}
            >
              loop {mode}
            </button>
          ))}
        </div>
        <label className="volume">
          <span className="dim">Volume</span>
          <input
            type="range"
            min={0}
            max={200}
            step={5}
            value={player.volume}
            aria-label="Volume"
            onChange={(e) => onAction({ kind: 'volume', volume: Number(e.target.value) })}
          />
          <span className="mono num">{player.volume}%</span>
        </label>
      </div>
      {player.layers.length > 0 && (
        <div className="layers" aria-label="Mixed layers">
          <span className="dim">Mixed over it:</span>
          {player.layers.map((l) => (
            <span key={l.id} className="badge">
              {l.title} · {l.volume}%
            </span>
          ))}
        </div>
      )}
      {player.lastError && (
        <div className="callout warn audio-error">
          Skipped {player.lastError.title}: {player.lastError.reason}
        </div>
      )}
      <QueueList
        items={player.upcoming}
        onReorder={(itemIds) => onAction({ kind: 'reorder', itemIds })}
        onRemove={(itemId) => onAction({ kind: 'remove', itemId })}
      />
    </section>
  );
}
