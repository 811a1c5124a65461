/**
 * Commands run side by side, each through npx (by default `npm test`'s static
 * checks, each mostly one core: the type check, ESLint and the Prettier check),
 * after `astro sync` has written the types they read.
 * Each one's output is printed whole when it ends (none interleaved), except
 * a Vitest run's, which is shown as it goes; the exit code is non-zero when any
 * failed. `npm test` runs the tests beside the checks: on two cores the checks
 * and the browser tests each leave much of the machine idle.
 * Usage: node tests/helpers/static-checks.ts ["command" ...]
 */
import { spawn } from 'node:child_process';

const CHECKS = process.argv.length > 2 ? process.argv.slice(2) : ['astro check', 'eslint .', 'prettier --check .'];

function run(command: string): Promise<{ command: string; code: number; output: string; seconds: number }> {
  const start = performance.now();
  // A test run is long: its progress is shown live (the checks' short outputs come whole, between its lines).
  const live = command.startsWith('vitest');
  return new Promise((resolve) => {
    // Through npx with a shell, as npm scripts run them (and so that it works on Windows too).
    const child = spawn(`npx ${command}`, {
      shell: true,
      env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
      stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ command, code: code ?? 1, output, seconds: (performance.now() - start) / 1000 }));
  });
}

// First, alone: Astro writes the content collections' types (.astro/). ESLint's typed rules read
// them; run side by side with `astro check` (which writes them too), a fresh clone's ESLint saw
// `astro:content` as untyped and failed.
const sync = await run('astro sync');
if (sync.code !== 0) {
  process.stdout.write(`\n> astro sync: FAILED (exit ${sync.code})\n${sync.output}`);
  process.exit(1);
}

let failed = 0;
await Promise.all(
  CHECKS.map(async (c) => {
    const r = await run(c);
    process.stdout.write(
      `\n> ${r.command} (${r.seconds.toFixed(0)} s): ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}\n${r.output}`,
    );
    if (r.code !== 0) failed++;
  }),
);
if (failed) {
  console.error(`\n${failed} of ${CHECKS.length} commands failed.`);
  process.exit(1);
}
