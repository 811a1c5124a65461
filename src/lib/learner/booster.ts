/**
 * Spaced review ("boosters"): a few days after a learner finishes a lesson,
 * a short set of phrases from its texts asks "Which lens, or nothing?".
 * Everything here is pure: the schedule, which lessons are due, building a
 * set (with an injected random source, so tests are deterministic), grading,
 * the saved state, and, at build time, the items themselves.
 *
 * The schedule is per lesson: the first booster is due INTERVAL_DAYS[0] days
 * after the lesson was done, each later one INTERVAL_DAYS[n] days after the
 * previous booster. After the last interval the lesson is not asked again.
 */
import { isObj, readVersioned, SAFE_KEY } from './stored.ts';
import { LENS_IDS, LENSES, isLensId, type LensId } from '../content/lenses.ts';
import { findExcerpt } from '../content/lookup.ts';
import type { Progress } from './progress.ts';
import type { AnchoredAnnotation, Excerpt, Library } from '../content/validate.ts';

export const BOOSTER_VERSION = 1;
/** Days from the lesson (then from each booster) to the next booster. */
export const INTERVAL_DAYS = [3, 7, 21] as const;
export const DAY_MS = 86_400_000;
export const SET_MIN = 6;
export const SET_MAX = 10;
export const SET_SIZE = 8;
/** What the notice promises; a set of 8 takes about this long. */
export const SET_MINUTES = 3;
/** Completed boosters kept in the saved state (newest last). */
export const MAX_RUNS = 30;

export type Answer = LensId | 'nothing';

export const ANSWERS: readonly { value: Answer; label: string }[] = /* @__PURE__ */ (() => [
  ...LENS_IDS.map((l) => ({ value: l, label: LENSES[l].label })),
  { value: 'nothing' as const, label: 'Nothing to flag' },
])();

export function isAnswer(v: unknown): v is Answer {
  return v === 'nothing' || isLensId(v);
}

// ---------------------------------------------------------------- items

export interface BoosterItem {
  /** Stable id: `<excerpt>/<annotation>` for flagged phrases, `<excerpt>@<start>` for plain ones. */
  id: string;
  /** Lesson slug. */
  lesson: string;
  /** Main text or control passage of the lesson. */
  source: 'main' | 'control';
  /** The phrase, exactly as in the text. */
  text: string;
  /** The rest of its sentence, for context (may start or end with "…"). */
  before: string;
  after: string;
  /** The lenses that fit; empty when there is nothing to flag. */
  lenses: LensId[];
  /** Why: the annotation's note, or why the words are fine. */
  note: string;
  /** A tempting "nothing to flag" phrase (an accurate strong word, a quoted feeling, a hedged sourced forecast). */
  tempting?: boolean;
}

export interface BoosterLesson {
  slug: string;
  title: string;
  items: BoosterItem[];
}

export interface BoosterItemsFile {
  v: typeof BOOSTER_VERSION;
  lessons: BoosterLesson[];
}

export const PLAIN_NOTE_MAIN =
  'Nothing to flag. No annotation in this lesson covers these words: they carry no claim that needs a named source, ' +
  'no word picked to stir a feeling and no forecast. Even a slanted article is mostly ordinary wording, and flagging ' +
  'everything is a mistake too.';
export const PLAIN_NOTE_CONTROL =
  'Nothing to flag. These words come from the control passage, a calm report in which claims are attributed and ' +
  'forecasts are hedged. Noticing what is done well is part of reading closely.';

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const wordSet = (list: string) => new Set(list.split(/\s+/).filter(Boolean));
let lists: { edge: Set<string>; taint: Set<string>; signal: Set<string> } | undefined;

