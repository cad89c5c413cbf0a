/** Listeners of one store. */
export type Listeners = Set<() => void>;

/**
 * Tells the listeners of the renderer's stores (the AppStore, the ViewStore
 * and the graph's command queue) about changes, once per change, or once for
 * a batch of changes made together: a view that follows several stores never
 * sees one updated and the other not yet (an opened file and the layout it was
 * saved with, a network and the ego view it no longer holds).
 */
export class Changes {
  private depth = 0;
  private readonly pending = new Set<Listeners>();

  /** Calls the listeners now, or at the end of the running batch. */
  notify(listeners: Listeners): void {
    if (this.depth > 0) {
      this.pending.add(listeners);
      return;
    }
    [...listeners].forEach((l) => l());
  }

  /** Runs `change` and tells each listener once afterwards, however many stores it changed. */
  batch<T>(change: () => T): T {
    this.depth += 1;
    try {
      return change();
    } finally {
      this.depth -= 1;
      if (this.depth === 0 && this.pending.size > 0) {
        const calls = new Set<() => void>();
        for (const listeners of this.pending) listeners.forEach((l) => calls.add(l));
        this.pending.clear();
        calls.forEach((l) => l());
      }
    }
  }
}

/** A store's listener set and its subscribe function. */
export function listenerSet(): { listeners: Listeners; subscribe: (listener: () => void) => () => void } {
  const listeners: Listeners = new Set();
  return {
    listeners,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
