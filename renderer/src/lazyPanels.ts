import { lazy } from 'react';
import { INSIGHT_VIEWS } from './features/insights/registry';
import { loadFuse } from './graph/search';

/*
 * What the first picture does not need loads on first use: the insights
 * views (features/insights/registry.ts), the dialogs, the help sheet, the
 * import dialog and the search's typo matching (fuse.js). Each is its own
 * file; `preloadPanels` fetches them all once the window is idle after the
 * first picture, so that opening one later rarely waits. (The triage view
 * stays in the app's file: it takes keys the moment it opens.)
 */
const loaders = {
  addPerson: () => import('./components/AddPersonDialog'),
  connect: () => import('./components/ConnectDialog'),
  help: () => import('./components/HelpSheet'),
  importDialog: () => import('./features/import/ImportDialog'),
};

export const AddPersonDialog = lazy(() => loaders.addPerson().then((m) => ({ default: m.AddPersonDialog })));
export const ConnectDialog = lazy(() => loaders.connect().then((m) => ({ default: m.ConnectDialog })));
export const HelpSheet = lazy(() => loaders.help().then((m) => ({ default: m.HelpSheet })));
export const ImportDialog = lazy(() => loaders.importDialog().then((m) => ({ default: m.ImportDialog })));

let preloaded = false;

/** Loads every lazy panel when the window is next idle (once); a failure is ignored here and shows on first use. */
export function preloadPanels(): void {
  if (preloaded) return;
  preloaded = true;
  const run = () =>
    [...Object.values(loaders), ...INSIGHT_VIEWS.map((v) => v.load), loadFuse].forEach((load) => void load().catch(() => undefined));
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 1000);
}