/**
 * The word lists plain phrases are checked against, built on first use (so
 * the browser bundle, which never builds items, leaves them out).
 * - edge: words a phrase should not begin or end on: it would start or stop mid-phrase.
 * - taint: forecasts, certainty and strong feeling: a sentence with one of
 *   these is not a source of plain phrases.
 * - signal: the above, plus attribution, vague groups and numbers. A plain
 *   phrase contains none of them, so a "nothing to flag" item is not an
 *   unmarked borderline case.
 */
function wordLists() {
  if (!lists) {
    const taint = wordSet(`
  will would could may might must should shall can cannot likely unlikely certain certainly surely sure assuredly
  definitely clearly obviously undoubtedly probably inevitably inevitable expect expected expects predict predicted
  predicts prediction forecast forecasts soon future going bound destined never always everyone everybody nobody nothing
  everything anything anyone anybody all every only just even very really massive huge enormous shocking terrible
  horrific disaster chaos crisis brutal brutally deadly killer miracle amazing incredible fear fears feared threat
  threaten threatens danger dangerous warn warned warns want wants wanted hope hopes hoped seems seem apparently
  revealed reveal reveals secret secretly forget simple simply obvious clear`);
    const signal = wordSet(`
  according report reports reported reportedly said says say saying told claim claims claimed alleged allegedly source
  sources official officials insider insiders expert experts analyst analysts critics some many most people believe
  believed believes statement study studies research data figure figures percent per cent cents million millions billion
  billions thousand thousands hundreds dozens plan plans planned economists scientists researchers doctors observers
  commentators campaigners activists residents locals witnesses authorities one two three four five six seven eight nine
  ten eleven twelve twenty fifty hundred dozen half third quarter doubled tripled quadrupled halved`);
    for (const w of taint) signal.add(w);
    lists = {
      edge: wordSet(`
  a an and as at be been but by for from had has have he her his if in into is it its no nor not of on or our over
  she since so than that the their them then there these they this those to under up was we were when which while who
  whom whose with also near after before about within without against through between among toward towards across
  behind beyond upon onto via because whether though although where how what why until unless both either neither each
  any such other own more less few much being do does did i you my your me us him above below`),
      taint,
      signal,
    };
  }
  return lists;
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Sentences of a block: spans ending after . ! or ? (and a closing quote) before white space. */
export function sentences(text: string, block: Span): Span[] {
  const out: Span[] = [];
  const re = /[.!?]+["”’)]*(?=\s|$)/g;
  const slice = text.slice(block.start, block.end);
  let start = 0;
  for (const m of slice.matchAll(re)) {
    const end = m.index + m[0].length;
    if (slice.slice(start, end).trim()) out.push({ start: block.start + start, end: block.start + end });
    start = end;
    while (start < slice.length && /\s/.test(slice[start])) start++;
  }
  if (start < slice.length && slice.slice(start).trim()) out.push({ start: block.start + start, end: block.end });
  return out;
}

/** The sentences of a block of an excerpt, split once per block: every item and phrase of the excerpt asks. */
function sentencesOf(text: string, block: Span): Span[] {
  const cached = blockSentences.get(block);
  if (cached?.text === text) return cached.spans;
  const spans = sentences(text, block);
  blockSentences.set(block, { text, spans });
  return spans;
}
const blockSentences = new WeakMap<Span, { text: string; spans: Span[] }>();

/** Cut a context string to about `max` characters at a word boundary. */
function clip(s: string, max: number, fromStart: boolean): string {
  const flat = s.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  if (fromStart) {
    const cut = flat.slice(flat.length - max);
    const sp = cut.indexOf(' ');
    return `…${sp >= 0 ? cut.slice(sp) : cut}`;
  }
  const cut = flat.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return `${sp > 0 ? cut.slice(0, sp) : cut}…`;
}

/** The sentence around a span, split into the text before and after it. */
export function sentenceContext(
  excerpt: Pick<Excerpt, 'text' | 'blocks'>,
  span: Span,
  max = 140,
): { before: string; after: string } {
  const { text, blocks } = excerpt;
  const sentenceAt = (pos: number) => {
    const block = blocks.find((b) => pos >= b.start && pos <= b.end) ?? { start: 0, end: text.length };
    return sentencesOf(text, block).find((s) => pos >= s.start && pos <= s.end) ?? block;
  };
  const first = sentenceAt(span.start);
  const last = sentenceAt(Math.max(span.start, span.end - 1));
  return {
    before: clip(text.slice(first.start, span.start), max, true).replace(/^\s+/, ''),
    after: clip(text.slice(span.end, last.end), max, false).replace(/\s+$/, ''),
  };
}

/** Plain phrases keep this many characters away from any annotation. */
const NEAR = 12;

interface Word extends Span {
  ok: boolean;
  /** The word in lower case. */
  lower: string;
}

/**
 * How a candidate plain phrase is scored (highest wins): whole clauses, 4 or
 * 5 words, names kept whole, and near the middle of its run of usable words.
 */
const PHRASE_SCORE = {
  /** The phrase ends at punctuation (the end of a clause). */
  endsAtPunctuation: 2,
  /** The phrase starts at punctuation or the start of the sentence. */
  startsAtPunctuation: 1,
  /** By length, from 2 to 6 words. */
  byLength: [-2, 0, 1, 1, 0] as readonly number[],
  /** The phrase cuts a capitalised name in two. */
  splitsName: -3,
  /** Each word of distance from the middle of the run costs 1 / this. */
  offCentreDivisor: 100,
} as const;

/** Fewest words in a plain phrase (one fewer in a sentence of under SHORT_SENTENCE words). */
const MIN_PHRASE_WORDS = 3;
const SHORT_SENTENCE = 6;
const MAX_PHRASE_WORDS = 6;

type WordLists = ReturnType<typeof wordLists>;

/**
 * A rarer word the annotators flagged stays suspect where it comes back
 * unmarked ("apocalypse" in a headline and again in the text).
 */
function flaggedWordsOf(text: string, annotations: readonly Span[], edge: WordLists['edge']): Set<string> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return new Set(
    annotations
      .flatMap((a) => [...text.slice(a.start, a.end).matchAll(WORD)].map((m) => m[0].toLowerCase()))
      .filter((w) => w.length > 3 && !edge.has(w) && (counts.get(w) ?? 0) <= 3),
  );
}

/**
 * Where words would sit too near a flagged phrase: one pass over the annotations
 * instead of testing every word against every annotation.
 */
function nearAnnotations(text: string, anns: readonly Span[]): (start: number, end: number) => boolean {
  const near = new Uint8Array(text.length + 1);
  for (const a of anns) near.fill(1, Math.max(0, a.start - NEAR), Math.min(text.length, a.end + NEAR));
  // before[i]: how many of the first i places are near; a span is near when its count is not zero.
  const before = new Uint32Array(near.length + 1);
  for (let i = 0; i < near.length; i++) before[i + 1] = before[i] + near[i];
  const at = (i: number) => before[Math.max(0, Math.min(i, near.length))];
  return (start, end) => end > start && at(end) - at(start) > 0;
}

/** The sentence's words, each marked usable in a plain phrase or not. */
function sentenceWords(
  text: string,
  sentence: Span,
  signal: WordLists['signal'],
  flaggedWords: ReadonlySet<string>,
  nearFlag: (start: number, end: number) => boolean,
): Word[] {
  return [...text.slice(sentence.start, sentence.end).matchAll(WORD)].map((m) => {
    const start = sentence.start + m.index;
    const end = start + m[0].length;
    const word = m[0].toLowerCase();
    const lower = word.replace(/’/g, "'");
    const ok =
      !/\d/.test(m[0]) &&
      !signal.has(lower) &&
      !flaggedWords.has(word) &&
      !signal.has(lower.replace(/'s$/, '')) &&
      /^\s?$/.test(text[start - 1] ?? '') &&
      /^[\s.,;:!?)…]?$/.test(text[end] ?? '') &&
      !nearFlag(start, end);
    return { start, end, ok, lower: word };
  });
}

/** The best plain phrase of a sentence's words, or null. */
function bestPhrase(
  text: string,
  words: readonly Word[],
  edge: WordLists['edge'],
): { span: Span; len: number; score: number } | null {
  let best: { span: Span; len: number; score: number } | null = null;
  const cap = (w: Word | undefined) => w !== undefined && /^\p{Lu}/u.test(text.slice(w.start, w.end));
  const lower = (w: Word) => w.lower;
  const gap = (x: number, y: number) => text.slice(words[x].end, words[y].start);
  // Maximal runs of usable words joined by single spaces.
  let i = 0;
  while (i < words.length) {
    if (!words[i].ok) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < words.length && words[j + 1].ok && text.slice(words[j].end, words[j + 1].start) === ' ') j++;
    for (let len = 2; len <= Math.min(MAX_PHRASE_WORDS, j - i + 1); len++) {
      for (let a = i; a + len - 1 <= j; a++) {
        const z = a + len - 1;
        if (edge.has(lower(words[a])) || edge.has(lower(words[z]))) continue;
        // Cut only where a clause or phrase starts: at punctuation or next to a function word.
        const openStart = a === 0 || gap(a - 1, a) !== ' ';
        const openEnd = z === words.length - 1 || gap(z, z + 1) !== ' ';
        if (!openStart && !edge.has(lower(words[a - 1]))) continue;
        if (!openEnd && !edge.has(lower(words[z + 1]))) continue;
        let score =
          (openEnd ? PHRASE_SCORE.endsAtPunctuation : 0) +
          (openStart ? PHRASE_SCORE.startsAtPunctuation : 0) +
          (PHRASE_SCORE.byLength[len - 2] ?? 0);
        if ((cap(words[a]) && cap(words[a - 1])) || (cap(words[z]) && cap(words[z + 1]))) score += PHRASE_SCORE.splitsName;
        score -= Math.abs(a + (len - 1) / 2 - (i + j) / 2) / PHRASE_SCORE.offCentreDivisor;
        if (!best || score > best.score) best = { span: { start: words[a].start, end: words[z].end }, len, score };
      }
    }
    i = j + 1;
  }
  return best;
}

/** k items spread evenly through the list (all of it when it is short). */
function spread(list: Span[], k: number): Span[] {
  if (k <= 0 || list.length === 0) return [];
  if (list.length <= k) return list;
  if (k === 1) return [list[Math.floor((list.length - 1) / 2)]];
  return Array.from({ length: k }, (_, n) => list[Math.round((n * (list.length - 1)) / (k - 1))]);
}

/**
 * Short plain phrases (2 to 6 words, usually 3 to 5) that no annotation
 * covers: within one sentence, separated only by single spaces, not next to
 * quotation marks, with no digits and no signal words, not starting or ending
 * on a function word, cut where a phrase starts or ends. At most one per
 * sentence; sentences without any annotation come first (and with
 * `onlyUnmarkedSentences`, only those); picks are spread evenly through the text.
 * Deterministic: the same text and annotations give the same phrases.
 */
export function plainPhrases(
  excerpt: Pick<Excerpt, 'text' | 'blocks' | 'meta' | 'annotations'> & Partial<Pick<Excerpt, 'defensible'>>,
  count: number,
  { onlyUnmarkedSentences = false } = {},
): Span[] {
  const { edge, taint, signal } = wordLists();
  const { text } = excerpt;
  // A phrase the lesson calls fair to flag (alsoDefensible) is never offered as "nothing to flag".
  const anns: Span[] = [...excerpt.annotations, ...(excerpt.defensible ?? [])];
  const blocks = excerpt.meta.headline ? excerpt.blocks.slice(1) : excerpt.blocks;
  const flaggedWords = flaggedWordsOf(text, anns, edge);
  const nearFlag = nearAnnotations(text, anns);
  const clean: Span[] = [];
  const touched: Span[] = [];
  for (const block of blocks) {
    for (const sentence of sentencesOf(text, block)) {
      const annotated = anns.some((a) => overlaps(a, sentence));
      // A sentence with an annotation could only give a "touched" phrase, which is then not wanted.
      if (annotated && onlyUnmarkedSentences) continue;
      const words = sentenceWords(text, sentence, signal, flaggedWords, nearFlag);
      const best = bestPhrase(text, words, edge);
      if (!best || best.len < MIN_PHRASE_WORDS - (words.length < SHORT_SENTENCE ? 1 : 0)) continue;
      const marked = annotated || words.some((w) => flaggedWords.has(w.lower) || taint.has(w.lower));
      (marked ? touched : clean).push(best.span);
    }
  }
  const picked = [
    ...spread(clean, count),
    ...(onlyUnmarkedSentences ? [] : spread(touched, count - Math.min(count, clean.length))),
  ];
  return picked.sort((a, b) => a.start - b.start);
}

function flaggedItem(lesson: string, source: 'main' | 'control', excerpt: Excerpt, a: AnchoredAnnotation): BoosterItem {
  return {
    id: `${excerpt.slug}/${a.id}`,
    lesson,
    source,
    text: a.text,
    ...sentenceContext(excerpt, a),
    lenses: [...a.lenses],
    note: a.note,
  };
}

function plainItem(lesson: string, source: 'main' | 'control', excerpt: Excerpt, span: Span): BoosterItem {
  return {
    id: `${excerpt.slug}@${span.start}`,
    lesson,
    source,
    text: excerpt.text.slice(span.start, span.end),
    ...sentenceContext(excerpt, span),
    lenses: [],
    note: source === 'control' ? PLAIN_NOTE_CONTROL : PLAIN_NOTE_MAIN,
  };
}

/** A phrase that looks flaggable but is fine (excerpt frontmatter `nothingToFlag:`). */
function temptingItem(
  lesson: string,
  source: 'main' | 'control',
  excerpt: Excerpt,
  span: Span & { reason: string },
): BoosterItem {
  return {
    ...plainItem(lesson, source, excerpt, span),
    note: `Nothing to flag. ${span.reason}`,
    tempting: true,
  };
}

/** Every lesson's booster items (served at /boosters/items.json). */
export function boosterItems(lib: Library, plainMain = 4, plainControl = 3): BoosterItemsFile {
  return {
    v: BOOSTER_VERSION,
    lessons: lib.lessons.map((lesson) => {
      const items: BoosterItem[] = [];
      for (const [slug, source, plain] of [
        [lesson.data.excerpt, 'main', plainMain],
        [lesson.data.control, 'control', plainControl],
      ] as const) {
        const excerpt = findExcerpt(lib, slug);
        if (!excerpt) continue;
        // Judgement calls (`scored: false`) have no single right lens, so they are not asked.
        for (const a of excerpt.annotations) if (a.scored !== false) items.push(flaggedItem(lesson.slug, source, excerpt, a));
        for (const f of excerpt.fine) items.push(temptingItem(lesson.slug, source, excerpt, f));
        // In a main text an unmarked phrase next to a marked one may share its problem: use whole unmarked sentences only.
        const spans = plainPhrases(excerpt, plain, { onlyUnmarkedSentences: source === 'main' });
        for (const span of spans) items.push(plainItem(lesson.slug, source, excerpt, span));
      }
      return { slug: lesson.slug, title: lesson.data.title, items };
    }),
  };
}

const isStr = (v: unknown): v is string => typeof v === 'string';

/** Items as fetched: anything malformed is dropped. */
export function sanitizeItems(raw: unknown): BoosterLesson[] {
  if (!isObj(raw) || raw.v !== BOOSTER_VERSION || !Array.isArray(raw.lessons)) return [];
  const out: BoosterLesson[] = [];
  for (const l of raw.lessons) {
    if (!isObj(l) || !isStr(l.slug) || !isStr(l.title) || !Array.isArray(l.items)) continue;
    const items: BoosterItem[] = [];
    for (const it of l.items) {
      if (!isObj(it) || !isStr(it.id) || !isStr(it.text) || !isStr(it.note) || !Array.isArray(it.lenses)) continue;
      items.push({
        id: it.id,
        lesson: l.slug,
        source: it.source === 'control' ? 'control' : 'main',
        text: it.text,
        before: isStr(it.before) ? it.before : '',
        after: isStr(it.after) ? it.after : '',
        lenses: it.lenses.filter(isLensId),
        note: it.note,
        ...(it.tempting === true && it.lenses.length === 0 ? { tempting: true } : {}),
      });
    }
    out.push({ slug: l.slug, title: l.title, items });
  }
  return out;
}

// ---------------------------------------------------------------- sets

export { seededRandom } from './random.ts';

export function shuffle<T>(list: readonly T[], rng: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Take items round-robin from groups (in the order given), so no group dominates. */
function roundRobin<T>(groups: T[][], n: number): T[] {
  const out: T[] = [];
  const queues = groups.map((g) => [...g]).filter((g) => g.length > 0);
  while (out.length < n && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const next = q.shift();
      if (next !== undefined && out.length < n) out.push(next);
    }
  }
  return out;
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    if (!map.has(k)) map.set(k, []);
    map.get(k)!.push(t);
  }
  return [...map.values()];
}

