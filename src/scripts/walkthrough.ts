/**
 * <ml-walkthrough>: learners mark words in the texts for each step, press
 * Check, and get feedback per phrase. Scoring and saved state live in
 * src/lib; this element only wires the page up.
 *
 * Two texts, "Text A" and "Text B" (the lesson's text and its careful
 * companion, in an order set per learner), are read through the same lens
 * steps; which one is the careful report is revealed after Check.
 */
import { parseAssignment, type Assignment } from '../lib/learner/assignment.ts';
import { lessonStateFor, emptyStep, pickFirst, type LessonState, type StepState } from '../lib/learner/progress.ts';
import { scoreStep, type Defensible, type StepResult, type Target } from '../lib/learner/score.ts';
import type { ExcerptTokenData } from '../lib/learner/tokens.ts';
import { unpackTokenData } from '../lib/learner/token-wire.ts';
import { WORD_PATTERN } from '../lib/learner/word-pattern.ts';
import { loadProgress, saveProgress } from './progress-store.ts';
import { moveTarget, wordIndex } from './word-keys.ts';

type Feedback = typeof import('./walkthrough-feedback.ts');

export interface Surface {
  el: HTMLElement;
  fig: HTMLElement;
  tokens: HTMLElement[];
  data: ExcerptTokenData;
  which: 'main' | 'other';
}

/** One text as read in one step. */
export interface Part {
  surface: Surface;
  targets: Target[];
  others: Target[];
  def: Defensible[];
}

export interface Step {
  id: string;
  el: HTMLElement;
  label: string;
  lens: string;
  parts: Part[];
}

/** How long a finger rests on a word before a drag marks instead of scrolling (ms). */
const LONG_PRESS_MS = 350;
/** How far (px) a finger may move before a press is a swipe rather than a tap or long-press. */
const TOUCH_SLOP = 10;

const $ = <T extends Element>(root: ParentNode, sel: string) => root.querySelector<T>(sel);

interface Drag {
  surface: Surface;
  step: Step;
  anchor: number;
  on: boolean;
  /** Marks before the drag began: the drag adds or removes the run anchor..current on top of these. */
  base: Set<number>;
}

export class Walkthrough extends HTMLElement {
  steps: Step[] = [];
  allSteps: Step[] = [];
  surfaces: Surface[] = [];
  state!: LessonState;
  lesson = '';
  active = new Map<Surface, number>();
  drag: Drag | null = null;
  /** Keyboard selection: Shift+arrows extend from this anchor; the opposite direction shrinks. */
  kb: { surface: Surface; anchor: number; on: boolean; base: Set<number> } | null = null;
  touch: { surface: Surface; x: number; y: number; i: number; timer: number; moved: boolean } | null = null;
  warned = false;
  assignment!: Assignment;
  /** Built once; the window listeners belong to the current connection and go when disconnected. */
  private started = false;
  private conn: AbortController | null = null;

  connectedCallback() {
    if (this.started) {
      if (!this.classList.contains('wt-failed')) this.listenWindow();
      return;
    }
    this.started = true;
    try {
      this.init();
    } catch (err) {
      // Fall back to the no-script lesson: every step and answer visible.
      this.classList.add('wt-failed');
      console.warn('Walkthrough could not start', err);
    }
  }

