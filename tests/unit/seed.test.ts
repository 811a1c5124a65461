import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';

const seedPath = resolve('../shared/seed/staging-up-for-another-assault.txt');
/** SHA-256 of the seed article (../shared/seed/staging-up-for-another-assault.txt), so clones without it still check. */
const SEED_SHA256 = '2bcf8a446e911e3e8a2e117a442dd887ea78cfb4234e4055b46791a06c5ea9a6';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('flagship excerpt', () => {
  const lib = loadLibrary(resolve('content'));
  const flagship = lib.excerpts.find((e) => e.slug === 'staging-up-for-another-assault');

  it('is the seed article byte for byte (its checksum, kept here)', () => {
    expect(sha256(flagship!.text)).toBe(SEED_SHA256);
  });

  it('matches the shared seed file itself, where this clone has it beside it', (ctx) => {
    if (!existsSync(seedPath)) {
      ctx.skip(`no ${seedPath} here; the checksum test above covers this clone`);
      return;
    }
    const seed = readFileSync(seedPath, 'utf8');
    expect(sha256(seed)).toBe(SEED_SHA256);
    expect(flagship?.text).toBe(seed);
  });

  it('keeps the curly apostrophes and the headline', () => {
    expect(flagship?.text.startsWith('Syria, Russia, And Iran Are Staging Up For Another Assault On US\n')).toBe(true);
    expect(flagship?.text).toContain('Syria’s 5th Legion');
  });

  it('is annotated under all three lenses, 25 times or more', () => {
    const anns = flagship!.annotations;
    expect(anns.length).toBeGreaterThanOrEqual(25);
    for (const lens of ['sourcing-gap', 'emotive-language', 'unsupported-prediction']) {
      expect(anns.filter((a) => a.lenses.includes(lens as never)).length).toBeGreaterThanOrEqual(8);
    }
    for (const a of anns.filter((x) => x.lenses.includes('sourcing-gap'))) expect(a.check, a.id).toBeTruthy();
    for (const a of anns.filter((x) => x.lenses.length > 1)) expect(a.lensNote, a.id).toBeTruthy();
  });
});
