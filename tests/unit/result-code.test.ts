import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/lib/learner/random.ts';
import {
  cleanName,
  decodeResult,
  encodeResult,
  MAX_CODE_LENGTH,
  MESSAGES,
  type Decoded,
  type ResultInput,
} from '../../src/lib/learner/result-code.ts';

const sample: ResultInput = {
  lesson: 'staging-up-for-another-assault',
  fp: 'cx6ast',
  name: 'Ana',
  steps: [
    { id: 'sourcing-gap', found: 7, missed: 3, falseAlarms: 1, missedNumbers: [9, 11, 16], falseAlarmRanges: [[120, 122]] },
    {
      id: 'emotive-language',
      found: 8,
      missed: 2,
      falseAlarms: 2,
      missedNumbers: [3, 21],
      falseAlarmRanges: [
        [30, 31],
        [200, 204],
      ],
    },
    { id: 'unsupported-prediction', found: 9, missed: 3, falseAlarms: 0, missedNumbers: [15, 18, 20], falseAlarmRanges: [] },
    { id: 'control', found: 0, missed: 0, falseAlarms: 1, missedNumbers: [], falseAlarmRanges: [[4, 6]] },
  ],
};

function errorOf(d: Decoded): string {
  expect(d.ok).toBe(false);
  return d.ok ? '' : d.error;
}

const rng = seededRandom;

