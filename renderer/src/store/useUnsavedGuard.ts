import { useEffect } from 'react';
import type { AppStore } from './appStore';

/** Typed text that has not reached the backend (or was refused) makes closing the window ask first. */
export function useUnsavedGuard(store: AppStore): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!store.hasUnsavedTyping()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store]);
}