  init() {
    this.lesson = this.dataset.lesson ?? '';
    // The page's own build wrote this JSON (src/components), so its shape is known.
    const data = (JSON.parse($(this, '.wt-data')?.textContent ?? '[]') as ExcerptTokenData[]).map(unpackTokenData);
    const mainSlug = this.dataset.main ?? '';
    for (const fig of this.querySelectorAll<HTMLElement>('.wt-text figure[data-excerpt]')) {
      const slug = fig.dataset.excerpt ?? '';
      const el = $<HTMLElement>(fig, '.excerpt-text');
      const d = data.find((x) => x.slug === slug);
      if (!el || !d) throw new Error(`no surface for ${slug}`);
      this.surfaces.push(this.setupSurface(el, fig, d, slug === mainSlug ? 'main' : 'other'));
    }
    const main = this.surfaces.find((s) => s.which === 'main');
    const other = this.surfaces.find((s) => s.which === 'other');
    if (!main) throw new Error('no main text');

    const part = (surface: Surface, lens: string): Part => {
      const all: Target[] = surface.data.anns;
      const targets = lens === 'any' ? all : all.filter((a) => a.lenses.includes(lens));
      const def = surface.data.def.filter((d) => lens === 'any' || d.lenses.includes(lens));
      return { surface, targets, others: all.filter((a) => !targets.includes(a)), def };
    };
    for (const el of this.querySelectorAll<HTMLElement>('li.step[data-step]')) {
      const lens = el.dataset.lens ?? '';
      const parts = lens === 'any' ? [] : [part(main, lens), ...(other ? [part(other, lens)] : [])];
      this.allSteps.push({ id: el.dataset.step!, el, lens, label: el.dataset.label ?? '', parts });
    }
    if (this.allSteps.length === 0) throw new Error('no steps');

    // A teacher's assignment link may choose steps and turn hints or answers off.
    this.assignment = parseAssignment(
      location.search,
      this.allSteps.map((s) => s.id),
    );
    for (const s of this.allSteps) {
      if (this.assignment.steps.includes(s.id)) continue;
      s.el.hidden = true;
      this.querySelector<HTMLElement>(`.wt-nav button[data-go="${s.id}"]`)?.closest('li')?.setAttribute('hidden', '');
    }
    this.steps = this.allSteps.filter((s) => this.assignment.steps.includes(s.id));
    // The comparison step alone (no lens step assigned): it reads the careful report with all lenses.
    const control = this.steps.find((s) => s.lens === 'any');
    if (control && other && !this.steps.some((s) => s.lens !== 'any')) control.parts = [part(other, 'any')];
    this.numberSteps();
    if (!this.assignment.answers) this.removeAnswers();
    if (this.assignment.assigned) {
      const names = this.steps.map((s) => s.label).join(', ');
      this.banner(
        `Assigned by your teacher: ${names}${names.endsWith('?') ? '' : '.'} Hints are ${this.assignment.hints ? 'on' : 'off'}. ` +
          (this.assignment.answers
            ? 'After Check you will see the answers and notes.'
            : 'After Check you will see your counts only.'),
      );
    }

    const { progress, corrupt } = loadProgress();
    const counts = Object.fromEntries(this.steps.map((s) => [s.id, s.parts[0]?.surface.data.count ?? 0]));
    const otherCounts = Object.fromEntries(this.steps.map((s) => [s.id, s.parts[1]?.surface.data.count ?? 0]));
    this.state = lessonStateFor(
      progress,
      this.lesson,
      this.steps.map((s) => s.id),
      counts,
      otherCounts,
    );
    if (corrupt)
      this.banner(
        'Saved progress on this device could not be read, so this lesson starts fresh. Your earlier data was kept aside, not deleted.',
      );
    if (other) {
      if (!this.state.first) {
        // Kept with the learner's progress, so the texts never swap places between visits.
        this.state.first = pickFirst();
        this.save();
      }
      this.orderTexts(main, other);
    }

    this.addEventListener('click', (e) => this.onClick(e));
    this.listenWindow();
    this.classList.toggle(
      'texts-revealed',
      this.steps.some((s) => this.stepState(s).checked),
    );
    this.show(this.state.current ?? this.steps[0].id, false);
    if (this.steps.some((s) => this.stepState(s).checked)) {
      void this.feedback((f) => {
        for (const s of this.steps) if (this.stepState(s).checked) f.renderCheck(this, s);
        f.renderSummary(this);
      });
    }
  }

