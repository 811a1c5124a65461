/**
 * <ml-walkthrough>: learners mark words in the texts for each step, press
 * Check, and get feedback per phrase. Scoring and saved state live in
 * src/lib; this element only wires the page up.
 *
 * Two texts, "Text A" and "Text B" (the lesson's text and its careful
 * companion, in an order set per learner), are read through the same lens
 * steps; which one is the careful report is revealed after Check.
 */
import { parseAssignment, type Assignment } from '../lib/assignment.ts';
import { lessonStateFor, emptyStep, pickFirst, type LessonState, type StepState } from '../lib/progress.ts';
import { describeDiscernment, describeTally, describeUnflagged, scoreStep, tally, type Defensible, type StepResult, type Target } from '../lib/score.ts';
import type { ExcerptTokenData } from '../lib/tokens.ts';
import { copyField } from './clipboard.ts';
import { loadProgress, saveProgress } from './progress-store.ts';

interface Surface {
  el: HTMLElement;
  fig: HTMLElement;
  tokens: HTMLElement[];
  data: ExcerptTokenData;
  which: 'main' | 'other';
}

/** One text as read in one step. */
interface Part {
  surface: Surface;
  targets: Target[];
  others: Target[];
  def: Defensible[];
}

interface Step {
  id: string;
  el: HTMLElement;
  label: string;
  lens: string;
  parts: Part[];
}

const LENS_NAMES: Record<string, string> = {
  'sourcing-gap': 'a sourcing gap',
  'emotive-language': 'emotive language',
  'unsupported-prediction': 'an unsupported prediction',
};

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

class Walkthrough extends HTMLElement {
  private steps: Step[] = [];
  private allSteps: Step[] = [];
  private surfaces: Surface[] = [];
  private state!: LessonState;
  private lesson = '';
  private active = new Map<Surface, number>();
  private drag: Drag | null = null;
  /** Keyboard selection: Shift+arrows extend from this anchor; the opposite direction shrinks. */
  private kb: { surface: Surface; anchor: number; on: boolean; base: Set<number> } | null = null;
  private touch: { surface: Surface; x: number; y: number; i: number; timer: number; moved: boolean } | null = null;
  private warned = false;
  private assignment!: Assignment;

  connectedCallback() {
    try {
      this.init();
    } catch (err) {
      // Fall back to the no-script lesson: every step and answer visible.
      this.classList.add('wt-failed');
      console.warn('Walkthrough could not start', err);
    }
  }

