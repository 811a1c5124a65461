/**
 * A failed build never publishes half a site. `astro build` writes into a
 * sibling folder (`dist.building/`); only when every other integration has
 * finished (search index, headers, service worker) does it replace `dist/`,
 * by renaming. Any failure before that leaves the previous `dist/` whole, and
 * the half-built folder is removed. Add it LAST in astro.config.mjs.
 */
import type { AstroIntegration } from 'astro';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where a build into `outDir` is written first. */
export function buildingDir(outDir: string): string {
  return `${outDir.replace(/[\\/]+$/, '')}.building`;
}

/**
 * Replace `outDir` with the finished build in `built`. Renames are atomic on
 * one filesystem; where the output folder cannot be renamed (a mount point),
 * it is emptied and filled instead.
 */
export function swapInto(built: string, outDir: string): void {
  const out = outDir.replace(/[\\/]+$/, '');
  const old = `${out}.old-${process.pid}`;
  if (!existsSync(out)) {
    renameSync(built, out);
    return;
  }
  try {
    renameSync(out, old);
  } catch {
    rmSync(out, { recursive: true, force: true });
    cpSync(built, out, { recursive: true });
    rmSync(built, { recursive: true, force: true });
    return;
  }
  renameSync(built, out);
  rmSync(old, { recursive: true, force: true });
}

export function safeOutput(): AstroIntegration {
  let finalOut = '';
  let building = '';
  let done = false; // swapped into place
  return {
    name: 'safe-output',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        if (command !== 'build') return;
        finalOut = fileURLToPath(config.outDir);
        building = buildingDir(finalOut);
        rmSync(building, { recursive: true, force: true }); // left over from a build that was killed
        // A URL, as Astro keeps it after resolving the config (a string here would break its build).
        updateConfig({ outDir: pathToFileURL(`${building}/`) });
      },
      'astro:build:start': () => {
        if (!building) return;
        // Whatever ends the process before the swap, the half-built folder goes with it.
        process.on('exit', () => {
          if (!done) rmSync(building, { recursive: true, force: true });
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!building) return;
        swapInto(fileURLToPath(dir), finalOut);
        done = true;
        logger.info(`site written to ${finalOut}`);
      },
    },
  };
}
