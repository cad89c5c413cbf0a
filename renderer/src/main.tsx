import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './api/client';
import { AppStore } from './store/appStore';
import { StoreContext } from './store/useAppState';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

const setup = createClient();
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
} else {
  const store = new AppStore(setup.client);
  store.start();
  createRoot(root).render(
    <StrictMode>
      <StoreContext value={store}>
        <App />
      </StoreContext>
    </StrictMode>,
  );
}
