import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { readWorkerData, serveBackend } from '../main/backendProtocol.js';
import { createBackend } from './backend.js';

/*
 * Entry of the backend's worker thread (built to dist/electron/worker.cjs).
 * The main process starts it through backendHost.ts so that loading, saving and
 * importing a 30k-person file never blocks the window. No 'electron' here.
 */
if (!isMainThread && parentPort) {
  void serveBackend(parentPort, createBackend, readWorkerData(workerData).dataPath);
}
