/**
 * <ml-boosters>: the booster review page. Reads progress and booster history
 * from this device, says what is due (or when the next booster is), fetches
 * the items only when a set is due, runs it one question at a time and
 * records the result. Text from data files goes on the page as text only.
 */
import {
  SET_MINUTES,
  SET_SIZE,
  answerLabel,
  buildSet,
  describeScore,
  dueLessons,
  formatDay,
  grade,
  inDays,
  isAnswer,
  nextDue,
  parseBoosters,
  sanitizeItems,
  schedule,
  seededRandom,
  tallyAnswers,
  type Answer,
  type BoosterItem,
  type BoosterLesson,
  type BoosterState,
} from '../lib/learner/booster.ts';
import { BOOSTER_KEY, unreadableKey } from '../lib/learner/storage-keys.ts';
import type { Progress } from '../lib/learner/progress.ts';
import { loadProgress } from './progress-store.ts';
import { readStore, writeStore } from './store.ts';

function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

const quoted = (s: string) => `“${s}”`;

function loadBoosters(): { state: BoosterState; corrupt: boolean } {
  const raw = readStore(BOOSTER_KEY);
  const result = parseBoosters(raw);
  // Keep unreadable data aside rather than overwrite it.
  if (result.corrupt && raw !== null) writeStore(unreadableKey(BOOSTER_KEY), raw);
  return result;
}

interface Result {
  item: BoosterItem;
  answer: Answer;
  correct: boolean;
}

class Boosters extends HTMLElement {
  private titles: Record<string, string> = {};
  private progress!: Progress;
  private state!: BoosterState;
  private due: string[] = [];
  private set: BoosterItem[] = [];
  private index = 0;
  private results: Result[] = [];

