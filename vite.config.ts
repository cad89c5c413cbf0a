import react from '@vitejs/plugin-react';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';

/**
 * The entry (main.tsx) is small and loads the app (boot.tsx) with a dynamic
 * import, so that it can send the first calls before the app's code has
 * loaded. This puts the app's files in index.html as modulepreload and
 * stylesheet links, so that the browser fetches and compiles them alongside
 * the entry instead of after it.
 */
function preloadApp(): Plugin {
  return {
    name: 'kith-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = new Map<string, (typeof bundle)[string]>(Object.entries(bundle));
        const app = [...chunks.values()].find(
          (c) =>
            c.type === 'chunk' && c.isDynamicEntry && (c.facadeModuleId ?? '').replaceAll('\\', '/').endsWith('/renderer/src/boot.tsx'),
        );
        if (!app || app.type !== 'chunk') throw new Error('kith-preload-app: no chunk for renderer/src/boot.tsx');
        const scripts: string[] = [];
        const styles = new Set<string>();
        const visit = (file: string) => {
          const chunk = chunks.get(file);
          // Entry chunks are in the page already, with their styles.
          if (!chunk || chunk.type !== 'chunk' || chunk.isEntry || scripts.includes(file)) return;
          scripts.push(file);
          chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        const tags: HtmlTagDescriptor[] = [
          ...[...styles].map((href) => ({
            tag: 'link',
            attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` },
            injectTo: 'head' as const,
          })),
          ...scripts.map((href) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${href}` },
            injectTo: 'head' as const,
          })),
        ];
        return tags;
      },
    },
  };
}

/**
 * The files of the first picture whose functions nearly all run for it: the app's own and React's.
 * Cytoscape's runs in part only; hinting it too measured no faster (14 runs each, render bench at 1,000).
 */
const FIRST_PICTURE_CHUNKS = new Set(['boot', 'react']);

/**
 * Marks the first picture's files with V8's compile hint (Chrome 136+,
 * Electron 36+): their functions are compiled on background threads while
 * the files load, instead of one by one on the main thread when first called
 * (most of them run for the first picture). The hint must be the file's
 * first line, so it goes in after Vite's own additions.
 */
function compileHints(): Plugin {
  return {
    name: 'kith-compile-hints',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !FIRST_PICTURE_CHUNKS.has(chunk.name) || chunk.isEntry) continue;
          chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
          // One more line at the top: the source map's lines move down by one.
          if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
        }
      },
    },
  };
}

/** The renderer: built to dist/renderer, loaded from app://kith/ in Electron and from 127.0.0.1 in the browser fallback. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadApp(), compileHints()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // Cytoscape and React in files of their own: the browser parses the app's files side by side, on several threads.
        codeSplitting: {
          groups: [
            { name: 'cytoscape', test: /node_modules[\\/]cytoscape[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
});
