// @ts-check
/**
 * ESLint (flat config): typed typescript-eslint rules for TypeScript, and
 * eslint-plugin-astro for components. `npm run lint`.
 * Formatting is Prettier's job (.prettierrc.json), not ESLint's.
 */
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'tests/.tmp/', '.astro/', 'node_modules/', 'public/'] },
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      // Node for the build, CLI and tests; browser for src/scripts and page scripts (and page.evaluate bodies in tests).
      globals: { ...globals.node, ...globals.browser },
    },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Tests and the DOM code use `!` where an earlier check or the page's markup guarantees the value.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests read JSON the pages and files produce (typed `any`) and assert its shape at run time,
    // and their fakes implement async browser APIs without awaiting anything.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  astro.configs.recommended,
  {
    // Components and the scripts inside them are checked without type information
    // (the type checker for .astro files is `astro check`); so are the config files.
    files: ['**/*.astro', '**/*.astro/*.ts', '**/*.astro/*.js', '*.config.js', '*.config.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