describe('encodeResult / decodeResult', () => {
  it('round-trips a full result', () => {
    const code = encodeResult(sample);
    expect(code).toMatch(/^RNC1\.[A-Za-z0-9_-]+\.[0-9a-z]{7}$/);
    expect(decodeResult(code)).toEqual({ ok: true, result: sample });
  });

  it('round-trips a Unicode name, cleaned and capped at 40 characters', () => {
    for (const name of ['Zoë Ñúñez', '李小龍', 'محمد', '👩🏽‍🏫 Ms. K', 'O\'Brien, "Jo"']) {
      const d = decodeResult(encodeResult({ ...sample, name }));
      expect(d).toEqual({ ok: true, result: { ...sample, name } });
    }
    const long = '🙂'.repeat(50);
    const d = decodeResult(encodeResult({ ...sample, name: `  ${long}  ` }));
    expect(d.ok && d.result.name).toBe('🙂'.repeat(40));
    expect(cleanName('  a\u0000b\u202e c\n\td  ')).toBe('a b c d');
    expect(cleanName('   ')).toBeUndefined();
    const none = decodeResult(encodeResult({ ...sample, name: '  ' }));
    expect(none.ok && 'name' in none.result).toBe(false);
  });

  it('round-trips empty steps and other step ids', () => {
    const empty: ResultInput = { lesson: 'x', fp: '0', steps: [] };
    expect(decodeResult(encodeResult(empty))).toEqual({ ok: true, result: empty });
    const other: ResultInput = {
      lesson: 'a-b',
      fp: 'abc123',
      steps: [{ id: 'new-lens', found: 1, missed: 0, falseAlarms: 0, missedNumbers: [], falseAlarmRanges: [] }],
    };
    expect(decodeResult(encodeResult(other))).toEqual({ ok: true, result: other });
  });

  it('tolerates what copying adds: surrounding and inner white space, invisible characters, letter case of prefix and check', () => {
    const code = encodeResult(sample);
    const mid = Math.floor(code.length / 2);
    for (const variant of [
      `  ${code}\n`,
      `${code.slice(0, mid)}\n ${code.slice(mid)}`,
      `\u200b${code}\ufeff`,
      code.replace('RNC1', 'rnc1'),
      code.slice(0, -7) + code.slice(-7).toUpperCase(),
    ]) {
      expect(decodeResult(variant)).toEqual({ ok: true, result: sample });
    }
  });

  it('keeps codes short enough to paste, dropping detail lists rather than counts', () => {
    const huge: ResultInput = {
      ...sample,
      steps: ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map((id) => ({
        id: `step-${id}`,
        found: 0,
        missed: 500,
        falseAlarms: 500,
        missedNumbers: Array.from({ length: 500 }, (_, i) => 9000 + i),
        falseAlarmRanges: Array.from({ length: 500 }, (_, i): [number, number] => [50_000 + i * 2, 50_001 + i * 2]),
      })),
    };
    const code = encodeResult(huge);
    expect(code.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
    const d = decodeResult(code);
    expect(d.ok).toBe(true);
    if (d.ok) expect(d.result.steps.map((s) => [s.missed, s.falseAlarms])).toEqual(huge.steps.map(() => [500, 500]));
  });

  it('refuses to encode what no walkthrough makes', () => {
    expect(() => encodeResult({ ...sample, lesson: 'Bad Slug' })).toThrow(/lesson/);
    expect(() => encodeResult({ ...sample, steps: [{ ...sample.steps[0], found: -1 }] })).toThrow(/count/);
    expect(() => encodeResult({ ...sample, steps: [{ ...sample.steps[0], falseAlarmRanges: [[5, 5]] }] })).toThrow(/range/);
    expect(() => encodeResult({ ...sample, steps: [sample.steps[0], sample.steps[0]] })).toThrow(/twice/);
  });
});

describe('decodeResult rejects with a specific message', () => {
  const code = encodeResult(sample);

  it('empty input', () => {
    expect(errorOf(decodeResult(''))).toBe(MESSAGES.empty);
    expect(errorOf(decodeResult('  \n\t '))).toBe(MESSAGES.empty);
    expect(errorOf(decodeResult(undefined as unknown as string))).toBe(MESSAGES.empty);
  });

  it('foreign text and script-like strings', () => {
    for (const s of ['hello', 'Ana: 7 of 10', '<script>alert(1)</script>', 'RNCX.abc.def', 'https://example.org/?RNC1.']) {
      expect(errorOf(decodeResult(s))).toBe(MESSAGES.notCode);
    }
    expect(errorOf(decodeResult('RNC1.<img src=x onerror=alert(1)>.abc'))).toBe(MESSAGES.badChars);
  });

  it('another version', () => {
    expect(errorOf(decodeResult(code.replace('RNC1.', 'RNC2.')))).toMatch(/made by a newer version/);
    expect(errorOf(decodeResult(code.replace('RNC1.', 'RNC0.')))).toMatch(/does not know/);
  });

  it('truncated codes', () => {
    expect(errorOf(decodeResult(code.slice(0, -3)))).toBe(MESSAGES.truncated);
    expect(errorOf(decodeResult(code.slice(0, -8)))).toBe(MESSAGES.truncated);
    expect(errorOf(decodeResult('RNC1.'))).toBe(MESSAGES.truncated);
    expect(errorOf(decodeResult('RNC1'))).toBe(MESSAGES.truncated);
    // Cut in the middle of the payload, with the tail kept: the check catches it.
    expect(errorOf(decodeResult(code.slice(0, 20) + code.slice(-8)))).toBe(MESSAGES.checksum);
  });

  it('a changed payload or check', () => {
    const i = 12;
    const flipped = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
    expect(errorOf(decodeResult(flipped))).toMatch(/changed or not copied completely/);
    const badSum = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    expect(errorOf(decodeResult(badSum))).toMatch(/changed or not copied completely/);
    expect(errorOf(decodeResult(`${code}.x`))).toBe(MESSAGES.malformed);
    expect(errorOf(decodeResult(`${code}0`))).toBe(MESSAGES.malformed);
  });

  it('over-long input before decoding', () => {
    expect(errorOf(decodeResult(`RNC1.${'A'.repeat(MAX_CODE_LENGTH)}.aaaaaaa`))).toBe(MESSAGES.tooLong);
  });

  it('a valid checksum over an invalid payload', () => {
    // Build codes with a correct check around hostile payloads.
    const forge = (json: string) => {
      const payload = Buffer.from(json, 'utf8').toString('base64url');
      let h = 0x811c9dc5;
      for (const ch of `RNC1.${payload}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
      return `RNC1.${payload}.${h.toString(36).padStart(7, '0')}`;
    };
    expect(decodeResult(forge(JSON.stringify(['a', 'b', []])))).toEqual({
      ok: true,
      result: { lesson: 'a', fp: 'b', steps: [] },
    });
    const bad: [string, RegExp][] = [
      ['not json', /damaged/],
      ['{"lesson":"a"}', /not a list/],
      ['["Bad Slug","b",[]]', /lesson name/],
      ['["a","<b>",[]]', /fingerprint/],
      ['["a","b",[],""]', /name/],
      ['["a","b",[]," padded "]', /name/],
      ['["a","b",[],"x\\u0000y"]', /name/],
      [`["a","b",[],"${'x'.repeat(41)}"]`, /name/],
      ['["a","b",[["z",1,0,0,[],[]]]]', /unknown/],
      ['["a","b",[["s",1,0,0,[]]]]', /six parts/],
      ['["a","b",[["s",1.5,0,0,[],[]]]]', /count/],
      ['["a","b",[["s",1,0,0,[1],[]]]]', /missed phrases/],
      ['["a","b",[["s",1,1,0,[0],[]]]]', /missed phrase number/],
      ['["a","b",[["s",1,0,1,[],[5]]]]', /false alarms/],
      ['["a","b",[["s",1,0,1,[],[5,0]]]]', /word range/],
      ['["a","b",[["s",1,0,1,[],[-1,2]]]]', /word range/],
      ['["a","b",[["s",1,0,0,[],[]],["s",1,0,0,[],[]]]]', /twice/],
      [`["a","b",[${Array(51).fill('["s",1,0,0,[],[]]').join(',')}]]`, /more than 50 steps/],
      [`["a","b",[["s",0,300,0,[${Array(201).fill(1).join(',')}],[]]]]`, /missed phrases/],
    ];
    for (const [json, re] of bad) expect(errorOf(decodeResult(forge(json))), json).toMatch(re);
  });
});

describe('decodeResult under fuzzing', () => {
  const next = rng(20240601);
  const pick = (s: string) => s[Math.floor(next() * s.length)];
  const ALPHABET =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.RNC1 \n\t<>"\'&=+/%\u0000\u00e9\u200b\ud83d\ude00\ud800';

  const check = (input: string): Decoded => {
    let d: Decoded | undefined;
    expect(() => (d = decodeResult(input))).not.toThrow();
    if (!d!.ok) expect(d!.error.length).toBeGreaterThan(10);
    return d!;
  };

  it('never throws on 2,000 random strings', () => {
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(next() * 120);
      let s = i % 3 === 0 ? 'RNC1.' : '';
      for (let k = 0; k < len; k++) s += pick(ALPHABET);
      check(s);
    }
  });

  it('never throws on 2,000 mutations of valid codes, and never reads one as a different result', () => {
    const codes = [
      encodeResult(sample),
      encodeResult({ ...sample, name: 'Zoë 李' }),
      encodeResult({ lesson: 'x', fp: '0', steps: [] }),
    ];
    const originals = codes.map((c) => (decodeResult(c) as { result: ResultInput }).result);
    let differentButValid = 0;
    for (let i = 0; i < 2000; i++) {
      const which = i % codes.length;
      let s = codes[which];
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * (s.length + 1));
        const op = Math.floor(next() * 4);
        if (op === 0)
          s = s.slice(0, at) + pick(ALPHABET) + s.slice(at + 1); // replace
        else if (op === 1)
          s = s.slice(0, at) + pick(ALPHABET) + s.slice(at); // insert
        else if (op === 2)
          s = s.slice(0, at) + s.slice(at + 1); // delete
        else s = s.slice(0, at); // truncate
      }
      const d = check(s);
      if (d.ok && JSON.stringify(d.result) !== JSON.stringify(originals[which])) differentButValid++;
    }
    // Only a 32-bit check collision could let a changed code through as another result.
    expect(differentButValid).toBe(0);
  });
});
