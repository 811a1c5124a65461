/** Spaced review: schedule, due lessons, sets, grading, saved state, and the items built from the library. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BOOSTER_VERSION,
  DAY_MS,
  INTERVAL_DAYS,
  MAX_RUNS,
  PLAIN_NOTE_CONTROL,
  PLAIN_NOTE_MAIN,
  SET_MAX,
  SET_MIN,
  boosterItems,
  buildSet,
  describeScore,
  dueAt,
  dueLessons,
  emptyBoosters,
  formatDay,
  grade,
  inDays,
  nextDue,
  parseBoosters,
  plainPhrases,
  sanitizeItems,
  schedule,
  seededRandom,
  sentences,
  tallyAnswers,
  upcoming,
  type BoosterItem,
  type BoosterState,
} from '../../src/lib/learner/booster.ts';
import { LENS_IDS, type LensId } from '../../src/lib/content/lenses.ts';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { emptyProgress, type Progress } from '../../src/lib/learner/progress.ts';

const lib = loadLibrary(resolve('content'));
const T0 = Date.UTC(2025, 2, 3, 9, 0, 0); // a Monday morning

function progressWith(done: Record<string, number | undefined>): Progress {
  const p = emptyProgress();
  for (const [slug, at] of Object.entries(done))
    p.lessons[slug] = { steps: {}, updated: at ?? 0, ...(at === undefined ? {} : { done: at }) };
  return p;
}

function item(id: string, lenses: LensId[], extra: Partial<BoosterItem> = {}): BoosterItem {
  return { id, lesson: 'l1', source: 'main', text: `words ${id}`, before: '', after: '', lenses, note: `note ${id}`, ...extra };
}

describe('schedule and due lessons', () => {
  it('makes the first booster due 3 days after the lesson, then 7 and 21 days after each booster', () => {
    expect(INTERVAL_DAYS).toEqual([3, 7, 21]);
    expect(dueAt(T0, undefined)).toBe(T0 + 3 * DAY_MS);
    const t1 = T0 + 4 * DAY_MS;
    let state = schedule(emptyBoosters(), t1, ['a']);
    expect(state.lessons.a).toEqual({ n: 1, last: t1 });
    expect(dueAt(T0, state.lessons.a)).toBe(t1 + 7 * DAY_MS);
    const t2 = t1 + 8 * DAY_MS;
    state = schedule(state, t2, ['a']);
    expect(dueAt(T0, state.lessons.a)).toBe(t2 + 21 * DAY_MS);
    state = schedule(state, t2 + 30 * DAY_MS, ['a']);
    expect(state.lessons.a.n).toBe(3);
    expect(dueAt(T0, state.lessons.a)).toBeNull();
    // Never counts past the last interval.
    expect(schedule(state, t2 + 90 * DAY_MS, ['a']).lessons.a.n).toBe(3);
  });

  it('is due exactly at the interval, not a moment before', () => {
    const p = progressWith({ a: T0 });
    expect(dueLessons(p, emptyBoosters(), T0 + 3 * DAY_MS - 1)).toEqual([]);
    expect(dueLessons(p, emptyBoosters(), T0 + 3 * DAY_MS)).toEqual(['a']);
  });

  it('lists only finished lessons, soonest first, and drops lessons the site no longer has', () => {
    const p = progressWith({ a: T0, b: T0 - 2 * DAY_MS, started: undefined, gone: T0 - 9 * DAY_MS });
    const now = T0 + 4 * DAY_MS;
    expect(dueLessons(p, emptyBoosters(), now)).toEqual(['gone', 'b', 'a']);
    expect(dueLessons(p, emptyBoosters(), now, ['a', 'b', 'started'])).toEqual(['b', 'a']);
    expect(upcoming(p, emptyBoosters(), ['a', 'b']).map((u) => u.slug)).toEqual(['b', 'a']);
  });

  it('tells when the next booster is due after one is done', () => {
    const p = progressWith({ a: T0, b: T0 + DAY_MS });
    const now = T0 + 5 * DAY_MS;
    expect(dueLessons(p, emptyBoosters(), now)).toEqual(['a', 'b']);
    const state = schedule(emptyBoosters(), now, ['a', 'b']);
    expect(dueLessons(p, state, now)).toEqual([]);
    expect(nextDue(p, state, now)).toEqual({ slug: 'a', at: now + 7 * DAY_MS });
    expect(nextDue(progressWith({}), state, now)).toBeNull();
  });

  it('keeps one booster per lesson independent of the others', () => {
    const p = progressWith({ a: T0, b: T0 + 10 * DAY_MS });
    const state = schedule(emptyBoosters(), T0 + 3 * DAY_MS, ['a']);
    // a: lesson at T0, booster at T0+3, so next at T0+10. b: lesson at T0+10, first booster at T0+13.
    expect(dueLessons(p, state, T0 + 10 * DAY_MS - 1)).toEqual([]);
    expect(dueLessons(p, state, T0 + 10 * DAY_MS)).toEqual(['a']);
    expect(dueLessons(p, state, T0 + 13 * DAY_MS)).toEqual(['a', 'b']);
    expect(dueLessons(p, schedule(state, T0 + 10 * DAY_MS, ['a']), T0 + 13 * DAY_MS)).toEqual(['b']);
  });

  it('records the run with its tally and keeps only the latest runs', () => {
    let state: BoosterState = emptyBoosters();
    for (let i = 0; i < MAX_RUNS + 5; i++)
      state = schedule(state, T0 + i, ['a'], { right: 1, total: 2, nothingRight: 0, nothingTotal: 1 });
    expect(state.runs).toHaveLength(MAX_RUNS);
    expect(state.runs[state.runs.length - 1]).toEqual({
      at: T0 + MAX_RUNS + 4,
      lessons: ['a'],
      right: 1,
      total: 2,
      nothingRight: 0,
      nothingTotal: 1,
    });
  });

  it('does not change the state it was given', () => {
    const state = emptyBoosters();
    schedule(state, T0, ['a'], { right: 0, total: 0, nothingRight: 0, nothingTotal: 0 });
    expect(state).toEqual(emptyBoosters());
  });
});

describe('saved state', () => {
  it('treats nothing stored as a fresh start, not corruption', () => {
    expect(parseBoosters(null)).toEqual({ state: emptyBoosters(), corrupt: false });
    expect(parseBoosters('')).toEqual({ state: emptyBoosters(), corrupt: false });
  });

  it('flags unreadable JSON and wrong versions as corrupt', () => {
    for (const raw of ['{not json', '[]', '42', 'null', '{"v":2,"lessons":{}}', '{"v":1}', '{"v":1,"lessons":[]}']) {
      const r = parseBoosters(raw);
      expect(r.corrupt, raw).toBe(true);
      expect(r.state).toEqual(emptyBoosters());
    }
  });

  it('keeps good entries and drops bad ones', () => {
    const raw = JSON.stringify({
      v: BOOSTER_VERSION,
      lessons: {
        good: { n: 2, last: T0 },
        many: { n: 99, last: T0 },
        zero: { n: 0, last: T0 },
        noTime: { n: 1 },
        'Bad Slug<script>': { n: 1, last: T0 },
        nan: { n: 1, last: 'yesterday' },
      },
      runs: [
        { at: T0, lessons: ['good', '<b>'], right: 3, total: 4, nothingRight: 1, nothingTotal: 2 },
        { at: T0, lessons: [], right: 5, total: 4, nothingRight: 0, nothingTotal: 0 },
        'nope',
        { at: -1, lessons: [], right: 0, total: 0, nothingRight: 0, nothingTotal: 0 },
      ],
    });
    const { state, corrupt } = parseBoosters(raw);
    expect(corrupt).toBe(false);
    expect(state.lessons).toEqual({ good: { n: 2, last: T0 }, many: { n: INTERVAL_DAYS.length, last: T0 } });
    expect(state.runs).toEqual([{ at: T0, lessons: ['good'], right: 3, total: 4, nothingRight: 1, nothingTotal: 2 }]);
  });

  it('survives a round trip', () => {
    const state = schedule(emptyBoosters(), T0, ['a', 'b'], { right: 6, total: 8, nothingRight: 2, nothingTotal: 3 });
    expect(parseBoosters(JSON.stringify(state))).toEqual({ state, corrupt: false });
  });
});

describe('grade', () => {
  it('accepts any lens of a multi-lens phrase', () => {
    const it2 = item('x', ['emotive-language', 'unsupported-prediction']);
    expect(grade(it2, 'emotive-language').correct).toBe(true);
    expect(grade(it2, 'unsupported-prediction').correct).toBe(true);
    expect(grade(it2, 'sourcing-gap').correct).toBe(false);
    expect(grade(it2, 'nothing').correct).toBe(false);
    const g = grade(it2, 'sourcing-gap');
    expect(g.accepted).toEqual(['emotive-language', 'unsupported-prediction']);
    expect(g.verdict).toBe('Not quite.');
    expect(g.explanation).toContain('Emotive language or Unsupported prediction; any of them counts');
    expect(g.explanation).toContain('note x');
  });

  it('grades a single-lens phrase and explains with its note', () => {
    const g = grade(item('y', ['sourcing-gap']), 'sourcing-gap');
    expect(g).toMatchObject({ correct: true, verdict: 'Right.', accepted: ['sourcing-gap'] });
    expect(g.explanation).toBe('The lesson flags this as: Sourcing gap. note y');
  });

  it('expects "nothing" for a plain phrase and says why it is fine', () => {
    const plain = item('z', [], { note: PLAIN_NOTE_MAIN });
    expect(grade(plain, 'nothing').correct).toBe(true);
    for (const l of LENS_IDS) expect(grade(plain, l).correct).toBe(false);
    const g = grade(plain, 'emotive-language');
    expect(g.accepted).toEqual(['nothing']);
    expect(g.explanation).toMatch(/^There is nothing to flag in these words\. No annotation/);
  });

  it('tallies and describes a score, counting the "nothing to flag" ones', () => {
    const results = [
      { item: item('a', ['sourcing-gap']), correct: true },
      { item: item('b', []), correct: true },
      { item: item('c', []), correct: false },
      { item: item('d', ['emotive-language']), correct: false },
    ];
    const t = tallyAnswers(results);
    expect(t).toEqual({ right: 2, total: 4, nothingRight: 1, nothingTotal: 2 });
    expect(describeScore(t)).toBe('Right 2 of 4, including 1 of the 2 “nothing to flag” ones.');
    expect(describeScore({ right: 1, total: 1, nothingRight: 0, nothingTotal: 0 })).toBe('Right 1 of 1.');
    expect(describeScore({ right: 1, total: 2, nothingRight: 1, nothingTotal: 1 })).toBe(
      'Right 1 of 2, including 1 of the 1 “nothing to flag” one.',
    );
  });
});

describe('buildSet', () => {
  const flagged = LENS_IDS.flatMap((l, i) =>
    Array.from({ length: 6 }, (_, k) => item(`${l}-${k}`, [l], { lesson: i % 2 ? 'l1' : 'l2' })),
  );
  const plain = Array.from({ length: 6 }, (_, k) => item(`p${k}`, [], { source: k % 2 ? 'control' : 'main' }));
  const pool = [...flagged, ...plain];

  it('is deterministic for a seed and varies between seeds', () => {
    const a = buildSet(pool, seededRandom(42)).map((i) => i.id);
    const b = buildSet(pool, seededRandom(42)).map((i) => i.id);
    const c = buildSet(pool, seededRandom(7)).map((i) => i.id);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('mixes flagged and unflagged phrases, every lens, main texts and control passages', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const set = buildSet(pool, seededRandom(seed), 8);
      expect(set).toHaveLength(8);
      expect(new Set(set.map((i) => i.id)).size).toBe(8);
      const plainOnes = set.filter((i) => i.lenses.length === 0);
      expect(plainOnes.length).toBe(3);
      expect(new Set(plainOnes.map((i) => i.source))).toEqual(new Set(['main', 'control']));
      const lenses = new Set(set.flatMap((i) => i.lenses));
      expect(lenses).toEqual(new Set(LENS_IDS));
      expect(new Set(set.filter((i) => i.lenses.length).map((i) => i.lesson))).toEqual(new Set(['l1', 'l2']));
    }
  });

  it('keeps the size between 6 and 10, and within what there is', () => {
    expect(buildSet(pool, seededRandom(1), 2)).toHaveLength(SET_MIN);
    expect(buildSet(pool, seededRandom(1), 50)).toHaveLength(SET_MAX);
    expect(buildSet(pool.slice(0, 4), seededRandom(1))).toHaveLength(4);
    expect(buildSet([], seededRandom(1))).toEqual([]);
  });

  it('fills from flagged phrases when plain ones run short, and the other way round', () => {
    const fewPlain = buildSet([...flagged, plain[0]], seededRandom(3), 8);
    expect(fewPlain).toHaveLength(8);
    expect(fewPlain.filter((i) => !i.lenses.length)).toHaveLength(1);
    const fewFlagged = buildSet([flagged[0], ...plain], seededRandom(3), 6);
    expect(fewFlagged).toHaveLength(6);
    expect(fewFlagged.filter((i) => i.lenses.length)).toHaveLength(1);
  });

  it('never asks the same words twice', () => {
    const dupes = [...pool, item('again', ['sourcing-gap'], { text: flagged[0].text })];
    for (let seed = 1; seed <= 20; seed++) {
      const texts = buildSet(dupes, seededRandom(seed), 10).map((i) => i.text.toLowerCase());
      expect(new Set(texts).size).toBe(texts.length);
    }
  });
});

describe('items from the library', () => {
  const file = boosterItems(lib);

  it('has items for every lesson, flagged and plain, main and control', () => {
    expect(file.lessons.map((l) => l.slug).sort()).toEqual(lib.lessons.map((l) => l.slug).sort());
    for (const l of file.lessons) {
      const flagged = l.items.filter((i) => i.lenses.length > 0);
      const plain = l.items.filter((i) => i.lenses.length === 0);
      expect(flagged.length, l.slug).toBeGreaterThan(0);
      expect(plain.length, l.slug).toBeGreaterThanOrEqual(3);
      expect(
        plain.some((i) => i.source === 'control'),
        l.slug,
      ).toBe(true);
      expect(l.items.length, l.slug).toBeGreaterThanOrEqual(SET_MIN);
      expect(new Set(l.items.map((i) => i.id)).size).toBe(l.items.length);
    }
  });

  it('uses each annotation with its lenses and note', () => {
    for (const lesson of lib.lessons) {
      const items = file.lessons.find((l) => l.slug === lesson.slug)!.items;
      for (const [slug, source] of [
        [lesson.data.excerpt, 'main'],
        [lesson.data.control, 'control'],
      ] as const) {
        const e = lib.excerpts.find((x) => x.slug === slug);
        if (!e) continue;
        for (const a of e.annotations) {
          const it = items.find((i) => i.id === `${e.slug}/${a.id}`)!;
          // A judgement call has no single right lens, so it is never asked.
          if (a.scored === false) {
            expect(it, `${e.slug}/${a.id} is unscored`).toBeUndefined();
            continue;
          }
          expect(it, `${e.slug}/${a.id}`).toBeDefined();
          expect(it).toMatchObject({ text: a.text, lenses: a.lenses, note: a.note, source, lesson: lesson.slug });
        }
      }
    }
  });

  it('picks plain phrases of 2 to 6 words that no annotation covers, with the right note', () => {
    for (const lesson of lib.lessons) {
      const items = file.lessons.find((l) => l.slug === lesson.slug)!.items.filter((i) => i.lenses.length === 0 && !i.tempting);
      for (const it of items) {
        const e = lib.excerpts.find((x) => x.slug === it.id.split('@')[0])!;
        const start = Number(it.id.split('@')[1]);
        const end = start + it.text.length;
        expect(e.text.slice(start, end)).toBe(it.text);
        const words = it.text.split(/\s+/);
        expect(words.length, it.text).toBeGreaterThanOrEqual(2);
        expect(words.length, it.text).toBeLessThanOrEqual(6);
        expect(/\d/.test(it.text), it.text).toBe(false);
        for (const a of e.annotations) expect(a.start < end && start < a.end, `${it.text} overlaps ${a.id}`).toBe(false);
        expect(it.note).toBe(it.source === 'control' ? PLAIN_NOTE_CONTROL : PLAIN_NOTE_MAIN);
        // In a main text, plain phrases come only from sentences with no annotation.
        if (it.source === 'main') {
          const block = e.blocks.find((b) => start >= b.start && end <= b.end)!;
          const sentence = sentences(e.text, block).find((s) => start >= s.start && end <= s.end)!;
          expect(
            e.annotations.some((a) => a.start < sentence.end && sentence.start < a.end),
            it.text,
          ).toBe(false);
        }
      }
    }
  });

  it('includes tempting "nothing to flag" phrases: quoted feelings, accurate strong words, hedged sourced forecasts', () => {
    const all = file.lessons.flatMap((l) => l.items);
    const tempting = all.filter((i) => i.tempting);
    const listed = lib.lessons.flatMap((l) =>
      [l.data.excerpt, l.data.control].flatMap(
        (slug) => lib.excerpts.find((e) => e.slug === slug)?.fine.map((f) => ({ e: slug, f })) ?? [],
      ),
    );
    expect(tempting).toHaveLength(listed.length);
    expect(tempting.length).toBeGreaterThanOrEqual(8);
    for (const it of tempting) {
      const e = lib.excerpts.find((x) => x.slug === it.id.split('@')[0])!;
      const start = Number(it.id.split('@')[1]);
      expect(e.text.slice(start, start + it.text.length)).toBe(it.text);
      expect(it.lenses).toEqual([]);
      expect(it.note).toMatch(/^Nothing to flag\. \S/);
      // Never a scored phrase: the lesson would call the same words both fine and flagged.
      for (const a of e.annotations.filter((x) => x.scored !== false))
        expect(a.start < start + it.text.length && start < a.end, `${it.text} / ${a.id}`).toBe(false);
      expect(grade(it, 'nothing').correct).toBe(true);
      expect(grade(it, 'emotive-language').correct).toBe(false);
    }
    // The kinds the rulebook names are all there.
    expect(tempting.some((i) => /terrifying|slept/.test(i.text))).toBe(true);
    expect(tempting.some((i) => /killed|painful/.test(i.text))).toBe(true);
    expect(tempting.some((i) => /possible but not likely|per cent chance/.test(i.text))).toBe(true);
  });

  it('puts tempting phrases into review sets, about half of the "nothing to flag" picks', () => {
    const items = file.lessons.flatMap((l) => l.items);
    for (let seed = 1; seed <= 20; seed++) {
      const set = buildSet(items, seededRandom(seed));
      const plain = set.filter((i) => i.lenses.length === 0);
      const tempting = plain.filter((i) => i.tempting);
      expect(tempting.length, `seed ${seed}`).toBe(Math.ceil(plain.length / 2));
    }
    // Without tempting items, sets are built as before.
    const noTempting = items.filter((i) => !i.tempting);
    expect(buildSet(noTempting, seededRandom(3)).some((i) => i.tempting)).toBe(false);
  });

  it('gives each phrase the rest of its sentence as context', () => {
    const l = file.lessons.find((x) => x.slug === 'staging-up-for-another-assault')!;
    const it = l.items.find((i) => i.id === 'staging-up-for-another-assault/wiped-the-floor')!;
    expect(`${it.before}${it.text}${it.after}`.replace(/\s+/g, ' ')).toContain(it.text);
    expect(it.after.length + it.before.length).toBeGreaterThan(0);
  });

  it('never offers a phrase the lesson lists as fair to flag (alsoDefensible) as "nothing to flag"', () => {
    let checked = 0;
    for (const l of file.lessons) {
      for (const it of l.items.filter((i) => i.lenses.length === 0 && !i.tempting)) {
        const [slug, at] = it.id.split('@');
        const ex = lib.excerpts.find((e) => e.slug === slug)!;
        const start = Number(at);
        const end = start + it.text.length;
        const clash = ex.defensible.filter((d) => d.start < end && d.end > start).map((d) => d.text);
        expect(clash, `${it.id} "${it.text}"`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('is deterministic', () => {
    expect(boosterItems(lib)).toEqual(file);
    const e = lib.excerpts[0];
    expect(plainPhrases(e, 4)).toEqual(plainPhrases(e, 4));
  });

  it('survives a trip through JSON and sanitizeItems, dropping junk', () => {
    const back = sanitizeItems(JSON.parse(JSON.stringify(file)));
    expect(back).toEqual(file.lessons);
    expect(sanitizeItems(null)).toEqual([]);
    expect(sanitizeItems({ v: 2, lessons: [] })).toEqual([]);
    const junk = sanitizeItems({
      v: 1,
      lessons: [
        {
          slug: 'x',
          title: 'X',
          items: [{ id: 'a', text: 't', note: 'n', lenses: ['made-up', 'sourcing-gap'] }, 'bad', { id: 1 }],
        },
        'bad',
      ],
    });
    expect(junk).toEqual([
      {
        slug: 'x',
        title: 'X',
        items: [{ id: 'a', lesson: 'x', source: 'main', text: 't', before: '', after: '', lenses: ['sourcing-gap'], note: 'n' }],
      },
    ]);
  });
});

describe('dates', () => {
  it('formats the due day and the distance to it', () => {
    expect(formatDay(Date.UTC(2025, 2, 14, 12), Date.UTC(2025, 2, 7), 'UTC')).toBe('Friday 14 March');
    expect(formatDay(Date.UTC(2026, 0, 2, 12), Date.UTC(2025, 11, 30), 'UTC')).toMatch(/^Friday,? 2 January 2026$/);
    expect(inDays(T0, T0)).toBe('today');
    expect(inDays(T0 + DAY_MS, T0)).toBe('tomorrow');
    expect(inDays(T0 + 7 * DAY_MS, T0)).toBe('in 7 days');
    expect(inDays(T0 + 6.5 * DAY_MS, T0)).toBe('in 7 days');
  });
});
