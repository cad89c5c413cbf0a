import { useSyncExternalStore } from 'react';
import { useStore } from './useAppState';
import type { ViewState } from './viewStore';

/** Subscribes to one slice of the view store; the selector must return stored references, not new objects. */
export function useViewState<T>(selector: (state: ViewState) => T): T {
  const view = useStore().view;
  return useSyncExternalStore(view.subscribe, () => selector(view.getState()));
}