/**
 * A review set of `size` items (clamped to 6–10, and to what there is):
 * about 3 in 8 with nothing to flag, the rest flagged phrases spread over
 * lessons and lenses; plain phrases alternate between main texts and control
 * passages. Same items and same rng sequence give the same set.
 */
export function buildSet(items: readonly BoosterItem[], rng: () => number, size = SET_SIZE): BoosterItem[] {
  const seen = new Set<string>();
  const unique = items.filter((i) => {
    const k = i.text.toLowerCase();
    if (seen.has(k) || seen.has(i.id)) return false;
    seen.add(k);
    seen.add(i.id);
    return true;
  });
  const n = Math.min(unique.length, Math.max(SET_MIN, Math.min(SET_MAX, Math.round(size))));
  const flagged = unique.filter((i) => i.lenses.length > 0);
  const plain = unique.filter((i) => i.lenses.length === 0);
  let nPlain = Math.min(plain.length, Math.max(2, Math.round(n * 0.375)));
  const nFlagged = Math.min(flagged.length, n - nPlain);
  nPlain = Math.min(plain.length, n - nFlagged);

  // Flagged: per lesson, lenses taken in turn (starting at a random lens); then lessons in turn.
  const lensStart = Math.floor(rng() * LENS_IDS.length);
  const lensOrder = LENS_IDS.map((_, k) => LENS_IDS[(k + lensStart) % LENS_IDS.length]);
  const perLesson = shuffle(
    groupBy(flagged, (i) => i.lesson),
    rng,
  ).map((g) => {
    const byLens = lensOrder.map((l) =>
      shuffle(
        g.filter((i) => i.lenses[0] === l),
        rng,
      ),
    );
    return roundRobin(byLens, g.length);
  });
  const pickedFlagged = roundRobin(perLesson, nFlagged);

  // Tempting "nothing to flag" phrases first (up to half the plain picks), so a
  // review trains discernment, not only the easy plain phrases.
  const tempting = plain.filter((i) => i.tempting);
  const nTempting = Math.min(tempting.length, Math.ceil(nPlain / 2));
  const pickedTempting = roundRobin(
    shuffle(
      groupBy(tempting, (i) => i.lesson),
      rng,
    ).map((g) => shuffle(g, rng)),
    nTempting,
  );
  const rest = plain.filter((i) => !i.tempting);
  const plainGroups = shuffle(
    groupBy(rest, (i) => `${i.lesson}|${i.source}`),
    rng,
  ).map((g) => shuffle(g, rng));
  const pickedPlain = [...pickedTempting, ...roundRobin(plainGroups, nPlain - pickedTempting.length)];

  return shuffle([...pickedFlagged, ...pickedPlain], rng);
}

