import type { ActionId } from '../../../shared/ui/actions';
import { sceneOf } from '../graph/storeScene';
import type { AppStore } from '../store/appStore';
import { GROUPINGS, LAYOUTS, type LayoutName } from '../store/viewOptions';

/** What an action does in the window; its keys, label and menu place are in shared/ui/actions.ts. */
export interface ActionPerform {
  /** Whether it means anything now (a selection to delete, a network to lay out); otherwise the key is left alone. */
  readonly when: (store: AppStore) => boolean;
  readonly perform: (store: AppStore) => void;
}

const hasNetwork = (store: AppStore) => store.getState().network !== null;
const always = () => true;

const layout = (name: LayoutName): ActionPerform => ({ when: hasNetwork, perform: (store) => store.view.setLayout(name) });

/**
 * Every keyboard action's `when` and `perform`, one per id of the shared
 * table (a missing one fails the typecheck). The shortcuts and the menu both
 * run actions from here.
 */
export const PERFORM: Readonly<Record<ActionId, ActionPerform>> = {
  find: { when: always, perform: (store) => store.view.focusSearch() },
  help: { when: hasNetwork, perform: (store) => store.view.setHelpOpen(true) },
  'layout-around-me': layout(LAYOUTS[0]),
  'layout-force': layout(LAYOUTS[1]),
  'layout-clusters': layout(LAYOUTS[2]),
  relayout: { when: hasNetwork, perform: (store) => store.view.relayout() },
  'next-grouping': {
    when: hasNetwork,
    perform: (store) => {
      const current = store.view.getState().groupBy ?? sceneOf(store)?.stats.groupBy ?? 'none';
      store.view.setGroupBy(GROUPINGS[(GROUPINGS.indexOf(current) + 1) % GROUPINGS.length] ?? 'none');
    },
  },
  'hide-my-ties': { when: hasNetwork, perform: (store) => store.view.setHideMyTies(!store.view.getState().hideMyTies) },
  'ego-view': {
    when: (store) => hasNetwork(store) && (store.view.getState().ego !== null || store.getState().selection?.kind === 'person'),
    perform: (store) => {
      const sel = store.getState().selection;
      if (store.view.getState().ego) store.view.setEgo(null);
      else if (sel?.kind === 'person') store.view.egoOf(sel.id, 1);
    },
  },
  'collapse-groups': { when: hasNetwork, perform: (store) => store.view.collapseAll() },
  fit: { when: hasNetwork, perform: (store) => store.commands.send({ kind: 'fit' }) },
  'zoom-in': { when: hasNetwork, perform: (store) => store.commands.send({ kind: 'zoom', factor: 1.3 }) },
  'zoom-out': { when: hasNetwork, perform: (store) => store.commands.send({ kind: 'zoom', factor: 1 / 1.3 }) },
  undo: { when: always, perform: (store) => void store.undo() },
  redo: { when: always, perform: (store) => void store.redo() },
  delete: { when: (store) => store.getState().selection !== null, perform: (store) => void store.deleteSelection() },
  clear: {
    when: (store) => {
      const vs = store.view.getState();
      return store.getState().selection !== null || vs.multi.size > 0 || vs.ego !== null;
    },
    perform: (store) => {
      if (store.getState().selection) store.select(null);
      else if (store.view.getState().multi.size > 0) store.view.clearMulti();
      else store.view.setEgo(null);
    },
  },
};
