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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron'],
              message: 'The renderer has no Node and no Electron: talk to the backend through the typed client.',
            },
            { group: ['**/electron/**'], message: 'The renderer imports only renderer/ and shared/.' },
          ],
        },
      ],
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
