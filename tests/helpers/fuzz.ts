/** Seeded random inputs for fuzz-style tests: repeatable, bounded. */
import { seededRandom } from '../../src/lib/random.ts';

export const rng = seededRandom;

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

const ALPHABET = 'abc-_=&?%#{}[]":,<>/\\\'` 0123456789\n\tÄé中😀';

export function randomString(next: () => number, max = 200): string {
  const n = Math.floor(next() * max);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return out;
}

/** Random JSON-ish values, nested a few levels. */
export function randomValue(next: () => number, depth = 0): unknown {
  const r = next();
  if (depth > 3 || r < 0.2) return [null, true, 0, -1, 1.5, 2 ** 53, '', 'x', NaN][Math.floor(next() * 9)];
  if (r < 0.4) return randomString(next, 20);
  if (r < 0.7) return Array.from({ length: Math.floor(next() * 5) }, () => randomValue(next, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(next() * 5); i++) o[['v', 'lessons', 'steps', 'marks', 'checked', 'hints', 'done', randomString(next, 8)][Math.floor(next() * 8)]] = randomValue(next, depth + 1);
  return o;
}

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
