/** A minimal synchronous listener set: one listener's exception never stops the others. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        console.error('listener failed', err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