// ---------------------------------------------------------------- grading

export interface Grade {
  correct: boolean;
  /** Answers that count as right. */
  accepted: Answer[];
  /** "Right." or "Not quite." */
  verdict: string;
  /** What the phrase is, and the note. */
  explanation: string;
}

export function answerLabel(a: Answer): string {
  return a === 'nothing' ? 'Nothing to flag' : LENSES[a].label;
}

function joinOr(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Multi-lens phrases accept any of their lenses. */
export function grade(item: BoosterItem, answer: Answer): Grade {
  const accepted: Answer[] = item.lenses.length > 0 ? [...item.lenses] : ['nothing'];
  const correct = accepted.includes(answer);
  let what: string;
  if (item.lenses.length === 0) what = 'There is nothing to flag in these words.';
  else if (item.lenses.length === 1) what = `The lesson flags this as: ${LENSES[item.lenses[0]].label}.`;
  else
    what = `The lesson flags this under ${item.lenses.length} lenses: ${joinOr(item.lenses.map((l) => LENSES[l].label))}; any of them counts.`;
  const note = item.lenses.length === 0 ? item.note.replace(/^Nothing to flag\.\s*/, '') : item.note;
  return { correct, accepted, verdict: correct ? 'Right.' : 'Not quite.', explanation: `${what} ${note}` };
}

export interface Tally {
  right: number;
  total: number;
  /** Of the items with nothing to flag. */
  nothingRight: number;
  nothingTotal: number;
}

export function tallyAnswers(results: readonly { item: BoosterItem; correct: boolean }[]): Tally {
  const t: Tally = { right: 0, total: results.length, nothingRight: 0, nothingTotal: 0 };
  for (const r of results) {
    if (r.correct) t.right++;
    if (r.item.lenses.length === 0) {
      t.nothingTotal++;
      if (r.correct) t.nothingRight++;
    }
  }
  return t;
}

export function describeScore(t: Tally): string {
  const base = `Right ${t.right} of ${t.total}`;
  if (t.nothingTotal === 0) return `${base}.`;
  return `${base}, including ${t.nothingRight} of the ${t.nothingTotal} “nothing to flag” ${t.nothingTotal === 1 ? 'one' : 'ones'}.`;
}

// ---------------------------------------------------------------- schedule and state

export interface LessonBoosters {
  /** Boosters done for this lesson (1 or more). */
  n: number;
  /** Epoch ms of the last one. */
  last: number;
}

export interface BoosterRun extends Tally {
  at: number;
  lessons: string[];
}

export interface BoosterState {
  v: typeof BOOSTER_VERSION;
  lessons: Record<string, LessonBoosters>;
  runs: BoosterRun[];
}

export function emptyBoosters(): BoosterState {
  return { v: BOOSTER_VERSION, lessons: {}, runs: [] };
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000;

function sanitizeRun(raw: unknown): BoosterRun | null {
  if (!isObj(raw) || !isTime(raw.at) || !Array.isArray(raw.lessons)) return null;
  const nums = ['right', 'total', 'nothingRight', 'nothingTotal'] as const;
  if (!nums.every((k) => isCount(raw[k]))) return null;
  const r = raw as Record<(typeof nums)[number], number>;
  if (r.right > r.total || r.nothingRight > r.nothingTotal || r.nothingTotal > r.total) return null;
  return {
    at: raw.at,
    lessons: raw.lessons.filter((s): s is string => isStr(s) && SAFE_KEY.test(s)),
    right: r.right,
    total: r.total,
    nothingRight: r.nothingRight,
    nothingTotal: r.nothingTotal,
  };
}

/** Parse what storage returned. `corrupt` is true when there was data we could not use. */
export function parseBoosters(raw: string | null | undefined): { state: BoosterState; corrupt: boolean } {
  const { lessons, data, corrupt } = readVersioned(raw, BOOSTER_VERSION);
  if (corrupt) return { state: emptyBoosters(), corrupt };
  const state = emptyBoosters();
  for (const [slug, v] of lessons) {
    if (!isObj(v) || !Number.isInteger(v.n) || (v.n as number) < 1 || !isTime(v.last)) continue;
    state.lessons[slug] = { n: Math.min(v.n as number, INTERVAL_DAYS.length), last: v.last };
  }
  if (Array.isArray(data.runs)) {
    for (const r of data.runs) {
      const clean = sanitizeRun(r);
      if (clean) state.runs.push(clean);
    }
    state.runs = state.runs.slice(-MAX_RUNS);
  }
  return { state, corrupt: false };
}

/** When the lesson's next booster is due, or null when it has had them all. */
export function dueAt(done: number, entry: LessonBoosters | undefined): number | null {
  const n = entry?.n ?? 0;
  if (n >= INTERVAL_DAYS.length) return null;
  const from = entry && n > 0 ? entry.last : done;
  return from + INTERVAL_DAYS[n] * DAY_MS;
}

export interface Upcoming {
  slug: string;
  at: number;
}

/**
 * Every finished lesson that still has a booster ahead, soonest first.
 * `known` (the site's lesson slugs) drops lessons the site no longer has.
 */
export function upcoming(progress: Progress, state: BoosterState, known?: readonly string[]): Upcoming[] {
  const out: Upcoming[] = [];
  for (const [slug, lesson] of Object.entries(progress.lessons)) {
    if (lesson.done === undefined || (known && !known.includes(slug))) continue;
    const at = dueAt(lesson.done, state.lessons[slug]);
    if (at !== null) out.push({ slug, at });
  }
  return out.sort((a, b) => a.at - b.at || a.slug.localeCompare(b.slug));
}

/** Lessons whose booster is due at `now`, soonest-due first. */
export function dueLessons(progress: Progress, state: BoosterState, now: number, known?: readonly string[]): string[] {
  return upcoming(progress, state, known)
    .filter((u) => u.at <= now)
    .map((u) => u.slug);
}

/** The next booster after `now`, if any. */
export function nextDue(progress: Progress, state: BoosterState, now: number, known?: readonly string[]): Upcoming | null {
  return upcoming(progress, state, known).find((u) => u.at > now) ?? null;
}

/**
 * Record a finished booster for `lessons` at `now` and so schedule each one's
 * next booster (the next interval, counted from now). Returns a new state.
 */
export function schedule(state: BoosterState, now: number, lessons: readonly string[], tally?: Tally): BoosterState {
  const next: BoosterState = { v: BOOSTER_VERSION, lessons: { ...state.lessons }, runs: [...state.runs] };
  for (const slug of lessons) {
    const n = Math.min((next.lessons[slug]?.n ?? 0) + 1, INTERVAL_DAYS.length);
    next.lessons[slug] = { n, last: now };
  }
  if (tally) next.runs = [...next.runs, { at: now, lessons: [...lessons], ...tally }].slice(-MAX_RUNS);
  return next;
}

/** "Friday 14 March" (with the year when it is not this year's). */
export function formatDay(at: number, now: number, timeZone?: string): string {
  const d = new Date(at);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** "today", "tomorrow", "in 6 days" (whole days, rounded up). */
export function inDays(at: number, now: number): string {
  const days = Math.ceil((at - now) / DAY_MS);
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}
