import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/lib/load.ts';

const seedPath = resolve('../shared/seed/staging-up-for-another-assault.txt');

describe('flagship excerpt', () => {
  const lib = loadLibrary(resolve('content'));
  const flagship = lib.excerpts.find((e) => e.slug === 'staging-up-for-another-assault');

  it.skipIf(!existsSync(seedPath))('is the seed article byte for byte', () => {
    expect(flagship?.text).toBe(readFileSync(seedPath, 'utf8'));
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
