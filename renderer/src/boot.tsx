import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { randomToken } from '../../shared/domain/ids';
import { App } from './App';
import type { ClientSetup } from './api/client';
import type { FirstLoad } from './api/firstLoad';
import { AppStore } from './store/appStore';
import { createTypedJournal, type TypedJournal } from './store/typedJournal';
import { StoreContext } from './store/useAppState';

/** This window's journal of unsaved typing, on localStorage; none when the page may not use it. */
function typedJournal(): TypedJournal | null {
  try {
    return createTypedJournal(window.localStorage, navigator.locks, randomToken());
  } catch {
    return null;
  }
}

/** Mounts the app on #root, with the calls the entry already sent. */
export function boot(setup: ClientSetup, firstLoad: FirstLoad | undefined): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  if (!setup.ok) {
    createRoot(root).render(
      <StrictMode>
        <div className="splash" role="alert">
          <div className="splash-card">
            <h1>Kith needs its access key</h1>
            <p>{setup.message}</p>
          </div>
        </div>
      </StrictMode>,
    );
    return;
  }
  const journal = typedJournal();
  const store = new AppStore(setup.client, journal);
  // A normal close (asked first when typed text is unsaved) leaves nothing to offer back; a crash does.
  window.addEventListener('pagehide', () => journal?.forget());
  store.start(firstLoad);
  createRoot(root).render(
    <StrictMode>
      <StoreContext value={store}>
        <App />
      </StoreContext>
    </StrictMode>,
  );
}
