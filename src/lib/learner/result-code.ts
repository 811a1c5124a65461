/**
 * Result codes: a learner's walkthrough outcome as one line of plain text to
 * paste to a teacher. There is no server, so the code carries everything.
 *
 *   RNC1.<payload>.<check>
 *
 * - `RNC1.` names the format and its version.
 * - payload: base64url (no padding) of UTF-8 JSON `[lesson, fp, steps, name?]`,
 *   each step `[id, found, missed, falseAlarms, missedNumbers, ranges]` where
 *   id is s / e / p / c for the four usual steps and ranges is flat
 *   `[a, b - a, a, b - a, ...]`.
 * - check: FNV-1a (32 bit) of `RNC1.` + payload, base 36, 7 characters.
 *
 * The alphabet (letters, digits, `-`, `_`, `.`) survives e-mail, chat and
 * word processors; a changed letter case or a lost tail fails the check.
 * Counts are authoritative; the lists are details and may be shorter (the
 * encoder drops them rather than make an over-long code).
 *
 * decodeResult never throws: anything pasted gets a specific message.
 */

export interface StepOutcome {
  id: string;
  found: number;
  missed: number;
  falseAlarms: number;
  /** Annotation numbers (in the step's excerpt) the learner missed. */
  missedNumbers: number[];
  /** Token ranges [a, b) the learner marked that are not flagged. */
  falseAlarmRanges: [number, number][];
}

export interface ResultInput {
  lesson: string;
  fp: string;
  name?: string;
  steps: StepOutcome[];
}

export type Decoded = { ok: true; result: ResultInput } | { ok: false; error: string };

export const CODE_VERSION = 1;
export const CODE_PREFIX = `RNC${CODE_VERSION}.`;
/** Longest input decodeResult looks at; longer text is rejected unread. */
export const MAX_CODE_LENGTH = 4000;
export const MAX_NAME_LENGTH = 40;
export const MAX_STEPS = 50;
/** Most items in any list (missed numbers, false-alarm ranges). */
export const MAX_ITEMS = 200;
const MAX_COUNT = 9999;
const MAX_NUMBER = 9999;
const MAX_TOKEN = 100_000;
const CHECK_LENGTH = 7;

const SLUG = /^[a-z0-9-]{1,80}$/;
const FP = /^[0-9a-z]{1,16}$/;
const LONG_STEP_ID = /^[a-z][a-z0-9-]{1,79}$/;
/**
 * Wire format, frozen: codes already pasted to teachers use these letters.
 * They are not the lens letters shown on marks (src/lib/content/lenses.ts), and
 * must not follow them if those change; a new letter needs a new CODE_VERSION.
 */
const TO_SHORT: Record<string, string> = {
  'sourcing-gap': 's',
  'emotive-language': 'e',
  'unsupported-prediction': 'p',
  control: 'c',
};
const FROM_SHORT: Record<string, string> = Object.fromEntries(Object.entries(TO_SHORT).map(([k, v]) => [v, k]));

export const MESSAGES = {
  empty: 'This is empty: there is no code to read.',
  tooLong: `This is far too long to be a result code (codes are a few hundred characters; this is over ${MAX_CODE_LENGTH.toLocaleString('en')}).`,
  notCode: 'This is not a result code. Result codes start with “RNC1.”.',
  newer: (v: number) =>
    `This code was made by a newer version of the site (format ${v}). Reload this page to get the newest version, then try again.`,
  unknownVersion: (v: string) => `This code has a format number (“RNC${v}”) this site does not know.`,
  truncated: 'This code looks cut off: its end is missing. Ask the learner to copy the whole code again.',
  badChars: 'This code contains characters that are never part of a result code, so it was changed after it was made.',
  checksum: 'The code was changed or not copied completely: its check letters do not match. Ask the learner to copy it again.',
  malformed: 'This code is damaged and cannot be read. Ask the learner to copy it again.',
  invalid: (why: string) => `This code has the right form but its contents are not valid (${why}).`,
} as const;

