/**
 * Inputs for property-based tests of everything that comes from outside
 * (fast-check arbitraries, which shrink a failure to a minimal input), and
 * seeded news-like text for size and speed tests.
 */
import fc from 'fast-check';
import { seededRandom } from '../../src/lib/learner/random.ts';

export const rng = seededRandom;

/** Known nasty inputs, tried before the random ones. */
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "';alert(1);//",
  'javascript:alert(1)',
  '{"__proto__":{"polluted":true}}',
  '%3Cscript%3E',
  '\u0000\uFFFF\uD800',
  '𝕏'.repeat(50),
  'A'.repeat(10_000),
];

/** Characters that matter to URL, JSON and code parsers, plus non-ASCII and emoji. */
const ALPHABET = [...'abc-_=&?%#{}[]":,<>/\\\'` 0123456789\n\tÄé中😀'];

/**
 * Strings a user, a URL or a store could hand us: mostly parser-significant
 * characters, sometimes any code units (lone surrogates included), sometimes a known payload.
 */
export function untrustedString(maxLength = 200): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength }) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 1, arbitrary: fc.constantFrom(...PAYLOADS) },
  );
}

/** The keys stored progress uses, and some it should never trust. */
const KEYS = ['v', 'lessons', 'steps', 'marks', 'checked', 'hints', 'done', 'updated', '__proto__', 'constructor', 'prototype'];

/** JSON-ish values nested a few levels, with the store's own keys mixed in. */
export const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, '', 'x', NaN),
    fc.integer(),
    fc.double(),
    untrustedString(20),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), untrustedString(8)), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const NEWS_WORDS = (
  'the a council said on Tuesday that residents in the northern district would vote next month on plans for a new bridge ' +
  'which engineers say is needed after floods damaged roads and homes last winter and local businesses lost trade for weeks ' +
  'according to reports thousands of massive will certainly wants to regime sources say 3,000 people 12% it is believed likely'
).split(' ');

/** News-like text of `words` words (with cue words mixed in), for size and speed tests. */
export function newsText(words: number, seed: number): string {
  const next = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    out.push(NEWS_WORDS[Math.floor(next() * NEWS_WORDS.length)]);
    if (i % 17 === 16) out.push('.');
    if (i % 120 === 119) out.push('\n\n');
  }
  return out.join(' ').replace(/ \./g, '.');
}
