import path from 'node:path';

/** Where the built pieces of the app sit, relative to the folder holding `main.cjs`. */
export interface AppPaths {
  /** `dist/electron`: main.cjs, preload.cjs and worker.cjs. */
  readonly electronDir: string;
  readonly preload: string;
  readonly worker: string;
  /** `dist/renderer`: what `app://kith/` serves. */
  readonly rendererDir: string;
}

export function appPaths(electronDir: string): AppPaths {
  return {
    electronDir,
    preload: path.join(electronDir, 'preload.cjs'),
    worker: path.join(electronDir, 'worker.cjs'),
    rendererDir: path.join(electronDir, '..', 'renderer'),
  };
}

/**
 * The folder of the running bundle. The build emits CommonJS, where `__dirname`
 * exists; the sources are ESM, where it does not, so the check keeps a wrong
 * build from failing in some obscure later place.
 */
export function bundleDir(): string {
  if (typeof __dirname === 'string') return __dirname;
  throw new Error('Kith main must run as the CommonJS bundle dist/electron/main.cjs (no __dirname here)');
}
