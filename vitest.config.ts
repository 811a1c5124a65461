import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order files start in (Vitest's own order within each rank: the longest of the last run
 * first, or the largest file). The build project's one long file (its site builds) and the two
 * page sweeps start first, beside the other browser files; the many short unit files come last,
 * where they fill the gaps. By default the projects run in name order, which left the builds
 * running alone at the end.
 */
class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) =>
      f.project.name === 'build' ? 0 : /\/sweep[^/]*\.test\.ts$/.test(f.moduleId) ? 1 : f.project.name === 'unit' ? 3 : 2;
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    // Two test files at a time in every project. Vitest runs projects with the same maxWorkers
    // as one group, so the unit and build files fill the gaps between the browser files; with the
    // default (cores - 1 = 1 on a 2-core machine) they would run one by one after the browser files.
    maxWorkers: 2,
    sequence: { sequencer: LongFirst },
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
