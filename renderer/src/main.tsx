import { createClient } from './api/client';
import { startFirstLoad } from './api/firstLoad';
import './styles/app.css';

/*
 * The entry is small on purpose: it sends the calls the first picture needs,
 * then loads the app (React, Cytoscape, the panels), whose files the page
 * already preloads (see vite.config.ts). The backend reads and sends the
 * network while that code is fetched and compiled.
 */
// The token is stored once the calls are out: the first use of sessionStorage waits on the browser.
const setup = createClient(window, (keep) => setTimeout(keep, 0));
const firstLoad = setup.ok ? startFirstLoad(setup.client) : undefined;
import('./boot').then(
  ({ boot }) => boot(setup, firstLoad),
  (err: unknown) => {
    const root = document.getElementById('root');
    if (root) root.textContent = `Kith could not load its files: ${err instanceof Error ? err.message : String(err)}`;
  },
);
