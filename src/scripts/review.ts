/**
 * <ml-review>: the teacher's review page. Reads pasted result codes, fetches
 * the data of each lesson they name (once), and shows a table per lesson, a
 * class summary and a CSV download. Everything from codes and files is put
 * on the page as text (textContent), never as HTML. Nothing leaves the device
 * except the requests for the site's own lesson data.
 */
import type { LessonData } from '../lib/teach/lesson-data.ts';
import type { Duplicate, LessonSummary, LineProblem, StudentRow } from '../lib/teach/review.ts';

// Reading codes (and their checksums) loads on the first "Show results": the page opens with less to download.
type ReviewLib = typeof import('../lib/teach/review.ts');
import { describeDiscernment, describeTally, describeUnflagged } from '../lib/learner/score.ts';

const SHOW_TOP = 10;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function looksLikeLessonData(d: unknown, slug: string): d is LessonData {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Partial<LessonData>;
  return (
    x.slug === slug &&
    typeof x.title === 'string' &&
    typeof x.fp === 'string' &&
    Array.isArray(x.steps) &&
    Array.isArray(x.excerpts) &&
    x.excerpts.every((e) => typeof e === 'object' && e !== null && Array.isArray(e.words) && Array.isArray(e.anns))
  );
}

class Review extends HTMLElement {
  private base = '/';
  private known = new Set<string>();
  private cache = new Map<string, Promise<LessonData | null>>();
  private rows: StudentRow[] = [];
  private lib: ReviewLib | null = null;
  private seq = 0;
  private abort: AbortController | null = null;

  connectedCallback() {
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    this.base = this.dataset.base ?? '/';
    try {
      const list: unknown = JSON.parse(this.dataset.lessons ?? '[]');
      if (Array.isArray(list)) for (const s of list) if (typeof s === 'string') this.known.add(s);
    } catch {
      // No list: every lesson is looked up by its data file.
    }
    const form = this.querySelector('form')!;
    form.addEventListener(
      'submit',
      (e) => {
        e.preventDefault();
        void this.run(form.querySelector('textarea')!.value);
      },
      { signal },
    );
  }

  disconnectedCallback() {
    this.abort?.abort();
    this.abort = null;
  }

  private lesson(slug: string): Promise<LessonData | null> {
    let p = this.cache.get(slug);
    if (!p) {
      p = fetch(`${this.base.replace(/\/?$/, '/')}lessons/${encodeURIComponent(slug)}/data.json`)
        .then((r) => (r.ok ? r.json() : null))
        .then((d: unknown) => (looksLikeLessonData(d, slug) ? d : null))
        .catch(() => null);
      // A failed load may be a passing network problem: try again next time.
      void p.then((d) => d === null && this.cache.delete(slug));
      this.cache.set(slug, p);
    }
    return p;
  }

