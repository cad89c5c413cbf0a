import { build } from 'vite';
import { resolve } from 'node:path';
import { CHANNEL_NAMES, EVENT_NAMES } from '../shared/api/contract/index.js';
import { contractNamesPlugin } from '../electron/preload/contractNamesPlugin.js';

const root = resolve(import.meta.dirname, '..');

/**
 * Builds the renderer (Vite + React) and the Electron side: main, preload and
 * the backend worker as CommonJS bundles in dist/electron. `electron` and
 * Node built-ins stay external; everything else is bundled.
 */
async function main(): Promise<void> {
  await build({ configFile: resolve(root, 'vite.config.ts'), logLevel: 'warn' });
  const entries = [
    { name: 'main', entry: 'electron/main/main.ts' },
    { name: 'preload', entry: 'electron/preload/preload.ts' },
    { name: 'worker', entry: 'electron/backend/worker.ts' },
  ];
  for (const { name, entry } of entries) {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      // The sandboxed preload gets the contract's names inlined instead of zod.
      plugins: name === 'preload' ? [contractNamesPlugin({ channels: CHANNEL_NAMES, events: EVENT_NAMES })] : [],
      build: {
        ssr: resolve(root, entry),
        outDir: resolve(root, 'dist/electron'),
        emptyOutDir: false,
        target: 'node20',
        sourcemap: true,
        minify: false,
        rollupOptions: {
          external: ['electron', /^node:/],
          output: { format: 'cjs', entryFileNames: `${name}.cjs`, codeSplitting: false },
        },
      },
      ssr: { noExternal: true, external: ['electron'] },
    });
  }
  process.stdout.write('Built dist/renderer and dist/electron\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`build failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
