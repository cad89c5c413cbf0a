import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { ClientSetup } from './api/client';
import type { FirstLoad } from './api/firstLoad';
import { AppStore } from './store/appStore';
import { StoreContext } from './store/useAppState';

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
  const store = new AppStore(setup.client);
  store.start(firstLoad);
  createRoot(root).render(
    <StrictMode>
      <StoreContext value={store}>
        <App />
      </StoreContext>
    </StrictMode>,
  );
}
