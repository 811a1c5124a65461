/** Kept for existing imports: the static server lives in src/cli/serve.ts (the benchmark uses it too). */
export * from '../../src/cli/serve.ts';
