// Lint is where the layers are enforced (the way VS Code and Signal do it): each folder may import
// only from the layers below it. tests/unit/layers.test.ts proves these rules bite.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export const layerRules = {
  shared: {
    paths: [...nodeBuiltins, 'electron', 'react', 'react-dom'].map((name) => ({
      name,
      message: 'shared/ is pure TypeScript: no Node, DOM, React or Electron.',
    })),
    patterns: [
      { group: ['node:*'], message: 'shared/ is pure TypeScript: no Node built-ins.' },
      {
        group: ['**/electron/**', '**/renderer/**'],
        message: 'shared/ must not import from electron/ or renderer/.',
      },
    ],
  },
  core: {
    paths: [
      {
        name: 'electron',
        message: 'electron/core is plain Node: the web shell and tests run it without Electron.',
      },
    ],
    patterns: [{ group: ['**/renderer/**'], message: 'electron/core must not import from renderer/.' }],
  },
  renderer: {
    paths: [
      { name: 'electron', message: 'renderer/ talks to the back end only through the API client.' },
      ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ runs in a browser: no Node built-ins.' })),
    ],
    patterns: [
      { group: ['**/electron/**', '**/electron'], message: 'renderer/ must not import from electron/.' },
      { group: ['node:*'], message: 'renderer/ runs in a browser: no Node built-ins.' },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      '.electron-native/',
      'tests/.artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', layerRules.shared],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'process', 'require', 'Buffer', '__dirname', 'localStorage'].map(
          (name) => ({
            name,
            message: 'shared/ is pure TypeScript: no Node or DOM globals.',
          }),
        ),
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/web/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': ['error', layerRules.core] },
  },
  {
    files: [
      'electron/*.ts',
      'scripts/**/*.{ts,mjs,js}',
      'tests/**/*.ts',
      '*.js',
      '*.ts',
      'build/**/*.{js,mjs,cjs}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['scripts/**/*.{ts,mjs}', 'tests/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': ['error', layerRules.renderer],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
