import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { serializeKithFile } from '../../../shared/data/fileFormat.js';
import { generateNetwork } from '../../fixtures/generate/network.js';
import { startKithServer, type KithServer } from './server.js';

/** A synthetic network the size of a real LinkedIn export: 2.3 ties among contacts per person, one community per 100. */
export function scaleNetwork(people: number, seed = 42) {
  return generateNetwork({ people, extraTies: Math.round(people * 2.3), communities: Math.max(3, Math.round(people / 100)), seed });
}

/** Writes a generated network of `people` into a fresh temp folder; returns its path and a cleanup. */
export async function writeBigNetwork(people: number): Promise<{ dir: string; dataPath: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kith-scale-'));
  const dataPath = join(dir, 'kith.json');
  await writeFile(dataPath, serializeKithFile(scaleNetwork(people)));
  return { dir, dataPath, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Starts the browser-fallback server on a pre-made data file of `people`
 * (generated before the server starts, so the first page load reads it).
 */
export async function startBigServer(people: number): Promise<KithServer & { cleanup: () => Promise<void> }> {
  const file = await writeBigNetwork(people);
  const server = await startKithServer({ dataPath: file.dataPath });
  return {
    ...server,
    cleanup: async () => {
      await server.stop();
      await file.cleanup();
    },
  };
}

/** Playwright fixture: `big` is a server on a 5,000-person network, stopped and removed after the test. */
export const test = base.extend<{ big: KithServer }>({
  // eslint-disable-next-line no-empty-pattern
  big: async ({}, use) => {
    const server = await startBigServer(5000);
    try {
      await use(server);
    } finally {
      await server.cleanup();
    }
  },
});

export { expect } from '@playwright/test';
