import { app } from 'electron';
import { startKith } from './app.js';
import { appPaths, bundleDir } from './paths.js';

/*
 * Entry of the main process, built to dist/electron/main.cjs. KITH_USER_DATA_DIR
 * gives a launch its own user-data folder (end-to-end tests use it).
 */
const userDataDir = process.env['KITH_USER_DATA_DIR'];

startKith({ paths: appPaths(bundleDir()), ...(userDataDir ? { userDataDir } : {}) }).catch((err: unknown) => {
  console.error('Kith failed to start:', err);
  app.exit(1);
});