  /**
   * Phones: while the learner is in the texts and the step's own buttons have scrolled away
   * above, the buttons stay at the foot of the screen (CSS does the rest, narrow screens only).
   */
  watchBar(signal: AbortSignal) {
    let queued = false;
    const update = () => {
      queued = false;
      const controls = $<HTMLElement>(this.current().el, '.wt-controls');
      const text = $<HTMLElement>(this, '.wt-text');
      if (!controls || !text) return;
      const c = controls.getBoundingClientRect();
      const t = text.getBoundingClientRect();
      const fixed = this.dataset.marking === 'yes' && c.top < 0 && t.top < innerHeight && t.bottom > 0;
      this.classList.toggle('bar-fixed', fixed);
    };
    const queue = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(update);
    };
    addEventListener('scroll', queue, { passive: true, signal });
    addEventListener('resize', queue, { passive: true, signal });
  }

  disconnectedCallback() {
    this.conn?.abort();
    this.conn = null;
    this.cancelTouch();
    this.endDrag();
  }

  private listenWindow() {
    this.conn?.abort();
    this.conn = new AbortController();
    const { signal } = this.conn;
    this.watchBar(signal);
    // A drag with the mouse ends wherever the button is released.
    window.addEventListener('pointerup', () => this.endDrag(), { signal });
  }

  /** "Step 2: Emotive language", counted over the steps this learner does. */
  numberSteps() {
    this.steps.forEach((s, i) => {
      const num = $<HTMLElement>(s.el, '.step-num');
      if (num) num.textContent = `Step ${i + 1}: `;
      const nav = this.querySelector<HTMLElement>(`.wt-nav button[data-go="${s.id}"] .step-num`);
      if (nav) nav.textContent = `${i + 1}. `;
    });
  }

  /** answers=off: the answers, notes and teaching-guide link leave the page, not just the view. */
  removeAnswers() {
    this.classList.add('answers-off');
    for (const el of document.querySelectorAll(
      '.answers, .annotated-reading, .for-teachers, .control-reveal, .source-check-form',
    ))
      el.remove();
  }

  /** Text A / Text B: the order this learner got, kept in progress; labels never say which is careful. */
  orderTexts(main: Surface, other: Surface) {
    const [a, b] = this.state.first === 'control' ? [other, main] : [main, other];
    b.fig.before(a.fig);
    for (const [s, name] of [
      [a, 'Text A'],
      [b, 'Text B'],
    ] as const) {
      s.fig.dataset.name = name;
      const label = $<HTMLElement>(s.fig, '.excerpt-label');
      if (label) label.textContent = name;
    }
    this.dataset.first = this.state.first;
  }

  textName(which: 'main' | 'other'): string {
    return this.surfaces.find((s) => s.which === which)?.fig.dataset.name ?? 'the text';
  }

  setupSurface(el: HTMLElement, fig: HTMLElement, data: ExcerptTokenData, which: 'main' | 'other'): Surface {
    // Paragraphs sent as plain text (data-w): wrap each word as the page would have (Excerpt.astro).
    // Spans carry no style of their own, so nothing moves.
    for (const p of el.querySelectorAll<HTMLElement>('p[data-w]')) {
      for (const node of [...p.childNodes]) {
        if (!(node instanceof Text)) continue;
        const text = node.data;
        const parts: (string | HTMLElement)[] = [];
        let at = 0;
        for (const m of text.matchAll(WORD_PATTERN)) {
          const w = document.createElement('span');
          w.className = 'w';
          w.textContent = m[0];
          parts.push(text.slice(at, m.index), w);
          at = m.index + m[0].length;
        }
        parts.push(text.slice(at));
        node.replaceWith(...parts);
      }
      p.removeAttribute('data-w');
    }
    const tokens = [...el.querySelectorAll<HTMLElement>('.w')];
    if (tokens.length !== data.count) throw new Error(`token count mismatch for ${data.slug}`);
    const surface: Surface = { el, fig, tokens, data, which };
    // Browse mode reads the text as prose; with the focus in it, it is a listbox of words
    // (one tab stop, arrow keys move, aria-activedescendant names the word).
    el.tabIndex = 0;
    tokens.forEach((t, i) => {
      t.id = `${data.slug}-w${i}`;
      t.dataset.i = String(i);
    });
    this.active.set(surface, 0);
    el.addEventListener('focus', () => this.listbox(surface, true));
    el.addEventListener('blur', () => this.listbox(surface, false));
    el.addEventListener('keydown', (e) => this.onKey(e, surface));
    // A keyboard run lasts until the focus moves without Shift (or Space marks a word), so
    // Shift+Arrow pressed again after letting go of Shift still extends or shrinks the same run.
    el.addEventListener('focusout', () => this.endKeyboardRun());
    el.addEventListener('pointerdown', (e) => this.onPointerDown(e, surface));
    el.addEventListener('pointermove', (e) => this.onPointerMove(e, surface));
    el.addEventListener('click', (e) => this.onTokenClick(e, surface));
    el.addEventListener('touchstart', (e) => this.onTouchStart(e, surface), { passive: true });
    el.addEventListener('touchmove', (e) => this.onTouchMove(e), { passive: false });
    el.addEventListener('touchend', (e) => this.onTouchEnd(e));
    el.addEventListener('touchcancel', () => this.cancelTouch());
    el.addEventListener('contextmenu', (e) => {
      if (this.drag || this.touch) e.preventDefault();
    });
    return surface;
  }

  listbox(surface: Surface, on: boolean) {
    const { el, tokens } = surface;
    if (on) {
      el.setAttribute('role', 'listbox');
      el.setAttribute('aria-multiselectable', 'true');
      const label = el.dataset.labelId;
      if (label) el.setAttribute('aria-labelledby', label);
      el.setAttribute('aria-describedby', this.ensureHelpId());
      el.setAttribute('aria-activedescendant', tokens[this.active.get(surface) ?? 0]?.id ?? '');
      el.querySelectorAll('p').forEach((p) => p.setAttribute('role', 'none'));
      for (const t of tokens) {
        t.setAttribute('role', 'option');
        t.setAttribute('aria-selected', String(t.classList.contains('is-marked')));
      }
    } else {
      for (const a of ['role', 'aria-multiselectable', 'aria-labelledby', 'aria-describedby', 'aria-activedescendant'])
        el.removeAttribute(a);
      el.querySelectorAll('p').forEach((p) => p.removeAttribute('role'));
      for (const t of tokens) {
        t.removeAttribute('role');
        t.removeAttribute('aria-selected');
      }
    }
  }

  ensureHelpId(): string {
    const how = $<HTMLElement>(this, '.wt-how');
    if (how && !how.id) how.id = `${this.lesson}-wt-help`;
    return how?.id ?? '';
  }

  // ----- state helpers -----
  current(): Step {
    return this.steps.find((s) => s.id === this.state.current) ?? this.steps[0];
  }
  stepState(s: Step): StepState {
    return (this.state.steps[s.id] ??= emptyStep());
  }
  marksOf(step: Step, surface: Surface): Set<number> {
    const st = this.stepState(step);
    return new Set(surface.which === 'main' || step.lens === 'any' ? st.marks : (st.other ?? []));
  }
  setMarks(step: Step, surface: Surface, marks: Set<number>) {
    const st = this.stepState(step);
    const sorted = [...marks].sort((a, b) => a - b);
    if (surface.which === 'main' || step.lens === 'any') st.marks = sorted;
    else st.other = sorted;
    if (st.checked) this.uncheck(step);
  }
  save() {
    this.state.updated = Date.now();
    const { progress } = loadProgress();
    progress.lessons[this.lesson] = this.state;
    if (!saveProgress(progress) && !this.warned) {
      this.warned = true;
      this.banner(
        'Your progress cannot be saved on this device (storage is full or turned off). The exercise still works for this visit.',
      );
    }
  }
  banner(text: string) {
    const b = $<HTMLElement>(this, '.wt-banner');
    if (!b) return;
    b.textContent = text;
    b.hidden = false;
  }

  // ----- showing a step -----
  show(id: string, focus: boolean) {
    const step = this.steps.find((s) => s.id === id) ?? this.steps[0];
    this.state.current = step.id;
    this.dataset.current = step.id;
    this.dataset.marking = step.parts.length > 0 ? 'yes' : 'no';
    for (const s of this.steps) s.el.classList.toggle('is-current', s === step);
    this.querySelectorAll<HTMLButtonElement>('.wt-nav button[data-go]').forEach((b) => {
      if (b.dataset.go === step.id) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
    });
    this.paintMarks(step);
    if (focus) {
      // The new task first (on a phone it sits above the text), then the text.
      const h = $<HTMLElement>(step.el, 'h3');
      h?.focus({ preventScroll: true });
      h?.scrollIntoView({ block: 'start' });
    }
  }

  paintMarks(step: Step) {
    const st = this.stepState(step);
    for (const surface of this.surfaces) {
      const p = step.parts.find((x) => x.surface === surface);
      const marks = p ? this.marksOf(step, surface) : new Set<number>();
      const found = new Set<number>();
      const missed = new Set<number>();
      const alarm = new Set<number>();
      if (p && st.checked && this.assignment.answers) {
        const r = this.partResult(step, p);
        for (const t of p.targets) {
          if (r.found.includes(t.id)) for (let i = t.a; i < t.b; i++) if (marks.has(i)) found.add(i);
          if (r.missed.includes(t.id) && st.revealed) for (let i = t.a; i < t.b; i++) missed.add(i);
        }
        for (const fa of r.falseAlarms) for (let i = fa.a; i < fa.b; i++) alarm.add(i);
      }
      const options = surface.el.getAttribute('role') === 'listbox';
      // A revealed missed phrase shows on the words, not only in the list: a dashed line and "✗" after its last word.
      const miss = (i: number) => missed.has(i) && !marks.has(i);
      const end = (on: (i: number) => boolean, i: number) => on(i) && !on(i + 1);
      surface.tokens.forEach((t, i) => {
        t.classList.toggle('is-marked', marks.has(i));
        if (options) t.setAttribute('aria-selected', String(marks.has(i)));
        t.classList.toggle('fb-found', found.has(i));
        t.classList.toggle('fb-missed', miss(i));
        t.classList.toggle('fb-alarm', alarm.has(i));
        t.classList.toggle('fb-end', end((k) => found.has(k), i) || end((k) => alarm.has(k), i) || end(miss, i));
      });
      if (options) surface.el.toggleAttribute('aria-disabled', !p);
      else surface.el.removeAttribute('aria-disabled');
    }
    this.renderMarkedCount(step);
  }

  renderMarkedCount(step: Step) {
    const n = step.parts.reduce((k, p) => k + this.marksOf(step, p.surface).size, 0);
    const p = $<HTMLElement>(step.el, '.wt-marked');
    if (p)
      p.textContent = step.parts.length === 0 ? '' : n === 0 ? 'No words marked yet.' : `${n} word${n === 1 ? '' : 's'} marked.`;
  }

  // ----- marking -----
  partFor(surface: Surface): Step | undefined {
    const cur = this.current();
    return cur.parts.some((p) => p.surface === surface) ? cur : undefined;
  }

  focusToken(surface: Surface, i: number) {
    const n = surface.tokens.length;
    const idx = Math.max(0, Math.min(n - 1, i));
    surface.tokens[this.active.get(surface) ?? 0]?.classList.remove('is-active');
    this.active.set(surface, idx);
    const t = surface.tokens[idx];
    t.classList.add('is-active');
    if (surface.el.getAttribute('role') === 'listbox') surface.el.setAttribute('aria-activedescendant', t.id);
    t.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  /** Marks = base plus (or minus) the words from anchor to i in reading order. */
  applyRun(step: Step, surface: Surface, base: Set<number>, anchor: number, i: number, on: boolean) {
    const marks = new Set(base);
    const lo = Math.min(anchor, i);
    const hi = Math.max(anchor, i);
    for (let k = lo; k <= hi; k++) {
      if (on) marks.add(k);
      else marks.delete(k);
    }
    this.setMarks(step, surface, marks);
    this.paintMarks(step);
  }

  endKeyboardRun() {
    if (!this.kb) return;
    this.kb = null;
    this.save();
  }

  onKey(e: KeyboardEvent, surface: Surface) {
    const step = this.partFor(surface);
    if (!step) return;
    const cur = this.active.get(surface) ?? 0;
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      this.kb = null;
      const marks = this.marksOf(step, surface);
      if (marks.has(cur)) marks.delete(cur);
      else marks.add(cur);
      this.setMarks(step, surface, marks);
      this.paintMarks(step);
      this.save();
      return;
    }
    const target = moveTarget(e.key, surface.tokens, cur);
    if (target === null) return;
    e.preventDefault();
    if (e.shiftKey) {
      // Like extending a text selection: the run from the anchor to the focus is marked;
      // going back the other way shrinks it again.
      if (!this.kb || this.kb.surface !== surface) {
        const base = this.marksOf(step, surface);
        this.kb = { surface, anchor: cur, on: true, base };
      }
      this.applyRun(step, surface, this.kb.base, this.kb.anchor, target, this.kb.on);
      this.save();
    } else this.kb = null;
    this.focusToken(surface, target);
  }

  tokenAt(surface: Surface, x: number, y: number): number {
    const el = document.elementFromPoint(x, y)?.closest?.('.w') as HTMLElement | null;
    return el && surface.el.contains(el) && el.dataset.i ? Number(el.dataset.i) : -1;
  }

  startDrag(surface: Surface, i: number) {
    const step = this.partFor(surface);
    if (!step) return false;
    const base = this.marksOf(step, surface);
    this.kb = null;
    this.drag = { surface, step, anchor: i, on: !base.has(i), base };
    this.applyRun(step, surface, base, i, i, this.drag.on);
    this.focusToken(surface, i);
    return true;
  }

  extendDrag(i: number) {
    if (!this.drag || i < 0) return;
    this.applyRun(this.drag.step, this.drag.surface, this.drag.base, this.drag.anchor, i, this.drag.on);
    this.focusToken(this.drag.surface, i);
  }

  onPointerDown(e: PointerEvent, surface: Surface) {
    if (e.pointerType !== 'mouse' || e.button !== 0) return;
    const i = wordIndex(e);
    if (i < 0 || !this.partFor(surface)) return;
    e.preventDefault();
    surface.el.focus({ preventScroll: true });
    this.startDrag(surface, i);
  }

  onPointerMove(e: PointerEvent, surface: Surface) {
    if (e.pointerType !== 'mouse' || !this.drag || this.drag.surface !== surface) return;
    // The word under the pointer; between words and lines, keep the last one.
    this.extendDrag(this.tokenAt(surface, e.clientX, e.clientY));
  }

  endDrag() {
    if (!this.drag) return;
    this.drag = null;
    this.save();
  }

  // Touch: a tap toggles a word (click); a long press, or a sideways drag that starts on a word,
  // marks a run; a vertical swipe scrolls the page as usual.
  onTouchStart(e: TouchEvent, surface: Surface) {
    if (e.touches.length !== 1 || !this.partFor(surface)) return this.cancelTouch();
    const t = e.touches[0];
    const i = wordIndex(e);
    if (i < 0) return;
    const timer = window.setTimeout(() => {
      if (this.touch && !this.touch.moved && this.startDrag(surface, this.touch.i)) this.touch.moved = true;
    }, LONG_PRESS_MS);
    this.touch = { surface, x: t.clientX, y: t.clientY, i, timer, moved: false };
  }

  onTouchMove(e: TouchEvent) {
    const t = e.touches[0];
    if (!this.touch || !t) return;
    if (this.drag) {
      e.preventDefault();
      this.extendDrag(this.tokenAt(this.drag.surface, t.clientX, t.clientY));
      return;
    }
    const dx = Math.abs(t.clientX - this.touch.x);
    const dy = Math.abs(t.clientY - this.touch.y);
    if (dx < TOUCH_SLOP && dy < TOUCH_SLOP) return;
    if (dx > dy * 1.5) {
      // A sideways drag along a line marks (the text only scrolls vertically).
      e.preventDefault();
      clearTimeout(this.touch.timer);
      this.touch.moved = true;
      if (this.startDrag(this.touch.surface, this.touch.i))
        this.extendDrag(this.tokenAt(this.touch.surface, t.clientX, t.clientY));
    } else this.cancelTouch();
  }

  onTouchEnd(e: TouchEvent) {
    if (!this.touch) return;
    clearTimeout(this.touch.timer);
    const marked = this.touch.moved;
    this.touch = null;
    if (this.drag) {
      // No click after a drag: the run is what the finger meant.
      e.preventDefault();
      this.endDrag();
    } else if (marked) e.preventDefault();
  }

  cancelTouch() {
    if (this.touch) clearTimeout(this.touch.timer);
    this.touch = null;
  }

  /** Touch and pen: a tap toggles one word (mouse is handled on pointerdown). */
  onTokenClick(e: MouseEvent, surface: Surface) {
    if ((e as PointerEvent).pointerType === 'mouse') return;
    const step = this.partFor(surface);
    const i = wordIndex(e);
    if (!step || i < 0) return;
    const marks = this.marksOf(step, surface);
    if (marks.has(i)) marks.delete(i);
    else marks.add(i);
    this.setMarks(step, surface, marks);
    this.focusToken(surface, i);
    this.paintMarks(step);
    this.save();
  }

  // ----- buttons -----
  onClick(e: MouseEvent) {
    const btn = (e.target as Element).closest<HTMLButtonElement>('button[data-act], button[data-go]');
    if (!btn) return;
    if (btn.dataset.go) {
      this.show(btn.dataset.go, true);
      this.save();
      return;
    }
    const step = this.current();
    const st = this.stepState(step);
    switch (btn.dataset.act) {
      case 'check':
        st.checked = true;
        void this.feedback((f) => {
          f.renderCheck(this, step);
          this.afterCheck(f);
          // The explanations follow the counts: move there so they are read next.
          $<HTMLElement>(step.el, '.wt-feedback')?.focus();
        });
        break;
      case 'hint':
        st.hints = Math.min(2, st.hints + 1);
        void this.feedback((f) => f.renderCheck(this, step));
        break;
      case 'reveal':
        st.revealed = true;
        void this.feedback((f) => f.renderCheck(this, step));
        break;
      case 'retry':
        this.uncheck(step);
        step.parts[0]?.surface.el.focus();
        break;
      case 'clear':
        st.marks = [];
        st.other = [];
        this.uncheck(step);
        break;
      case 'next': {
        const i = this.steps.indexOf(step);
        if (i < this.steps.length - 1) this.show(this.steps[i + 1].id, true);
        else $<HTMLElement>(this, '#wt-summary-h')?.focus();
        break;
      }
      case 'code':
        void this.feedback((f) => f.makeCode(this));
        return;
      case 'copy-code':
        void this.feedback((f) => f.copyCode(this));
        return;
      case 'print-summary':
        document.documentElement.classList.add('print-summary');
        window.addEventListener('afterprint', () => document.documentElement.classList.remove('print-summary'), { once: true });
        window.print();
        return;
      case 'reset':
        if (!window.confirm('Reset this lesson? Your marks and results for it will be deleted from this device.')) return;
        this.state = {
          steps: {},
          current: this.steps[0].id,
          updated: 0,
          ...(this.state.first ? { first: this.state.first } : {}),
        };
        for (const s of this.steps) this.uncheck(s);
        this.show(this.steps[0].id, true);
        $<HTMLElement>(this, '.wt-summary')?.toggleAttribute('hidden', true);
        break;
      default:
        return;
    }
    this.save();
  }

  // ----- results -----
  partResult(step: Step, p: Part): StepResult {
    return scoreStep(this.marksOf(step, p.surface), p.targets, p.others, p.def);
  }

  private fb: Promise<Feedback> | null = null;
  /** Run `use` with the feedback module, loading it the first time. */
  async feedback(use: (f: Feedback) => unknown) {
    try {
      use(await (this.fb ??= import('./walkthrough-feedback.ts')));
    } catch (err) {
      this.fb = null;
      this.banner('The feedback could not be loaded. Check your connection and press Check again; your marks are saved.');
      console.warn(err);
    }
  }

  afterCheck(f: Feedback) {
    if (this.steps.every((s) => this.stepState(s).checked)) this.state.done ??= Date.now();
    // Which text is the careful report is no secret once anything was checked.
    this.classList.toggle(
      'texts-revealed',
      this.steps.some((s) => this.stepState(s).checked),
    );
    f.renderSummary(this);
  }

  uncheck(step: Step) {
    const st = this.stepState(step);
    st.checked = false;
    st.hints = 0;
    st.revealed = false;
    step.el.classList.remove('is-checked', 'is-revealed');
    const fb = $<HTMLElement>(step.el, '.wt-feedback');
    if (fb) fb.textContent = '';
    const alarms = $<HTMLElement>(step.el, '.wt-alarms');
    if (alarms) {
      alarms.replaceChildren();
      alarms.hidden = true;
    }
    for (const sel of ['[data-act=hint]', '[data-act=reveal]', '[data-act=retry]']) {
      const b = $<HTMLElement>(step.el, sel);
      if (b) b.hidden = true;
    }
    const next = $<HTMLElement>(step.el, '.wt-next');
    if (next) next.hidden = true;
    if (this.current() === step) this.paintMarks(step);
  }
}

if (!customElements.get('ml-walkthrough')) customElements.define('ml-walkthrough', Walkthrough);