// ---------- bytes <-> base64url ----------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Strict: null for a length no encoder makes or a character outside the alphabet. */
function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const c of text) {
    const v = B64_INDEX.get(c);
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** FNV-1a over the UTF-16 code units (the payload is ASCII), base 36. */
function check(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(CHECK_LENGTH, '0');
}

// ---------- names ----------

// Control characters, and the bidi controls that could reorder a table cell.
const NAME_STRIP = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A learner's name as a code stores it: control characters removed, runs of
 * white space made one space, trimmed, at most 40 characters (code points).
 * Undefined when nothing is left.
 */
export function cleanName(name: string | undefined): string | undefined {
  if (typeof name !== 'string') return undefined;
  const cleaned = name.slice(0, 1000).replace(LONE_SURROGATE, '\ufffd').replace(NAME_STRIP, ' ').replace(/\s+/gu, ' ').trim();
  const short = Array.from(cleaned).slice(0, MAX_NAME_LENGTH).join('').trim();
  return short === '' ? undefined : short;
}

// ---------- validation ----------

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** What is wrong with a result, in words, or null if nothing is. */
export function resultProblem(r: ResultInput): string | null {
  if (typeof r.lesson !== 'string' || !SLUG.test(r.lesson)) return 'the lesson name is not valid';
  if (typeof r.fp !== 'string' || !FP.test(r.fp)) return 'the lesson fingerprint is not valid';
  if (r.name !== undefined && (typeof r.name !== 'string' || cleanName(r.name) !== r.name)) return 'the name is not valid';
  if (!Array.isArray(r.steps)) return 'the steps are missing';
  if (r.steps.length > MAX_STEPS) return `there are more than ${MAX_STEPS} steps`;
  const seen = new Set<string>();
  for (const s of r.steps) {
    if (typeof s !== 'object' || s === null) return 'a step is not valid';
    if (typeof s.id !== 'string' || !LONG_STEP_ID.test(s.id)) return 'a step name is not valid';
    if (seen.has(s.id)) return `the step “${s.id}” appears twice`;
    seen.add(s.id);
    if (!isInt(s.found, 0, MAX_COUNT) || !isInt(s.missed, 0, MAX_COUNT) || !isInt(s.falseAlarms, 0, MAX_COUNT))
      return `a count in step “${s.id}” is not a whole number from 0 to ${MAX_COUNT}`;
    if (!Array.isArray(s.missedNumbers) || s.missedNumbers.length > Math.min(s.missed, MAX_ITEMS))
      return `the missed phrases of step “${s.id}” do not match its count`;
    if (!s.missedNumbers.every((n) => isInt(n, 1, MAX_NUMBER))) return `a missed phrase number in step “${s.id}” is not valid`;
    if (!Array.isArray(s.falseAlarmRanges) || s.falseAlarmRanges.length > Math.min(s.falseAlarms, MAX_ITEMS))
      return `the false alarms of step “${s.id}” do not match its count`;
    for (const range of s.falseAlarmRanges) {
      if (!Array.isArray(range) || range.length !== 2) return `a false alarm in step “${s.id}” is not valid`;
      const [a, b] = range;
      if (!isInt(a, 0, MAX_TOKEN - 1) || !isInt(b, a + 1, MAX_TOKEN))
        return `a false alarm in step “${s.id}” is not a valid word range`;
    }
  }
  return null;
}

// ---------- encode ----------

function pack(r: ResultInput): string {
  const steps = r.steps.map((s) => [
    TO_SHORT[s.id] ?? s.id,
    s.found,
    s.missed,
    s.falseAlarms,
    s.missedNumbers,
    s.falseAlarmRanges.flatMap(([a, b]) => [a, b - a]),
  ]);
  const payload = toBase64Url(
    new TextEncoder().encode(JSON.stringify(r.name === undefined ? [r.lesson, r.fp, steps] : [r.lesson, r.fp, steps, r.name])),
  );
  return `${CODE_PREFIX}${payload}.${check(CODE_PREFIX + payload)}`;
}

/**
 * The code for a result. The name is cleaned (see cleanName); lists longer
 * than 200 items are cut, and if the code would still be too long to paste
 * the lists are left out (the counts always stay). Throws only for input no
 * walkthrough can produce (a bad lesson slug, negative counts, ...).
 */
export function encodeResult(r: ResultInput): string {
  const name = cleanName(r.name);
  const steps = (Array.isArray(r.steps) ? r.steps : []).map((s) => ({
    id: s.id,
    found: s.found,
    missed: s.missed,
    falseAlarms: s.falseAlarms,
    missedNumbers: Array.isArray(s.missedNumbers) ? s.missedNumbers.slice(0, MAX_ITEMS) : s.missedNumbers,
    falseAlarmRanges: Array.isArray(s.falseAlarmRanges)
      ? s.falseAlarmRanges.slice(0, MAX_ITEMS).map((x): [number, number] => (Array.isArray(x) ? [x[0], x[1]] : x))
      : s.falseAlarmRanges,
  }));
  const clean: ResultInput = { lesson: r.lesson, fp: r.fp, steps, ...(name === undefined ? {} : { name }) };
  const problem = resultProblem(clean);
  if (problem) throw new TypeError(`encodeResult: ${problem}`);
  let code = pack(clean);
  if (code.length > MAX_CODE_LENGTH) {
    code = pack({ ...clean, steps: clean.steps.map((s) => ({ ...s, falseAlarmRanges: [] })) });
  }
  if (code.length > MAX_CODE_LENGTH) {
    code = pack({ ...clean, steps: clean.steps.map((s) => ({ ...s, falseAlarmRanges: [], missedNumbers: [] })) });
  }
  if (code.length > MAX_CODE_LENGTH) throw new RangeError('encodeResult: the result is too large for a code');
  return code;
}

// ---------- decode ----------

const fail = (error: string): Decoded => ({ ok: false, error });

/** Payload JSON -> ResultInput, or a reason it is not one. */
function unpack(data: unknown): ResultInput | string {
  if (!Array.isArray(data) || data.length < 3 || data.length > 4)
    return 'it is not a list of lesson, fingerprint, steps and name';
  const [lesson, fp, rawSteps, name] = data as unknown[];
  if (typeof lesson !== 'string' || typeof fp !== 'string') return 'the lesson is missing';
  if (!Array.isArray(rawSteps)) return 'the steps are missing';
  if (rawSteps.length > MAX_STEPS) return `there are more than ${MAX_STEPS} steps`;
  if (data.length === 4 && (typeof name !== 'string' || name === '')) return 'the name is not valid';
  const steps: StepOutcome[] = [];
  for (const raw of rawSteps) {
    if (!Array.isArray(raw) || raw.length !== 6) return 'a step does not have its six parts';
    const [short, found, missed, falseAlarms, missedNumbers, flat] = raw as unknown[];
    if (typeof short !== 'string') return 'a step name is not valid';
    const id = short.length === 1 ? FROM_SHORT[short] : short;
    if (id === undefined) return `the step “${short}” is unknown`;
    if (!Array.isArray(missedNumbers) || !Array.isArray(flat)) return `a list in step “${id}” is missing`;
    if (flat.length % 2 !== 0 || flat.length > 2 * MAX_ITEMS) return `the false alarms of step “${id}” are not valid`;
    const ranges: [number, number][] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const a: unknown = flat[i];
      const len: unknown = flat[i + 1];
      if (!isInt(a, 0, MAX_TOKEN) || !isInt(len, 1, MAX_TOKEN)) return `a false alarm in step “${id}” is not a valid word range`;
      ranges.push([a, a + len]);
    }
    steps.push({
      id,
      found: found as number,
      missed: missed as number,
      falseAlarms: falseAlarms as number,
      missedNumbers: missedNumbers as number[],
      falseAlarmRanges: ranges,
    });
  }
  const result: ResultInput = { lesson, fp, steps, ...(data.length === 4 ? { name: name as string } : {}) };
  return resultProblem(result) ?? result;
}

