import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer: built to dist/renderer, loaded from app://kith/ in Electron and from 127.0.0.1 in the browser fallback. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
});
