import { lazy } from 'react';
import { loadFuse } from './graph/search';

/*
 * What the first picture does not need loads on first use: the insights
 * views, the dialogs, the help sheet, the import dialog and the search's
 * typo matching (fuse.js). Each is its own file; `preloadPanels` fetches
 * them all once the window is idle after the first picture, so that
 * opening one later rarely waits. (The triage view
 * stays in the app's file: it takes keys the moment it opens.)
 */
const loaders = {
  paths: () => import('./features/insights/PathsView'),
  reach: () => import('./features/insights/ReachView'),
  opportunities: () => import('./features/insights/OpportunitiesView'),
  intros: () => import('./features/insights/IntroductionsView'),
  style: () => import('./features/insights/StyleView'),
  addPerson: () => import('./components/AddPersonDialog'),
  connect: () => import('./components/ConnectDialog'),
  help: () => import('./components/HelpSheet'),
  importDialog: () => import('./features/import/ImportDialog'),
};

export const PathsView = lazy(() => loaders.paths().then((m) => ({ default: m.PathsView })));
export const ReachView = lazy(() => loaders.reach().then((m) => ({ default: m.ReachView })));
export const OpportunitiesView = lazy(() => loaders.opportunities().then((m) => ({ default: m.OpportunitiesView })));
export const IntroductionsView = lazy(() => loaders.intros().then((m) => ({ default: m.IntroductionsView })));
export const StyleView = lazy(() => loaders.style().then((m) => ({ default: m.StyleView })));
export const AddPersonDialog = lazy(() => loaders.addPerson().then((m) => ({ default: m.AddPersonDialog })));
export const ConnectDialog = lazy(() => loaders.connect().then((m) => ({ default: m.ConnectDialog })));
export const HelpSheet = lazy(() => loaders.help().then((m) => ({ default: m.HelpSheet })));
export const ImportDialog = lazy(() => loaders.importDialog().then((m) => ({ default: m.ImportDialog })));

let preloaded = false;

/** Loads every lazy panel when the window is next idle (once); a failure is ignored here and shows on first use. */
export function preloadPanels(): void {
  if (preloaded) return;
  preloaded = true;
  const run = () => [...Object.values(loaders), loadFuse].forEach((load) => void load().catch(() => undefined));
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 1000);
}
