import type { GenerationScope } from './loader/generation-scope';

type AnyFn = (...args: never[]) => unknown;

interface Holder<F extends AnyFn> {
  scope: GenerationScope;
  fn: F;
}

interface Slot<F extends AnyFn> {
  /** Command file (scope label) that owns the name. */
  owner: string;
  /** Every live generation's handler; the newest is the one called. */
  holders: Holder<F>[];
  release: () => void;
}

/**
 * Names command files register in registries that refuse duplicates (RPC methods, pipeline
 * middleware). A reload builds a file's new generation completely before it releases the old
 * one, so for a moment both hold the same name: each name is registered once, with a
 * trampoline calling the newest generation's handler, and released with the last generation
 * that holds it. Another file (or the same generation twice) still gets the registry's error.
 */
export class HandoverNames<F extends AnyFn> {
  private readonly slots = new Map<string, Slot<F>>();

  constructor(private readonly registerIn: (name: string, trampoline: F) => () => void) {}

  register(scope: GenerationScope, name: string, fn: F): () => void {
    let slot = this.slots.get(name);
    if (slot && (slot.owner !== scope.label || slot.holders.some((h) => h.scope === scope))) {
      // not a handover: let the registry refuse the duplicate with its own message
      return this.registerIn(name, fn);
    }
    if (!slot) {
      const holders: Holder<F>[] = [];
      const trampoline = ((...args: never[]) => holders.at(-1)!.fn(...args)) as F;
      slot = { owner: scope.label, holders, release: this.registerIn(name, trampoline) };
      this.slots.set(name, slot);
    }
    const holder: Holder<F> = { scope, fn };
    const current = slot;
    current.holders.push(holder);
    return () => {
      const at = current.holders.indexOf(holder);
      if (at < 0) return;
      current.holders.splice(at, 1);
      if (current.holders.length > 0) return;
      if (this.slots.get(name) === current) this.slots.delete(name);
      current.release();
    };
  }
}