/** Read a pasted result code. Never throws; the error is a sentence for a teacher. */
export function decodeResult(code: string): Decoded {
  try {
    if (typeof code !== 'string') return fail(MESSAGES.empty);
    if (code.length > MAX_CODE_LENGTH) return fail(MESSAGES.tooLong);
    // Line wrapping and chat apps may insert spaces or invisible characters; the code has none.
    const text = code.replace(/[\s\u200b-\u200d\u2060\ufeff]+/gu, '');
    if (text === '') return fail(MESSAGES.empty);

    const head = /^RNC(\d*)(\.?)/i.exec(text);
    if (!head) return fail(MESSAGES.notCode);
    if (head[1] === '' || head[2] === '') return fail(head[0].length === text.length ? MESSAGES.truncated : MESSAGES.notCode);
    const version = Number(head[1]);
    if (version !== CODE_VERSION)
      return fail(
        version > CODE_VERSION && head[1].length < 6 ? MESSAGES.newer(version) : MESSAGES.unknownVersion(head[1].slice(0, 6)),
      );

    const parts = text.slice(head[0].length).split('.');
    if (parts.length > 2) return fail(MESSAGES.malformed);
    const [payload, sum = ''] = parts;
    if (!/^[A-Za-z0-9_-]*$/.test(payload) || !/^[0-9a-z]*$/i.test(sum)) return fail(MESSAGES.badChars);
    if (payload === '' || sum.length < CHECK_LENGTH) return fail(MESSAGES.truncated);
    if (sum.length > CHECK_LENGTH) return fail(MESSAGES.malformed);
    if (check(CODE_PREFIX + payload) !== sum.toLowerCase()) return fail(MESSAGES.checksum);

    const bytes = fromBase64Url(payload);
    if (!bytes) return fail(MESSAGES.malformed);
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
    } catch {
      return fail(MESSAGES.malformed);
    }
    const result = unpack(data);
    return typeof result === 'string' ? fail(MESSAGES.invalid(result)) : { ok: true, result };
  } catch {
    // Not reachable with well-behaved built-ins; a teacher still gets a sentence.
    return fail(MESSAGES.malformed);
  }
}
