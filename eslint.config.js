// ESLint flat config. Besides style and correctness, it enforces the layer rule from
// ARCHITECTURE.md: shared <- runtime <- api <- transports (electron, web) <- preload/renderer.
// Arrows point left only; `electron` may be imported by src/main/electron and src/preload only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (dir) => `./src/${dir}`;

/** Import zones: `target` may not import from `from`. */
const zones = [
  {
    target: layer('shared'),
    from: [layer('main'), layer('preload'), layer('renderer')],
    message: 'src/shared is the contract: it imports nothing from the layers that use it.',
  },
  {
    target: layer('main/runtime'),
    from: [
      layer('main/api'),
      layer('main/web'),
      layer('main/electron'),
      layer('main/supervisor'),
      layer('main/runtime-host'),
      layer('main/cli.ts'),
      layer('preload'),
      layer('renderer'),
    ],
    message: 'The runtime is plain Node and knows no transport or UI (layer rule).',
  },
  {
    target: layer('main/api'),
    from: [
      layer('main/web'),
      layer('main/electron'),
      layer('main/supervisor'),
      layer('main/runtime-host'),
      layer('main/cli.ts'),
      layer('preload'),
      layer('renderer'),
    ],
    message: 'The api router sits below the transports (layer rule).',
  },
  {
    target: [layer('main/web'), layer('main/electron'), layer('main/supervisor'), layer('main/runtime-host')],
    from: [layer('preload'), layer('renderer')],
    message: 'Transports do not import UI code (layer rule).',
  },
  {
    target: layer('main/supervisor'),
    from: [layer('main/runtime-host'), layer('main/electron'), layer('main/cli')],
    message: 'The supervisor only talks to the runtime process through the protocol in src/shared/process.',
  },
  {
    target: [layer('main/runtime-host'), layer('main/web')],
    from: [layer('main/supervisor')],
    message: 'The runtime process and the transports know nothing of the supervisor (layer rule).',
  },
  {
    target: layer('main/web'),
    from: [layer('main/electron')],
    message: 'Browser mode must run without Electron (layer rule).',
  },
  {
    target: [layer('renderer'), layer('preload')],
    from: [layer('main')],
    message: 'The UI talks to the runtime only through the typed contract in src/shared (layer rule).',
  },
  {
    target: layer('rpc-client'),
    from: [layer('main'), layer('shared'), layer('preload'), layer('renderer')],
    message: 'The RPC client stands alone (zeromq only) so outside programs can copy it.',
  },
  {
    target: './commands',
    from: ['./src'],
    message: "Command files import the API from 'cmdsys', never from src/ (the loader provides it).",
  },
];

const noElectron = {
  name: 'electron',
  message:
    'Only src/main/electron and src/preload may import electron: the runtime must run headless (layer rule).',
};

/** Also catch `import('electron')` and `require('electron')`, which no-restricted-imports misses. */
const noElectronDynamic = [
  { selector: "ImportExpression[source.value='electron']", message: noElectron.message },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value='electron']",
    message: noElectron.message,
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'data/**',
      'node_modules/**',
      'bench/results/**',
      'e2e/screenshots/**',
      'test-results/**',
      'playwright-report/**',
      'tests/fixtures/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
      'no-restricted-syntax': ['error', ...noElectronDynamic],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/main/electron/**', 'src/preload/**', 'e2e/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // CommonJS build scripts (electron-builder hooks are loaded with require)
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'import-x/no-nodejs-modules': ['error'],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-nodejs-modules': ['error'],
    },
  },
);
