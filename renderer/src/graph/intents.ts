import type { PersonId } from '../../../shared/domain/model';
import type { AppStore } from '../store/appStore';
import { foldedPeople, hiddenByFilters, keepExpansions } from './scene';
import { sceneOf } from './storeScene';

/**
 * What the user asks of the graph, as store actions: each reads the scene
 * to know what to change, changes the stores in one batch, and may send the
 * graph a command. The graph itself never writes to the stores.
 */

/**
 * Shows a person (a search hit): selected, centred, and drawn on their own
 * even when their group is collapsed. If the filters or the ego view hide
 * them, those go, and a toast says so.
 */
export function focusPerson(store: AppStore, id: PersonId): void {
  store.batch(() => {
    let scene = sceneOf(store);
    if (scene && hiddenByFilters(scene, [id]).length > 0) {
      const name = store.getState().index?.people.get(id)?.name ?? 'them';
      store.view.setEgo(null);
      store.view.clearFilters();
      store.toast({ kind: 'info', message: `Showing everyone again: the filters hid ${name}.` });
      scene = sceneOf(store);
    }
    if (scene) store.view.pin(foldedPeople(scene, [id], store.view.getState().pinned));
    store.select({ kind: 'person', id });
    store.commands.send({ kind: 'focus', person: id });
  });
}

/** Brings these people (a path, a pair to introduce) into view, each drawn on their own. */
export function fitPeople(store: AppStore, ids: readonly PersonId[]): void {
  store.batch(() => {
    const scene = sceneOf(store);
    if (scene) store.view.pin(foldedPeople(scene, ids, store.view.getState().pinned));
    store.commands.send({ kind: 'fit-people', people: ids });
  });
}

/** Opens a group (the oldest open ones close if too many people would be drawn), or closes it when `isOpen`. */
export function toggleGroup(store: AppStore, key: string, isOpen: boolean): void {
  if (isOpen) {
    store.view.collapse(key);
    return;
  }
  const scene = sceneOf(store);
  if (!scene) return;
  store.view.setExpanded(keepExpansions([...scene.expanded.filter((k) => k !== key), key], scene.groups.groups));
}