  private init() {
    this.lesson = this.dataset.lesson ?? '';
    const data: ExcerptTokenData[] = JSON.parse($(this, '.wt-data')?.textContent ?? '[]');
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
    this.assignment = parseAssignment(location.search, this.allSteps.map((s) => s.id));
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
          (this.assignment.answers ? 'After Check you will see the answers and notes.' : 'After Check you will see your counts only.'),
      );
    }

    const { progress, corrupt } = loadProgress();
    const counts = Object.fromEntries(this.steps.map((s) => [s.id, s.parts[0]?.surface.data.count ?? 0]));
    const otherCounts = Object.fromEntries(this.steps.map((s) => [s.id, s.parts[1]?.surface.data.count ?? 0]));
    this.state = lessonStateFor(progress, this.lesson, this.steps.map((s) => s.id), counts, otherCounts);
    if (corrupt) this.banner('Saved progress on this device could not be read, so this lesson starts fresh. Your earlier data was kept aside, not deleted.');
    if (other) {
      this.state.first ??= pickFirst();
      this.orderTexts(main, other);
    }

    this.addEventListener('click', (e) => this.onClick(e));
    this.watchBar();
    this.classList.toggle('texts-revealed', this.steps.some((s) => this.stepState(s).checked));
    this.show(this.state.current ?? this.steps[0].id, false);
    for (const s of this.steps) if (this.stepState(s).checked) this.renderCheck(s);
    this.renderSummary();
  }

  /**
   * Phones: while the learner is in the texts and the step's own buttons have scrolled away
   * above, the buttons stay at the foot of the screen (CSS does the rest, narrow screens only).
   */
  private watchBar() {
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
    addEventListener('scroll', queue, { passive: true });
    addEventListener('resize', queue, { passive: true });
  }

  /** "Step 2: Emotive language", counted over the steps this learner does. */
  private numberSteps() {
    this.steps.forEach((s, i) => {
      const num = $<HTMLElement>(s.el, '.step-num');
      if (num) num.textContent = `Step ${i + 1}: `;
      const nav = this.querySelector<HTMLElement>(`.wt-nav button[data-go="${s.id}"] .step-num`);
      if (nav) nav.textContent = `${i + 1}. `;
    });
  }

  /** answers=off: the answers, notes and teaching-guide link leave the page, not just the view. */
  private removeAnswers() {
    this.classList.add('answers-off');
    for (const el of document.querySelectorAll('.answers, .annotated-reading, .for-teachers, .control-reveal')) el.remove();
  }

  /** Text A / Text B: the order this learner got, kept in progress; labels never say which is careful. */
  private orderTexts(main: Surface, other: Surface) {
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

  private textName(which: 'main' | 'other'): string {
    return this.surfaces.find((s) => s.which === which)?.fig.dataset.name ?? 'the text';
  }

  private setupSurface(el: HTMLElement, fig: HTMLElement, data: ExcerptTokenData, which: 'main' | 'other'): Surface {
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
    window.addEventListener('pointerup', () => this.endDrag());
    return surface;
  }

  private listbox(surface: Surface, on: boolean) {
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
      for (const a of ['role', 'aria-multiselectable', 'aria-labelledby', 'aria-describedby', 'aria-activedescendant']) el.removeAttribute(a);
      el.querySelectorAll('p').forEach((p) => p.removeAttribute('role'));
      for (const t of tokens) {
        t.removeAttribute('role');
        t.removeAttribute('aria-selected');
      }
    }
  }

  private ensureHelpId(): string {
    const how = $<HTMLElement>(this, '.wt-how');
    if (how && !how.id) how.id = `${this.lesson}-wt-help`;
    return how?.id ?? '';
  }

  // ----- state helpers -----
  private current(): Step {
    return this.steps.find((s) => s.id === this.state.current) ?? this.steps[0];
  }
  private stepState(s: Step): StepState {
    return (this.state.steps[s.id] ??= emptyStep());
  }
  private marksOf(step: Step, surface: Surface): Set<number> {
    const st = this.stepState(step);
    return new Set(surface.which === 'main' || step.lens === 'any' ? st.marks : (st.other ?? []));
  }
  private setMarks(step: Step, surface: Surface, marks: Set<number>) {
    const st = this.stepState(step);
    const sorted = [...marks].sort((a, b) => a - b);
    if (surface.which === 'main' || step.lens === 'any') st.marks = sorted;
    else st.other = sorted;
    if (st.checked) this.uncheck(step);
  }
  private save() {
    this.state.updated = Date.now();
    const { progress } = loadProgress();
    progress.lessons[this.lesson] = this.state;
    if (!saveProgress(progress) && !this.warned) {
      this.warned = true;
      this.banner('Your progress cannot be saved on this device (storage is full or turned off). The exercise still works for this visit.');
    }
  }
  private banner(text: string) {
    const b = $<HTMLElement>(this, '.wt-banner');
    if (!b) return;
    b.textContent = text;
    b.hidden = false;
  }

  // ----- showing a step -----
  private show(id: string, focus: boolean) {
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

  private paintMarks(step: Step) {
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
      surface.tokens.forEach((t, i) => {
        t.classList.toggle('is-marked', marks.has(i));
        if (options) t.setAttribute('aria-selected', String(marks.has(i)));
        t.classList.toggle('fb-found', found.has(i));
        t.classList.toggle('fb-missed', missed.has(i) && !marks.has(i));
        t.classList.toggle('fb-alarm', alarm.has(i));
        t.classList.toggle('fb-end', (found.has(i) && !found.has(i + 1)) || (alarm.has(i) && !alarm.has(i + 1)));
      });
      if (options) surface.el.toggleAttribute('aria-disabled', !p);
      else surface.el.removeAttribute('aria-disabled');
    }
    this.renderMarkedCount(step);
  }

  private renderMarkedCount(step: Step) {
    const n = step.parts.reduce((k, p) => k + this.marksOf(step, p.surface).size, 0);
    const p = $<HTMLElement>(step.el, '.wt-marked');
    if (p) p.textContent = step.parts.length === 0 ? '' : n === 0 ? 'No words marked yet.' : `${n} word${n === 1 ? '' : 's'} marked.`;
  }

  // ----- marking -----
  private partFor(surface: Surface): Step | undefined {
    const cur = this.current();
    return cur.parts.some((p) => p.surface === surface) ? cur : undefined;
  }

  private focusToken(surface: Surface, i: number) {
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
  private applyRun(step: Step, surface: Surface, base: Set<number>, anchor: number, i: number, on: boolean) {
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

  private lineNeighbour(surface: Surface, from: number, dir: 1 | -1): number {
    const r0 = surface.tokens[from].getBoundingClientRect();
    let best = -1;
    let bestDx = Infinity;
    let lineTop: number | null = null;
    for (let i = from + dir; i >= 0 && i < surface.tokens.length; i += dir) {
      const r = surface.tokens[i].getBoundingClientRect();
      const onOtherLine = dir === 1 ? r.top > r0.bottom - 2 : r.bottom < r0.top + 2;
      if (!onOtherLine) continue;
      if (lineTop === null) lineTop = r.top;
      if (Math.abs(r.top - lineTop) > 2) break;
      const dx = Math.abs(r.left + r.width / 2 - (r0.left + r0.width / 2));
      if (dx < bestDx) {
        bestDx = dx;
        best = i;
      }
    }
    return best === -1 ? from : best;
  }

  private endKeyboardRun() {
    if (!this.kb) return;
    this.kb = null;
    this.save();
  }

  private onKey(e: KeyboardEvent, surface: Surface) {
    const step = this.partFor(surface);
    if (!step) return;
    const cur = this.active.get(surface) ?? 0;
    let next: number | null = null;
    switch (e.key) {
      case 'ArrowRight':
        next = cur + 1;
        break;
      case 'ArrowLeft':
        next = cur - 1;
        break;
      case 'ArrowDown':
        next = this.lineNeighbour(surface, cur, 1);
        break;
      case 'ArrowUp':
        next = this.lineNeighbour(surface, cur, -1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = surface.tokens.length - 1;
        break;
      case ' ':
      case 'Enter': {
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
      default:
        return;
    }
    e.preventDefault();
    const target = Math.max(0, Math.min(surface.tokens.length - 1, next));
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

  private tokenIndex(e: Event): number {
    const t = (e.target as Element | null)?.closest?.('.w') as HTMLElement | null;
    return t?.dataset.i ? Number(t.dataset.i) : -1;
  }

  private tokenAt(surface: Surface, x: number, y: number): number {
    const el = document.elementFromPoint(x, y)?.closest?.('.w') as HTMLElement | null;
    return el && surface.el.contains(el) && el.dataset.i ? Number(el.dataset.i) : -1;
  }

  private startDrag(surface: Surface, i: number) {
    const step = this.partFor(surface);
    if (!step) return false;
    const base = this.marksOf(step, surface);
    this.kb = null;
    this.drag = { surface, step, anchor: i, on: !base.has(i), base };
    this.applyRun(step, surface, base, i, i, this.drag.on);
    this.focusToken(surface, i);
    return true;
  }

  private extendDrag(i: number) {
    if (!this.drag || i < 0) return;
    this.applyRun(this.drag.step, this.drag.surface, this.drag.base, this.drag.anchor, i, this.drag.on);
    this.focusToken(this.drag.surface, i);
  }

  private onPointerDown(e: PointerEvent, surface: Surface) {
    if (e.pointerType !== 'mouse' || e.button !== 0) return;
    const i = this.tokenIndex(e);
    if (i < 0 || !this.partFor(surface)) return;
    e.preventDefault();
    surface.el.focus({ preventScroll: true });
    this.startDrag(surface, i);
  }

  private onPointerMove(e: PointerEvent, surface: Surface) {
    if (e.pointerType !== 'mouse' || !this.drag || this.drag.surface !== surface) return;
    // The word under the pointer; between words and lines, keep the last one.
    this.extendDrag(this.tokenAt(surface, e.clientX, e.clientY));
  }

  private endDrag() {
    if (!this.drag) return;
    this.drag = null;
    this.save();
  }

  // Touch: a tap toggles a word (click); a long press, or a sideways drag that starts on a word,
  // marks a run; a vertical swipe scrolls the page as usual.
  private onTouchStart(e: TouchEvent, surface: Surface) {
    if (e.touches.length !== 1 || !this.partFor(surface)) return this.cancelTouch();
    const t = e.touches[0];
    const i = this.tokenIndex(e);
    if (i < 0) return;
    const timer = window.setTimeout(() => {
      if (this.touch && !this.touch.moved && this.startDrag(surface, this.touch.i)) this.touch.moved = true;
    }, LONG_PRESS_MS);
    this.touch = { surface, x: t.clientX, y: t.clientY, i, timer, moved: false };
  }

  private onTouchMove(e: TouchEvent) {
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
      if (this.startDrag(this.touch.surface, this.touch.i)) this.extendDrag(this.tokenAt(this.touch.surface, t.clientX, t.clientY));
    } else this.cancelTouch();
  }

  private onTouchEnd(e: TouchEvent) {
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

  private cancelTouch() {
    if (this.touch) clearTimeout(this.touch.timer);
    this.touch = null;
  }

  /** Touch and pen: a tap toggles one word (mouse is handled on pointerdown). */
  private onTokenClick(e: MouseEvent, surface: Surface) {
    if ((e as PointerEvent).pointerType === 'mouse') return;
    const step = this.partFor(surface);
    const i = this.tokenIndex(e);
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
  private onClick(e: MouseEvent) {
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
        this.renderCheck(step);
        this.afterCheck();
        // The explanations follow the counts: move there so they are read next.
        $<HTMLElement>(step.el, '.wt-feedback')?.focus();
        break;
      case 'hint':
        st.hints = Math.min(2, st.hints + 1);
        this.renderCheck(step);
        break;
      case 'reveal':
        st.revealed = true;
        this.renderCheck(step);
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
        void this.makeCode();
        return;
      case 'copy-code':
        void this.copyCode();
        return;
      case 'print-summary':
        document.documentElement.classList.add('print-summary');
        window.addEventListener('afterprint', () => document.documentElement.classList.remove('print-summary'), { once: true });
        window.print();
        return;
      case 'reset':
        if (!window.confirm('Reset this lesson? Your marks and results for it will be deleted from this device.')) return;
        this.state = { steps: {}, current: this.steps[0].id, updated: 0, ...(this.state.first ? { first: this.state.first } : {}) };
        for (const s of this.steps) this.uncheck(s);
        this.show(this.steps[0].id, true);
        this.renderSummary();
        break;
      default:
        return;
    }
    this.save();
  }

  // ----- results -----
  private partResult(step: Step, p: Part): StepResult {
    return scoreStep(this.marksOf(step, p.surface), p.targets, p.others, p.def);
  }

  /** Results of a lens step on the lesson's text, and flags it put on the careful report. */
  private outcome(step: Step): { main: StepResult | null; careful: StepResult | null } {
    const mainPart = step.parts.find((p) => p.surface.which === 'main');
    const otherPart = step.parts.find((p) => p.surface.which === 'other');
    return { main: mainPart ? this.partResult(step, mainPart) : null, careful: otherPart ? this.partResult(step, otherPart) : null };
  }

  /**
   * What a step reports: found/total on the lesson's text and marks on words not flagged there.
   * The comparison step ('control') reports the careful report: its flagged phrases found in any
   * lens step, and every mark on words it does not flag.
   */
  private stepTally(step: Step): { found: number; total: number; falseAlarms: number; missedIds: string[]; ranges: [number, number][] } {
    if (step.lens === 'any') {
      if (step.parts.length > 0) {
        const r = this.partResult(step, step.parts[0]);
        return { ...tally(r), missedIds: r.missed, ranges: r.falseAlarms.map((f) => [f.a, f.b]) };
      }
      const other = this.surfaces.find((s) => s.which === 'other');
      const lensSteps = this.steps.filter((s) => s.lens !== 'any' && this.stepState(s).checked);
      const scored = (other?.data.anns ?? []).filter((a) => a.s !== false && a.lenses.some((l) => lensSteps.some((s) => s.lens === l)));
      const found = new Set<string>();
      const ranges: [number, number][] = [];
      for (const s of lensSteps) {
        const { careful } = this.outcome(s);
        if (!careful) continue;
        careful.found.forEach((id) => found.add(id));
        for (const f of careful.falseAlarms) ranges.push([f.a, f.b]);
      }
      const missedIds = scored.filter((a) => !found.has(a.id)).map((a) => a.id);
      return { found: scored.length - missedIds.length, total: scored.length, falseAlarms: ranges.length, missedIds, ranges };
    }
    const { main } = this.outcome(step);
    const r = main ?? { found: [], missed: [], partial: [], arguable: [], defensible: [], falseAlarms: [] };
    return { ...tally(r), missedIds: r.missed, ranges: r.falseAlarms.map((f) => [f.a, f.b]) };
  }

  /** The result code holds only checked steps: counts, missed phrase numbers and unflagged-mark ranges. */
  private async makeCode() {
    const status = $<HTMLElement>(this, '.wt-code-status');
    try {
      const { encodeResult } = await import('../lib/result-code.ts');
      const other = this.surfaces.find((s) => s.which === 'other');
      const main = this.surfaces.find((s) => s.which === 'main')!;
      const steps = this.steps
        .filter((s) => this.stepState(s).checked)
        .map((s) => {
          const t = this.stepTally(s);
          const anns = (s.lens === 'any' ? other : main)?.data.anns ?? [];
          return {
            id: s.id,
            found: t.found,
            missed: t.total - t.found,
            falseAlarms: t.falseAlarms,
            missedNumbers: t.missedIds.map((id) => anns.find((a) => a.id === id)?.n ?? 0).filter((n) => n > 0),
            falseAlarmRanges: t.ranges,
          };
        });
      const name = $<HTMLInputElement>(this, '.wt-name')?.value ?? '';
      const code = encodeResult({ lesson: this.lesson, fp: this.dataset.fp ?? '', name, steps });
      const box = $<HTMLElement>(this, '.wt-code-box');
      const area = $<HTMLTextAreaElement>(this, '.wt-code');
      if (box && area) {
        area.value = code;
        box.hidden = false;
        area.focus();
        area.select();
      }
      if (status) status.textContent = `Result code ready for ${steps.length} step${steps.length === 1 ? '' : 's'}. Copy it and send it to your teacher.`;
    } catch {
      if (status) status.textContent = 'The result code could not be made. Your results are still saved on this device.';
    }
  }

  private async copyCode() {
    const area = $<HTMLTextAreaElement>(this, '.wt-code');
    const status = $<HTMLElement>(this, '.wt-code-status');
    if (!area || !status) return;
    await copyField(area, status, 'code', 'Copied. Paste it wherever your teacher asked for it.');
  }

  private afterCheck() {
    if (this.steps.every((s) => this.stepState(s).checked)) this.state.done ??= Date.now();
    // Which text is the careful report is no secret once anything was checked.
    this.classList.toggle('texts-revealed', this.steps.some((s) => this.stepState(s).checked));
    this.renderSummary();
  }

  private uncheck(step: Step) {
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

  /** The words of a run as printed, punctuation and all. */
  private words(surface: Surface, a: number, b: number): string {
    const first = surface.tokens[a];
    const last = surface.tokens[Math.max(a, b - 1)];
    if (!first || !last) return '';
    const range = document.createRange();
    range.setStartBefore(first);
    range.setEndAfter(last);
    return range.toString().replace(/\s+/g, ' ').trim();
  }

  private note(id: string): string {
    return $<HTMLElement>(this, `.answers li[data-ann="${CSS.escape(id)}"] .ann-note`)?.textContent?.trim() ?? '';
  }

  private keyWords(surface: Surface, t: Target): string {
    const runs: string[] = [];
    const keys = t.k ?? [];
    for (let i = 0; i < keys.length; i++) {
      let j = i;
      while (j + 1 < keys.length && keys[j + 1] === keys[j] + 1) j++;
      runs.push(`“${this.words(surface, keys[i], keys[j] + 1)}”`);
      i = j;
    }
    return runs.join(', ');
  }

  private item(prefix: string, quote: string, rest: string, kind: string): HTMLLIElement {
    const li = document.createElement('li');
    li.dataset.kind = kind;
    const strong = document.createElement('strong');
    strong.textContent = prefix;
    const q = document.createElement('q');
    q.textContent = quote;
    li.append(strong, ' ', q, rest);
    return li;
  }

  private renderCheck(step: Step) {
    const st = this.stepState(step);
    const t = this.stepTally(step);
    const { careful } = this.outcome(step);
    const missedCount = t.total - t.found;
    step.el.classList.add('is-checked');
    step.el.classList.toggle('is-revealed', st.revealed || missedCount === 0);
    const other = this.surfaces.find((s) => s.which === 'other');
    const carefulFlags = careful?.falseAlarms.length ?? 0;

    const lines: string[] = [];
    if (step.lens === 'any' && step.parts.length === 0) {
      lines.push(`${step.label}: ${other ? `${this.textName('other')} is the careful report.` : ''}`);
      const d = this.discernment();
      if (d) lines.push(`In the steps you checked, ${d}.`);
      if (t.falseAlarms === 0 && t.total - t.found === 0) lines.push('Well judged: you left the careful report alone.');
    } else {
      lines.push(`${step.label}: ${describeTally(t)}${other && step.lens !== 'any' ? ` in ${this.textName('main')}` : ''}.`);
      if (other && step.lens !== 'any') {
        lines.push(`${this.textName('other')} is the careful report${carefulFlags > 0 ? `: you put ${carefulFlags} mark${carefulFlags === 1 ? '' : 's'} on words it does not flag` : ', and you left it alone'}.`);
      }
      if (step.lens === 'any' && t.total === 0 && t.falseAlarms === 0) lines.push('Well judged: this passage needs no flags.');
    }
    if (missedCount > 0 && !st.revealed && step.parts.length > 0) {
      const first = step.parts[0].targets.find((x) => x.id === t.missedIds[0]);
      const surface = step.parts[0].surface;
      if (first && st.hints >= 1) {
        const block = surface.data.blocks.filter((b) => b >= 0 && b <= first.a).length - 1;
        lines.push(`Hint: ${missedCount} still to find in ${this.textName(surface.which)}. One is in ${block === 0 ? 'the headline' : `paragraph ${block}`}.`);
      }
      if (first && st.hints >= 2) lines.push(`Hint: it starts with “${this.words(surface, first.a, first.a + 1)}”.`);
      if (!this.assignment.answers) lines.push('Your teacher will go through the answers. You can try again before you hand in.');
      else if (st.hints < 2 && this.assignment.hints) lines.push('Try again, ask for a hint, or show the answers.');
      else if (st.hints < 2) lines.push('Try again, or show the answers.');
    }
    const fb = $<HTMLElement>(step.el, '.wt-feedback');
    if (fb) {
      fb.tabIndex = -1;
      fb.replaceChildren(
        ...lines.map((l, i) => {
          const p = document.createElement('p');
          p.textContent = l;
          if (i === 0) p.className = 'wt-score';
          return p;
        }),
      );
    }

    // One line per thing marked that is not simply "found": why it is or is not flagged here.
    const alarms = $<HTMLElement>(step.el, '.wt-alarms');
    if (alarms) {
      const items: HTMLLIElement[] = [];
      const lensName = LENS_NAMES[step.lens] ?? 'anything';
      for (const p of step.parts) {
        const r = this.partResult(step, p);
        const s = p.surface;
        const where = other ? ` (${this.textName(s.which)})` : '';
        for (const id of r.partial) {
          const tg = p.targets.find((x) => x.id === id)!;
          items.push(this.item('Part of a flagged phrase:', this.words(s, tg.a, tg.b), `${where}. You marked part of it, but not the words doing the work: ${this.keyWords(s, tg)}. Mark one of those to count it.`, 'partial'));
        }
        for (const id of r.arguable) {
          const tg = p.targets.find((x) => x.id === id)!;
          const why = this.note(id);
          items.push(this.item('Arguable:', this.words(s, tg.a, tg.b), `${where}. Here is why this lesson does not score it${why ? `: ${why}` : '.'} It does not count for or against you.`, 'arguable'));
        }
        for (const d of r.defensible) {
          items.push(this.item('Fair to flag:', this.words(s, d.a, d.b), `${where}. ${d.reason} The lesson does not score it, so it does not count against you.`, 'defensible'));
        }
        for (const fa of r.falseAlarms) {
          let why = step.lens === 'any' ? ' is fine as it is: nothing here needs a flag.' : ` is not flagged as ${lensName}${where}.`;
          if (fa.otherLenses?.length) why += ` Good eye, though: it is flagged as ${fa.otherLenses.map((l) => LENS_NAMES[l]).join(' and ')}, which is another step.`;
          else if (fa.nearId) {
            const near = p.targets.find((x) => x.id === fa.nearId)!;
            why += ` You are close: it touches the flagged phrase “${this.words(s, near.a, near.b)}”.`;
          } else if (step.lens !== 'any') why += ' Nothing flagged is there.';
          items.push(this.item('Marked but not flagged here:', this.words(s, fa.a, fa.b), why, 'unflagged'));
        }
      }
      alarms.replaceChildren(...items);
      alarms.hidden = items.length === 0 || !this.assignment.answers;
      if (!alarms.hidden) alarms.setAttribute('aria-label', 'About the words you marked');
    }

    const answers = $<HTMLDetailsElement>(step.el, 'details.answers');
    if (answers) {
      answers.open = true;
      const parts = step.parts.length > 0 ? step.parts : [];
      const resultFor = (id: string) => {
        for (const p of parts) {
          const r = this.partResult(step, p);
          if (r.found.includes(id)) return 'found';
          if (r.missed.includes(id)) return 'missed';
        }
        return step.lens === 'any' ? (t.missedIds.includes(id) ? 'missed' : 'found') : 'missed';
      };
      for (const li of answers.querySelectorAll<HTMLElement>('li[data-ann]')) {
        const state = li.dataset.scored === 'false' ? 'arguable' : resultFor(li.dataset.ann!);
        li.dataset.state = state;
        let label = li.querySelector<HTMLElement>(':scope > .wt-state');
        if (!label) {
          label = document.createElement('p');
          label.className = 'wt-state';
          li.prepend(label);
        }
        label.textContent = state === 'found' ? '✓ Found' : state === 'missed' ? '✗ Missed' : '~ Arguable (not scored)';
      }
      const summary = $<HTMLElement>(answers, 'summary');
      if (summary && step.lens !== 'any') summary.textContent = st.revealed || missedCount === 0 ? 'All the answers, with notes' : `Notes on what you found (${t.found})`;
    }
    const show = (sel: string, on: boolean) => {
      const b = $<HTMLElement>(step.el, sel);
      if (b) b.hidden = !on;
    };
    const answersOn = this.assignment.answers;
    show('[data-act=hint]', this.assignment.hints && missedCount > 0 && !st.revealed && st.hints < 2 && step.parts.length > 0);
    show('[data-act=reveal]', answersOn && missedCount > 0 && !st.revealed);
    step.el.classList.toggle('answers-off', !answersOn);
    show('[data-act=retry]', step.parts.length > 0);
    show('.wt-next', true);
    const nextBtn = $<HTMLElement>(step.el, '[data-act=next]');
    if (nextBtn) nextBtn.textContent = this.steps.indexOf(step) === this.steps.length - 1 ? 'See your results' : 'Next step';
    if (this.current() === step) this.paintMarks(step);
  }

  /** "you flagged 9 of 14 problems and 1 thing in the careful report", over checked lens steps. */
  private discernment(): string | null {
    if (!this.surfaces.some((s) => s.which === 'other')) return null;
    const lensSteps = this.steps.filter((s) => s.lens !== 'any' && this.stepState(s).checked);
    if (lensSteps.length === 0) return null;
    let found = 0;
    let total = 0;
    let careful = 0;
    for (const s of lensSteps) {
      const t = this.stepTally(s);
      found += t.found;
      total += t.total;
      careful += this.outcome(s).careful?.falseAlarms.length ?? 0;
    }
    return describeDiscernment(found, total, careful);
  }

  private renderSummary() {
    const section = $<HTMLElement>(this, '.wt-summary');
    const body = $<HTMLElement>(this, '.wt-summary tbody');
    if (!section || !body) return;
    const checked = this.steps.filter((s) => this.stepState(s).checked);
    section.hidden = checked.length === 0;
    body.replaceChildren(
      ...this.steps.map((s) => {
        const tr = document.createElement('tr');
        const st = this.stepState(s);
        const t = st.checked ? this.stepTally(s) : null;
        const cells = [s.label, t ? (t.total === 0 ? 'nothing to find' : `${t.found} of ${t.total}`) : 'not checked yet', t ? String(t.falseAlarms) : '–'];
        cells.forEach((c, i) => {
          const cell = document.createElement(i === 0 ? 'th' : 'td');
          if (i === 0) cell.setAttribute('scope', 'row');
          cell.textContent = c;
          tr.append(cell);
        });
        return tr;
      }),
    );
    const d = this.discernment();
    const disc = $<HTMLElement>(this, '.wt-discernment');
    if (disc) {
      disc.textContent = d ? `Telling the two texts apart: ${d}.` : '';
      disc.hidden = !d;
    }
    const note = $<HTMLElement>(this, '.wt-summary-note');
    if (note) {
      const alarms = checked.reduce((n, s) => n + this.stepTally(s).falseAlarms, 0);
      note.textContent =
        checked.length < this.steps.length
          ? `${checked.length} of ${this.steps.length} steps checked. Your results are saved on this device only.`
          : alarms === 0
            ? 'Lesson complete, with no marks on words that are not flagged: careful reading. Your results are saved on this device only.'
            : `Lesson complete. ${describeUnflagged(alarms)}: flagging too much is a mistake too, so look at why those words were fine. Your results are saved on this device only.`;
    }
  }
}

if (!customElements.get('ml-walkthrough')) customElements.define('ml-walkthrough', Walkthrough);