  private async run(text: string) {
    const mine = ++this.seq;
    const status = this.querySelector<HTMLElement>('.review-status')!;
    const out = this.querySelector<HTMLElement>('.review-output')!;
    let lib: ReviewLib;
    try {
      lib = this.lib ??= await import('../lib/teach/review.ts');
    } catch {
      this.announce(status, 'The code reader could not be loaded. Check the connection and press Show results again.');
      return;
    }
    const { buildReview, readCodes } = lib;
    const { codes, problems, duplicates } = readCodes(text);
    if (codes.length === 0 && problems.length === 0) {
      out.hidden = true;
      out.replaceChildren();
      this.announce(status, 'Paste at least one result code, one per line.');
      return;
    }
    status.textContent = 'Reading codes…';

    const lessons: Record<string, LessonData> = {};
    const unavailable = new Set<string>();
    const wanted = [...new Set(codes.map((c) => c.result.lesson))].filter((s) => this.known.size === 0 || this.known.has(s));
    await Promise.all(
      wanted.map(async (slug) => {
        const d = await this.lesson(slug);
        if (d) lessons[slug] = d;
        else if (this.known.has(slug)) unavailable.add(slug);
      }),
    );
    if (mine !== this.seq) return;

    const loadable = codes.filter((c) => !unavailable.has(c.result.lesson));
    const review = buildReview(loadable, lessons);
    const allProblems: LineProblem[] = [
      ...problems,
      ...review.problems,
      ...codes
        .filter((c) => unavailable.has(c.result.lesson))
        .map((c) => ({
          line: c.line,
          message: 'The data for this lesson could not be loaded. Check the connection and press Show results again.',
        })),
    ].sort((a, b) => a.line - b.line);
    this.rows = review.rows;

    const parts: HTMLElement[] = [];
    if (duplicates.length) parts.push(this.duplicateList(duplicates));
    if (allProblems.length) parts.push(this.problemList(allProblems));
    if (review.impossible.length)
      parts.push(
        this.problemList(
          review.impossible,
          'impossible',
          `${plural(review.impossible.length, 'code')} with impossible counts (left out of the class summary)`,
        ),
      );
    for (const s of review.summaries)
      parts.push(
        this.lessonSection(
          s,
          review.rows.filter((r) => r.lesson === s.lesson),
        ),
      );
    if (review.rows.length) {
      const p = h('p', undefined, 'review-download');
      const btn = h('button', 'Download CSV');
      btn.type = 'button';
      btn.addEventListener('click', () => this.download());
      p.append(btn, h('span', ' One row per student, for a spreadsheet.', 'review-hint'));
      parts.push(p);
    }
    out.replaceChildren(...parts);
    out.hidden = false;
    this.announce(
      status,
      `${plural(review.rows.length, 'code')} read, ${allProblems.length} could not be read` +
        (duplicates.length ? `, ${plural(duplicates.length, 'repeated code')} counted once` : '') +
        (review.impossible.length ? `, ${plural(review.impossible.length, 'code')} with impossible counts left out` : '') +
        '.',
    );
  }

  private announce(status: HTMLElement, text: string) {
    // Clear first so the same sentence twice is still announced.
    status.textContent = '';
    setTimeout(() => (status.textContent = text), 100);
  }

  private duplicateList(dups: Duplicate[]): HTMLElement {
    const sec = h('section', undefined, 'review-duplicates');
    sec.setAttribute('aria-labelledby', 'review-duplicates-title');
    const title = h('h2', `${plural(dups.length, 'code')} pasted more than once`);
    title.id = 'review-duplicates-title';
    const ul = h('ul');
    for (const d of dups) {
      const li = h('li', this.lib!.duplicateNotice(d));
      li.dataset.line = String(d.line);
      ul.append(li);
    }
    sec.append(title, ul);
    return sec;
  }

  private problemList(
    problems: LineProblem[],
    kind = 'problems',
    heading = `${plural(problems.length, 'line')} could not be read`,
  ): HTMLElement {
    const sec = h('section', undefined, `review-${kind}`);
    sec.setAttribute('aria-labelledby', `review-${kind}-title`);
    const title = h('h2', heading);
    title.id = `review-${kind}-title`;
    const ul = h('ul');
    for (const p of problems) {
      const li = h('li');
      li.dataset.line = String(p.line);
      li.append(h('strong', `Line ${p.line}:`), ` ${p.message}`);
      ul.append(li);
    }
    sec.append(title, ul);
    return sec;
  }

