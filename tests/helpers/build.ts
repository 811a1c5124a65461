/** Kept for existing imports: the build helpers live in src/cli/astro-build.ts (the benchmark uses them too). */
export * from '../../src/cli/astro-build.ts';
