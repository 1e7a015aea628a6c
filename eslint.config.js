import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { boundariesPlugin } from './lint/importBoundaries.js';

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-output/**', 'bench-output/**', 'platform/viewer/vendor/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The wings meet only through common/, and test support stays out of the product (lint/importBoundaries.js).
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries: boundariesPlugin },
    rules: { 'boundaries/import-boundaries': 'error' },
  },
  {
    // Nothing outside the shell (and the two Electron entries) may import electron, so all else runs in Node.
    files: ['common/**/*.ts', 'main/**/*.ts', 'platform/**/*.ts', 'testSupport/**/*.ts'],
    ignores: ['main/shell/**', 'main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/shell may import electron.' }] },
      ],
    },
  },
  {
    // The renderer is screens only: types from main, never code; no Node.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/platform/**'],
              allowTypeImports: true,
              message: 'The renderer may import only types from main/.',
            },
            { group: ['node:*', 'electron'], message: 'The renderer never touches Node or Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
