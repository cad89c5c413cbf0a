import { useCallback, useSyncExternalStore } from 'react';
import type { AppStore } from '../store/appStore';
import { useStore } from '../store/useAppState';
import { createScenes, type Scene } from './scene';

/** Today as `YYYY-MM-DD`, for the age filters and warmth. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

const scenes = new WeakMap<AppStore, ReturnType<typeof createScenes>>();

/** The scene of a store's current state (null without a network), remembered per store so that every reader shares it. */
export function sceneOf(store: AppStore): Scene | null {
  const app = store.getState();
  const file = app.network?.file;
  if (!file) return null;
  let scene = scenes.get(store);
  if (!scene) {
    scene = createScenes();
    scenes.set(store, scene);
  }
  return scene({ file, view: store.view.getState(), selection: app.selection, today: todayIso() });
}

/** Subscribes to one slice of the scene; the selector must return values the scene holds, not new objects. */
export function useScene<T>(selector: (scene: Scene | null) => T): T {
  const store = useStore();
  const subscribe = useCallback(
    (listener: () => void) => {
      const offApp = store.subscribe(listener);
      const offView = store.view.subscribe(listener);
      return () => {
        offApp();
        offView();
      };
    },
    [store],
  );
  return useSyncExternalStore(subscribe, () => selector(sceneOf(store)));
}
