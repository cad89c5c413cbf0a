import type { ApiError } from '../../../shared/api/envelope';
import type { Toast } from './appState';
import { StoreCore } from './storeCore';

/** Most toasts shown at once: a new one pushes out the oldest. */
const MAX_TOASTS = 4;

/** Toasts: short messages that go by themselves (errors stay longer, and longer still with an action). */
export class ToastStore extends StoreCore {
  private toastSeq = 0;
  private readonly toastTimers = new Map<number, ReturnType<typeof setTimeout>>();

  /** Shows a toast for `ms` (by default 5 s, 10 s with an action, 12 s for an error); returns its id. */
  toast(toast: Omit<Toast, 'id'>, ms?: number): number {
    const id = ++this.toastSeq;
    const duration = ms ?? (toast.kind === 'error' ? 12_000 : toast.action ? 10_000 : 5_000);
    this.set({ toasts: [...this.state.toasts.slice(-(MAX_TOASTS - 1)), { ...toast, id }] });
    this.toastTimers.set(
      id,
      setTimeout(() => this.dismissToast(id), duration),
    );
    return id;
  }

  dismissToast(id: number): void {
    const timer = this.toastTimers.get(id);
    if (timer) clearTimeout(timer);
    this.toastTimers.delete(id);
    if (this.state.toasts.some((t) => t.id === id)) this.set({ toasts: this.state.toasts.filter((t) => t.id !== id) });
  }

  /** A refusal or failure from the backend: what did not work, the backend's reason, and up to three details. */
  toastError(what: string, error: ApiError): void {
    const detail = error.details && error.details.length > 1 ? error.details.slice(0, 3).join('\n') : undefined;
    this.toast({ kind: 'error', message: `${what}: ${error.message}`, ...(detail ? { detail } : {}) });
  }

  /** No toast goes by itself any more (the store is stopping). */
  protected stopToastTimers(): void {
    this.toastTimers.forEach((t) => clearTimeout(t));
    this.toastTimers.clear();
  }
}
