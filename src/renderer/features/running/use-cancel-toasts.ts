import { useEffect, useRef, useState } from 'react';
import type { InvocationDto } from '../../../shared/dto/commands';

export interface CancelToast {
  id: number;
  text: string;
}

/** How long a "cancelled" note stays. */
export const TOAST_MS = 5_000;

/**
 * Notes when a cancel asked for here has landed: the invocation left the running list.
 * `watch(inv)` after the runtime accepted the cancel; toasts go away by themselves.
 */
export function useCancelToasts(running: readonly InvocationDto[]): {
  toasts: CancelToast[];
  watch(inv: InvocationDto): void;
  dismiss(id: number): void;
} {
  const watched = useRef(new Map<number, InvocationDto>());
  const [toasts, setToasts] = useState<CancelToast[]>([]);
  const dismiss = (id: number): void => setToasts((t) => t.filter((x) => x.id !== id));
  useEffect(() => {
    const live = new Set(running.map((i) => i.id));
    const landed = [...watched.current.values()].filter((inv) => !live.has(inv.id));
    if (landed.length === 0) return;
    for (const inv of landed) watched.current.delete(inv.id);
    setToasts((t) => [
      ...t,
      ...landed.map((inv) => ({ id: inv.id, text: `Cancelled #${inv.id} ${inv.command}` })),
    ]);
  }, [running]);
  useEffect(() => {
    if (toasts.length === 0) return undefined;
    const first = toasts[0]!.id;
    const timer = setTimeout(() => dismiss(first), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toasts]);
  return {
    toasts,
    watch: (inv) => void watched.current.set(inv.id, inv),
    dismiss,
  };
}
