import type { InvocationDto } from '../../../shared/dto/commands';

const STYLE: Record<InvocationDto['state'], { tone: string; label: string; pulse: boolean }> = {
  running: { tone: 'tone-ok', label: 'running', pulse: true },
  looping: { tone: 'tone-accent', label: 'looping', pulse: true },
  awaiting_input: { tone: 'tone-warn', label: 'awaiting input', pulse: false },
  cancelling: { tone: 'tone-err', label: 'cancelling', pulse: true },
};

/** The state of an invocation as a small coloured badge. */
export function InvocationStateBadge({ state }: { state: InvocationDto['state'] }) {
  const style = STYLE[state];
  return (
    <span className={`badge ${style.tone}${style.pulse ? ' pulse' : ''}`} data-state={state}>
      <span className="state-dot" aria-hidden="true" />
      {style.label}
    </span>
  );
}
