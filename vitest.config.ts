import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two test files at a time in every project. Vitest runs projects with the same maxWorkers
    // as one group, so the unit and build files fill the gaps between the browser files; with the
    // default (cores - 1 = 1 on a 2-core machine) they would run one by one after the browser files.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A few tests start the CLI in a child process: leave room for a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          // Room for a busy machine: passing tests finish as soon as their condition holds.
          testTimeout: 120_000,
          hookTimeout: 300_000,
          expect: { poll: { timeout: 10_000 } },
          // Each file makes its own contexts in the one shared Chromium (global-setup.ts).
        },
      },
    ],
  },
});
