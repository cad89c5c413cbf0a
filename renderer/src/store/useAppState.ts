import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppState } from './appState';
import type { AppStore } from './appStore';

export const StoreContext = createContext<AppStore | null>(null);

export function useStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside <StoreContext>');
  return store;
}

/** Subscribes to one slice of the store; the selector must return stored references, not new objects. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
