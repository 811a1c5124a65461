/** Run `astro build` through npm's Node 22 in a child process. */
import { spawnSync } from 'node:child_process';

export interface BuildResult {
  status: number | null;
  output: string;
}

export function astroBuild(opts: { cwd?: string; outDir?: string; env?: Record<string, string> } = {}): BuildResult {
  const args = ['astro', 'build'];
  if (opts.outDir) args.push('--outDir', opts.outDir);
  const r = spawnSync('npx', args, {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...opts.env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}