  private $<T extends Element>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`missing ${sel}`);
    return el;
  }

  private abort: AbortController | null = null;

  connectedCallback() {
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    try {
      const parsed: unknown = JSON.parse(this.dataset.lessons ?? '{}');
      if (parsed && typeof parsed === 'object') {
        for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') this.titles[k] = v;
      }
    } catch {
      // No titles: slugs are shown instead.
    }
    const form = this.$<HTMLFormElement>('.boosters-quiz');
    form.addEventListener(
      'submit',
      (e) => {
        e.preventDefault();
        this.check();
      },
      { signal },
    );
    this.$<HTMLButtonElement>('.boosters-next').addEventListener('click', () => this.next(), { signal });
    void this.start();
  }

  disconnectedCallback() {
    this.abort?.abort();
    this.abort = null;
  }

  private lessonTitle(slug: string): string {
    return this.titles[slug] ?? slug;
  }

  private get known(): string[] {
    return Object.keys(this.titles);
  }

  private showState(heading: string, parts: (string | Node)[][], focus = false) {
    const h2 = this.$<HTMLElement>('#boosters-state-h');
    h2.textContent = heading;
    const box = this.$<HTMLElement>('.boosters-message');
    box.replaceChildren(
      ...parts.map((p) => {
        const para = h('p');
        para.append(...p);
        return para;
      }),
    );
    if (focus) h2.focus();
  }

  private link(text: string, path: string): HTMLAnchorElement {
    const a = h('a', text);
    a.href = `${(this.dataset.base ?? '/').replace(/\/?$/, '/')}${path}`;
    return a;
  }

  private nextDueLine(now: number): (string | Node)[] | null {
    const next = nextDue(this.progress, this.state, now, this.known);
    if (!next) return null;
    return [
      `Your next booster is due on ${formatDay(next.at, now)} (${inDays(next.at, now)}), for ${quoted(this.lessonTitle(next.slug))}.`,
    ];
  }

  private async start() {
    const now = Date.now();
    this.progress = loadProgress().progress;
    const loaded = loadBoosters();
    this.state = loaded.state;
    const notes: (string | Node)[][] = loaded.corrupt
      ? [['Your saved booster history could not be read, so it starts afresh. A copy was kept on this device.']]
      : [];
    this.due = dueLessons(this.progress, this.state, now, this.known);
    const finished = Object.entries(this.progress.lessons).filter(
      ([slug, l]) => l.done !== undefined && this.known.includes(slug),
    );

    if (this.due.length === 0) {
      if (finished.length === 0) {
        this.showState('Finish a lesson first', [
          ...notes,
          [
            `Boosters review the lessons you have finished on this device. Finish a lesson, and its first booster will be ready a few days later.`,
          ],
          [this.link('Choose a lesson', 'lessons/')],
        ]);
        return;
      }
      const line = this.nextDueLine(now);
      this.showState(line ? 'No booster due yet' : 'All boosters done', [
        ...notes,
        line ?? ['You have done every booster for the lessons you finished. Finish another lesson to get more.'],
        ...this.lastRunLine(),
        [this.link('Go to the lessons', 'lessons/')],
      ]);
      return;
    }

    this.showState('A booster is due', [...notes, ['Loading the questions…']]);
    let lessons: BoosterLesson[];
    try {
      const r = await fetch(this.dataset.items ?? '');
      if (!r.ok) throw new Error(String(r.status));
      lessons = sanitizeItems(await r.json());
    } catch {
      this.showState('A booster is due', [
        ...notes,
        ['The questions could not be loaded. Check your connection and reload the page.'],
      ]);
      return;
    }
    const pool = lessons.filter((l) => this.due.includes(l.slug)).flatMap((l) => l.items);
    const seed = (now ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0;
    this.set = buildSet(pool, seededRandom(seed), SET_SIZE);
    if (this.set.length === 0) {
      this.showState('A booster is due', [...notes, ['There are no questions for these lessons yet.']]);
      return;
    }
    const names = this.due.map((s) => quoted(this.lessonTitle(s)));
    this.showState('A booster is due', [
      ...notes,
      [
        `For ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`}: ${this.set.length} questions, about ${SET_MINUTES} minutes. Your answers are not saved until the end.`,
      ],
    ]);
    this.index = 0;
    this.results = [];
    this.$<HTMLFormElement>('.boosters-quiz').hidden = false;
    this.show(false);
  }

  private lastRunLine(): (string | Node)[][] {
    const last = this.state.runs[this.state.runs.length - 1];
    return last ? [[`Last booster: ${describeScore(last)}`]] : [];
  }

  private show(focus: boolean) {
    const item = this.set[this.index];
    const form = this.$<HTMLFormElement>('.boosters-quiz');
    this.$<HTMLElement>('.boosters-count').textContent = `Question ${this.index + 1} of ${this.set.length}`;
    this.$<HTMLElement>('.boosters-from').textContent = `From the lesson ${quoted(this.lessonTitle(item.lesson))}`;
    const para = this.$<HTMLElement>('.boosters-context p');
    const mark = h('mark', undefined, 'boosters-phrase');
    mark.append(
      h('span', 'Marked words: ', 'visually-hidden'),
      item.text,
      h('span', ' (end of marked words)', 'visually-hidden'),
    );
    // The context keeps the text's own spacing around the phrase.
    para.replaceChildren(item.before, mark, item.after);
    const choices = this.$<HTMLFieldSetElement>('.boosters-choices');
    choices.disabled = false;
    for (const input of form.querySelectorAll<HTMLInputElement>('input[name="answer"]')) {
      input.checked = false;
      input.closest('label')?.removeAttribute('data-result');
    }
    const feedback = this.$<HTMLElement>('.boosters-feedback');
    feedback.replaceChildren();
    feedback.removeAttribute('data-correct');
    this.$<HTMLButtonElement>('.boosters-check').hidden = false;
    const next = this.$<HTMLButtonElement>('.boosters-next');
    next.hidden = true;
    next.textContent = this.index + 1 < this.set.length ? 'Next question' : 'See your score';
    if (focus) this.$<HTMLElement>('.boosters-count').focus();
  }

  private check() {
    const item = this.set[this.index];
    if (!item || this.results.length > this.index) return;
    const form = this.$<HTMLFormElement>('.boosters-quiz');
    const chosen = form.querySelector<HTMLInputElement>('input[name="answer"]:checked');
    const feedback = this.$<HTMLElement>('.boosters-feedback');
    if (!chosen || !isAnswer(chosen.value)) {
      feedback.replaceChildren(h('p', 'Choose one of the four answers first.', 'boosters-hint'));
      form.querySelector<HTMLInputElement>('input[name="answer"]')?.focus();
      return;
    }
    const answer = chosen.value;
    const g = grade(item, answer);
    this.results.push({ item, answer, correct: g.correct });
    for (const input of form.querySelectorAll<HTMLInputElement>('input[name="answer"]')) {
      const label = input.closest('label');
      if (!label) continue;
      if (g.accepted.includes(input.value as Answer)) label.dataset.result = 'accepted';
      else if (input === chosen) label.dataset.result = 'wrong';
    }
    this.$<HTMLFieldSetElement>('.boosters-choices').disabled = true;
    const verdict = h('p', undefined, 'boosters-verdict');
    verdict.append(h('span', g.correct ? '✓ ' : '✗ ', 'boosters-icon'), g.verdict);
    const yours = g.correct ? null : h('p', `You answered: ${answerLabel(answer)}.`);
    feedback.dataset.correct = String(g.correct);
    feedback.replaceChildren(...[verdict, yours, h('p', g.explanation)].filter((x): x is HTMLParagraphElement => x !== null));
    this.$<HTMLButtonElement>('.boosters-check').hidden = true;
    this.$<HTMLButtonElement>('.boosters-next').hidden = false;
    feedback.focus();
  }

  private next() {
    if (this.results.length <= this.index) return;
    this.index++;
    if (this.index < this.set.length) this.show(true);
    else this.finish();
  }

  private finish() {
    const now = Date.now();
    const tally = tallyAnswers(this.results);
    this.state = schedule(this.state, now, this.due, tally);
    const saved = writeStore(BOOSTER_KEY, JSON.stringify(this.state));
    this.$<HTMLFormElement>('.boosters-quiz').hidden = true;
    this.$<HTMLElement>('.boosters-state').hidden = true;
    const done = this.$<HTMLElement>('.boosters-done');
    this.$<HTMLElement>('.boosters-score').textContent = describeScore(tally);
    const line = this.nextDueLine(now);
    this.$<HTMLElement>('.boosters-next-due').replaceChildren(
      ...(line ?? ['That was the last booster for these lessons. Finish another lesson to get more.']),
    );
    const savedNote = this.$<HTMLElement>('.boosters-saved');
    savedNote.hidden = saved;
    savedNote.textContent = saved
      ? ''
      : 'This browser would not let the site save, so this booster may be offered again next time.';
    const list = this.$<HTMLOListElement>('.boosters-answers');
    list.replaceChildren(
      ...this.results.map((r) => {
        const li = h('li');
        const right = r.item.lenses.length ? r.item.lenses.map((l) => answerLabel(l)).join(' or ') : answerLabel('nothing');
        li.append(
          h('span', quoted(r.item.text), 'boosters-answer-phrase'),
          h(
            'span',
            r.correct ? ` ✓ Right: ${answerLabel(r.answer)}.` : ` ✗ You said ${answerLabel(r.answer)}; the lesson says ${right}.`,
          ),
        );
        return li;
      }),
    );
    done.hidden = false;
    this.$<HTMLElement>('#boosters-done-h').focus();
  }
}

if (!customElements.get('ml-boosters')) customElements.define('ml-boosters', Boosters);
