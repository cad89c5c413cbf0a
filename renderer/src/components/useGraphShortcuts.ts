import { useEffect } from 'react';
import { GROUPINGS, LAYOUTS } from '../graph/viewOptions';
import type { AppStore } from '../store/appStore';
import { isTypingTarget } from '../store/useShortcuts';

/**
 * The graph's keys (listed in the help sheet): Ctrl/Cmd+F finds, ? shows the
 * sheet, 1–3 pick a layout, G the next grouping, H hides my ties, E opens
 * the ego view of the selection, C collapses, F fits, +/− zoom. Single keys
 * never fire while typing or with a dialog open; Escape steps out of the
 * ego view once nothing is selected (the selection's own Escape comes first).
 */
export function useGraphShortcuts(store: AppStore): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const mod = e.ctrlKey || e.metaKey;
      const view = store.view;
      if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        if (document.querySelector('dialog[open]')) return;
        e.preventDefault();
        view.focusSearch();
        return;
      }
      if (mod || e.altKey || document.querySelector('dialog[open]') || isTypingTarget(e.target)) return;
      if (store.getState().network === null) return;
      const state = view.getState();
      const handled = (run: () => void) => {
        e.preventDefault();
        run();
      };
      switch (e.key) {
        case '?':
          return handled(() => view.setHelpOpen(true));
        case '1':
        case '2':
        case '3':
          return handled(() => view.setLayout(LAYOUTS[Number(e.key) - 1] ?? 'around-me'));
        case 'l':
        case 'L':
          return handled(() => view.relayout());
        case 'g':
        case 'G': {
          const current = state.groupBy ?? state.stats?.groupBy ?? 'none';
          return handled(() => view.setGroupBy(GROUPINGS[(GROUPINGS.indexOf(current) + 1) % GROUPINGS.length] ?? 'none'));
        }
        case 'h':
        case 'H':
          return handled(() => view.setHideMyTies(!state.hideMyTies));
        case 'e':
        case 'E': {
          const sel = store.getState().selection;
          if (state.ego) return handled(() => view.setEgo(null));
          if (sel?.kind === 'person') return handled(() => view.egoOf(sel.id, 1));
          return;
        }
        case 'c':
        case 'C':
          return handled(() => view.collapseAll());
        case 'f':
        case 'F':
          return handled(() => store.requestFit());
        case '+':
        case '=':
          return handled(() => store.zoomBy(1.3));
        case '-':
        case '_':
          return handled(() => store.zoomBy(1 / 1.3));
        case 'Escape':
          if (store.getState().selection) return;
          if (state.multi.size > 0) return handled(() => view.clearMulti());
          if (state.ego) return handled(() => view.setEgo(null));
          return;
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