  private lessonSection(s: LessonSummary, rows: StudentRow[]): HTMLElement {
    const sec = h('section', undefined, 'review-lesson');
    sec.dataset.lesson = s.lesson;
    const id = `review-${s.lesson}`;
    sec.setAttribute('aria-labelledby', `${id}-title`);
    const title = h('h2', s.title);
    title.id = `${id}-title`;
    sec.append(title);

    // Students table: a column per step of the lesson.
    const scroll = h('div', undefined, 'review-table-scroll');
    scroll.tabIndex = 0;
    scroll.setAttribute('role', 'region');
    scroll.setAttribute('aria-labelledby', `${id}-caption`);
    const table = h('table', undefined, 'review-table');
    const caption = h('caption', `Results by student: ${s.title} (${plural(rows.length, 'student')})`);
    caption.id = `${id}-caption`;
    const headRow = h('tr');
    const told = rows.some((r) => r.discernment);
    for (const text of [
      'Line',
      'Student',
      ...s.steps.map((st) => st.label),
      'Missed',
      'Marked but not flagged',
      ...(told ? ['Told the texts apart'] : []),
    ]) {
      const th = h('th', text);
      th.scope = 'col';
      headRow.append(th);
    }
    const thead = h('thead');
    thead.append(headRow);
    const tbody = h('tbody');
    for (const r of rows) {
      const tr = h('tr');
      tr.dataset.line = String(r.line);
      const lineCell = h('td', String(r.line), 'num');
      lineCell.dataset.col = 'line';
      tr.append(lineCell);
      const th = h('th');
      th.scope = 'row';
      th.append(h('bdi', r.name));
      if (r.warning) th.append(h('span', ' (lesson changed since)', 'review-flag'));
      tr.append(th);
      for (const st of s.steps) {
        const c = r.steps.find((x) => x.id === st.id);
        const td = h('td', c ? describeTally(c) : 'not checked');
        td.dataset.step = st.id;
        tr.append(td);
      }
      const missed = h('td', String(r.missed), 'num');
      missed.dataset.col = 'missed';
      const alarms = h('td', String(r.falseAlarms), 'num');
      alarms.dataset.col = 'false-alarms';
      tr.append(missed, alarms);
      if (told) {
        const d = h('td', this.lib!.discernmentText(r) || '–');
        d.dataset.col = 'discernment';
        tr.append(d);
      }
      tbody.append(tr);
    }
    table.append(caption, thead, tbody);
    scroll.append(table);
    sec.append(scroll);

    const warned = rows.filter((r) => r.warning);
    if (warned.length) {
      const ul = h('ul', undefined, 'review-warnings');
      for (const r of warned) ul.append(h('li', `${r.name} (line ${r.line}): ${r.warning}`));
      sec.append(ul);
    }

    // Class summary.
    const sum = h('div', undefined, 'review-summary');
    sum.append(h('h3', 'Class summary'));
    const totals = h('ul');
    for (const st of s.steps) {
      if (st.students === 0) continue;
      const what =
        st.total === 0
          ? `nothing to find, ${describeUnflagged(st.falseAlarms)} in all`
          : `the class found ${st.found} of ${st.total}, ${describeUnflagged(st.falseAlarms)}`;
      totals.append(h('li', `${st.label}: ${what} (${plural(st.students, 'student')}).`));
    }
    const both = rows.filter((r) => r.discernment);
    if (both.length) {
      const t = both.reduce(
        (a, r) => ({
          found: a.found + r.discernment!.found,
          total: a.total + r.discernment!.total,
          careful: a.careful + r.discernment!.careful,
        }),
        { found: 0, total: 0, careful: 0 },
      );
      totals.append(
        h(
          'li',
          `Telling the texts apart: together, ${describeDiscernment(t.found, t.total, t.careful).replace(/^you /, 'the class ')} (${plural(both.length, 'student')}).`,
        ),
      );
    }
    sum.append(totals);
    if (s.stale)
      sum.append(
        h(
          'p',
          `${plural(s.stale, 'code')} made before the lesson changed ${s.stale === 1 ? 'is' : 'are'} left out of the lists below.`,
          'review-hint',
        ),
      );

    sum.append(h('h4', 'Most missed phrases'));
    if (s.mostMissed.length) {
      const ol = h('ol', undefined, 'review-missed');
      for (const m of s.mostMissed.slice(0, SHOW_TOP)) {
        const li = h('li');
        li.append(
          h('q', m.text, 'review-quote'),
          ` (${m.stepLabel}, note ${m.number}): missed by ${m.count} of ${plural(m.of, 'student')}`,
        );
        ol.append(li);
      }
      sum.append(ol);
    } else sum.append(h('p', 'No phrase was missed.'));

    sum.append(h('h4', 'Most over-flagged words'));
    if (s.overFlagged.length) {
      const ol = h('ol', undefined, 'review-flagged');
      for (const f of s.overFlagged.slice(0, SHOW_TOP)) {
        const li = h('li');
        li.append(h('q', f.text, 'review-quote'), ` (${f.stepLabels.join(', ')}): flagged by ${plural(f.count, 'student')}`);
        ol.append(li);
      }
      sum.append(ol);
    } else sum.append(h('p', 'Nobody marked words that are not flagged.'));
    sec.append(sum);
    return sec;
  }

  private download() {
    if (!this.lib) return;
    const blob = new Blob(['\ufeff', this.lib.toCsv(this.rows)], { type: 'text/csv;charset=utf-8' });
    const href = URL.createObjectURL(blob);
    const a = h('a');
    a.href = href;
    a.download = 'class-results.csv';
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }
}

if (!customElements.get('ml-review')) customElements.define('ml-review', Review);
