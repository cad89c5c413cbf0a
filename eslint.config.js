import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'util', 'worker_threads', 'stream'];

/**
 * Ways for a string to become HTML or code. User strings must never reach
 * them: React text, textContent and attributes are the safe ways.
 */
const SINK_RULES = [
  {
    selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML|srcdoc)$/]',
    message: 'No innerHTML/outerHTML/srcdoc: user strings must never reach HTML unescaped.',
  },
  {
    selector: 'MemberExpression[computed=true][property.value=/^(innerHTML|outerHTML|srcdoc)$/]',
    message: 'No innerHTML/outerHTML/srcdoc, computed or not.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]',
    message: 'No insertAdjacentHTML/createContextualFragment: no HTML parsing of strings.',
  },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]",
    message: 'No document.write/writeln.',
  },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No dangerouslySetInnerHTML.' },
  { selector: "CallExpression[callee.name='eval'], CallExpression[callee.property.name='eval']", message: 'No eval.' },
  {
    selector: "NewExpression[callee.name='Function'], CallExpression[callee.name='Function']",
    message: 'No Function constructor (new Function / Function()).',
  },
  {
    selector: 'CallExpression[callee.name=/^(setTimeout|setInterval)$/][arguments.0.type=/^(Literal|TemplateLiteral|BinaryExpression)$/]',
    message: 'No string code in timers.',
  },
];

/** What every renderer file may not import: Node, Electron, and the other side's code. */
const RENDERER_PATTERNS = [
  {
    group: [...nodeBuiltins, 'electron'],
    message: 'The renderer has no Node and no Electron: talk to the backend through the typed client.',
  },
  { group: ['**/electron/**'], message: 'The renderer imports only renderer/ and shared/.' },
];

/** A renderer folder named by an import from inside renderer/src (`../graph/scene`, `../../components/x`), not shared/'s namesakes. */
const rendererFolder = (...names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

/**
 * The layers inside renderer/src, lowest first: api/ (the client), store/
 * (state and actions), graph/ (the scene and its drawing), keyboard/ (the
 * actions' keys), then components/ and features/ (React views) with App,
 * boot and lazyPanels on top. A layer imports only the layers below it,
 * types included.
 */
const RENDERER_LAYERS = [
  {
    files: ['renderer/src/api/**'],
    above: ['store', 'graph', 'keyboard', 'components', 'features'],
    message: 'api/ is the lowest layer of the renderer: it imports only shared/.',
  },
  {
    files: ['renderer/src/store/**'],
    above: ['graph', 'keyboard', 'components', 'features'],
    message:
      'store/ holds state and actions: it must not import the graph, the keyboard or the views (they read the store, not the other way round).',
  },
  {
    files: ['renderer/src/graph/**'],
    above: ['keyboard', 'components', 'features'],
    message: 'graph/ draws the stores: it must not import the keyboard or the views.',
  },
  {
    files: ['renderer/src/keyboard/**'],
    above: ['components', 'features'],
    message: 'keyboard/ sits below the views: it must not import them.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tmp/**',
      'tests/fixtures/linkedin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', ...SINK_RULES],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node APIs.' },
            { group: ['electron', 'react', 'react-dom', 'cytoscape'], message: 'shared/ is pure: no electron, React or DOM libraries.' },
            { group: ['**/electron/**', '**/renderer/**', '**/tests/**'], message: 'shared/ imports only shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: RENDERER_PATTERNS }],
      // The schemas stay out of the renderer bundle (zod is ~100 kB): types from them are fine, values come from vocabulary.ts.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', '**/shared/domain/model', '**/shared/api/contract/*', '**/shared/data/**'],
              allowTypeImports: true,
              message:
                'Value imports here bundle zod into the renderer: use `import type`, or take constants from shared/domain/vocabulary.',
            },
          ],
        },
      ],
    },
  },
  ...RENDERER_LAYERS.map(({ files, above, message }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...RENDERER_PATTERNS,
            { regex: rendererFolder(...above), message },
            { regex: '^(\\.\\./)+(App|boot|main|lazyPanels)$', message: 'Only the entry files import the app shell.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['electron/backend/**/*.ts', 'electron/cli/**/*.ts', 'electron/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message: 'The backend never imports electron: tests, the CLI and the browser fallback run it in plain Node.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/ipc.ts', 'electron/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...SINK_RULES,
        { selector: "Identifier[name='ipcMain']", message: 'Only electron/main/ipc.ts touches ipcMain.' },
        { selector: "Identifier[name='ipcRenderer']", message: 'Only the preload touches ipcRenderer.' },
      ],
    },
  },
);
