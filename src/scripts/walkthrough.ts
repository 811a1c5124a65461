/**
 * <ml-walkthrough>: learners mark words in the excerpt for each step, press
 * Check, and get feedback per phrase. Scoring and saved state live in
 * src/lib; this element only wires the page up.
 */
import { parseAssignment, type Assignment } from '../lib/assignment.ts';
import { lessonStateFor, emptyStep, type LessonState, type StepState } from '../lib/progress.ts';
import { describeTally, scoreStep, tally, type StepResult, type Target } from '../lib/score.ts';
import type { ExcerptTokenData } from '../lib/tokens.ts';
import { copyField } from './clipboard.ts';
import { loadProgress, saveProgress } from './progress-store.ts';

interface Surface {
  el: HTMLElement;
  tokens: HTMLElement[];
  data: ExcerptTokenData;
}

interface Step {
  id: string;
  el: HTMLElement;
  label: string;
  lens: string;
  surface: Surface;
  targets: Target[];
  others: Target[];
}

const LENS_NAMES: Record<string, string> = {
  'sourcing-gap': 'a sourcing gap',
  'emotive-language': 'emotive language',
  'unsupported-prediction': 'an unsupported prediction',
};

const $ = <T extends Element>(root: ParentNode, sel: string) => root.querySelector<T>(sel);

class Walkthrough extends HTMLElement {
  private steps: Step[] = [];
  private state!: LessonState;
  private lesson = '';
  private active = new Map<Surface, number>();
  private drag: { surface: Surface; anchor: number; on: boolean } | null = null;
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
    const surfaces = new Map<string, Surface>();
    const surfaceFor = (slug: string, scope: ParentNode): Surface => {
      const el = $<HTMLElement>(scope, `figure[data-excerpt="${slug}"] .excerpt-text`);
      const d = data.find((x) => x.slug === slug);
      if (!el || !d) throw new Error(`no surface for ${slug}`);
      if (!surfaces.has(slug)) surfaces.set(slug, this.setupSurface(el, d));
      return surfaces.get(slug)!;
    };
    for (const el of this.querySelectorAll<HTMLElement>('li.step[data-step]')) {
      const lens = el.dataset.lens ?? '';
      const slug = el.dataset.excerpt ?? '';
      const surface = surfaceFor(slug, slug === this.dataset.main ? this : el);
      const all: Target[] = surface.data.anns;
      const targets = lens === 'any' ? all : all.filter((a) => a.lenses.includes(lens));
      this.steps.push({
        id: el.dataset.step!,
        el,
        lens,
        label: el.dataset.label ?? '',
        surface,
        targets,
        others: all.filter((a) => !targets.includes(a)),
      });
    }
    if (this.steps.length === 0) throw new Error('no steps');

    // A teacher's assignment link may choose steps and turn hints or answers off.
    this.assignment = parseAssignment(location.search, this.steps.map((s) => s.id));
    for (const s of this.steps) {
      if (this.assignment.steps.includes(s.id)) continue;
      s.el.hidden = true;
      this.querySelector<HTMLElement>(`.wt-nav button[data-go="${s.id}"]`)?.closest('li')?.setAttribute('hidden', '');
    }
    this.steps = this.steps.filter((s) => this.assignment.steps.includes(s.id));
    if (this.assignment.assigned) {
      const names = this.steps.map((s) => s.label).join(', ');
      this.banner(
        `Assigned by your teacher: ${names}. Hints are ${this.assignment.hints ? 'on' : 'off'}. ` +
          (this.assignment.answers ? 'After Check you will see the answers and notes.' : 'After Check you will see your counts only.'),
      );
    }

    const { progress, corrupt } = loadProgress();
    const counts = Object.fromEntries(this.steps.map((s) => [s.id, s.surface.data.count]));
    this.state = lessonStateFor(progress, this.lesson, this.steps.map((s) => s.id), counts);
    if (corrupt) this.banner('Saved progress on this device could not be read, so this lesson starts fresh. Your earlier data was kept aside, not deleted.');

    this.addEventListener('click', (e) => this.onClick(e));
    this.show(this.state.current ?? this.steps[0].id, false);
    for (const s of this.steps) if (this.stepState(s).checked) this.renderCheck(s);
    this.renderSummary();
  }

  private setupSurface(el: HTMLElement, data: ExcerptTokenData): Surface {
    const tokens = [...el.querySelectorAll<HTMLElement>('.w')];
    if (tokens.length !== data.count) throw new Error(`token count mismatch for ${data.slug}`);
    const surface: Surface = { el, tokens, data };
    el.setAttribute('role', 'listbox');
    el.setAttribute('aria-multiselectable', 'true');
    el.tabIndex = 0;
    const label = el.dataset.labelId;
    if (label) el.setAttribute('aria-labelledby', label);
    el.setAttribute('aria-describedby', this.ensureHelpId());
    el.querySelectorAll('p').forEach((p) => p.setAttribute('role', 'none'));
    tokens.forEach((t, i) => {
      t.id = `${data.slug}-w${i}`;
      t.setAttribute('role', 'option');
      t.setAttribute('aria-selected', 'false');
      t.dataset.i = String(i);
    });
    this.active.set(surface, 0);
    el.setAttribute('aria-activedescendant', tokens[0]?.id ?? '');
    el.addEventListener('keydown', (e) => this.onKey(e, surface));
    el.addEventListener('pointerdown', (e) => this.onPointerDown(e, surface));
    el.addEventListener('pointerover', (e) => this.onPointerOver(e, surface));
    el.addEventListener('click', (e) => this.onTokenClick(e, surface));
    window.addEventListener('pointerup', () => this.endDrag());
    return surface;
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
    for (const s of this.steps) s.el.classList.toggle('is-current', s === step);
    this.querySelectorAll<HTMLButtonElement>('.wt-nav button[data-go]').forEach((b) => {
      if (b.dataset.go === step.id) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
    });
    this.paintMarks(step);
    if (focus) $<HTMLElement>(step.el, 'h3')?.focus();
  }

  private paintMarks(step: Step) {
    const st = this.stepState(step);
    const marks = new Set(st.marks);
    const result = st.checked ? this.result(step) : null;
    const found = new Set<number>();
    const missed = new Set<number>();
    const alarm = new Set<number>();
    if (result) {
      for (const t of step.targets) {
        const set = result.found.includes(t.id) ? found : st.revealed ? missed : null;
        if (set) for (let i = t.a; i < t.b; i++) if (set === missed || marks.has(i)) set.add(i);
      }
      for (const fa of result.falseAlarms) for (let i = fa.a; i < fa.b; i++) alarm.add(i);
      if (!this.assignment.answers) {
        found.clear();
        missed.clear();
        alarm.clear();
      }
    }
    step.surface.tokens.forEach((t, i) => {
      t.setAttribute('aria-selected', String(marks.has(i)));
      t.classList.toggle('fb-found', found.has(i));
      t.classList.toggle('fb-missed', missed.has(i) && !marks.has(i));
      t.classList.toggle('fb-alarm', alarm.has(i));
      t.classList.toggle('fb-end', (found.has(i) && !found.has(i + 1)) || (alarm.has(i) && !alarm.has(i + 1)));
    });
    this.renderMarkedCount(step);
  }

  private renderMarkedCount(step: Step) {
    const n = this.stepState(step).marks.length;
    const p = $<HTMLElement>(step.el, '.wt-marked');
    if (p) p.textContent = n === 0 ? 'No words marked yet.' : `${n} word${n === 1 ? '' : 's'} marked.`;
  }

  // ----- marking -----
  private setMark(step: Step, i: number, on: boolean) {
    const st = this.stepState(step);
    const marks = new Set(st.marks);
    if (on) marks.add(i);
    else marks.delete(i);
    st.marks = [...marks].sort((a, b) => a - b);
    if (st.checked) this.uncheck(step);
  }

  private stepFor(surface: Surface): Step | undefined {
    const cur = this.current();
    return cur.surface === surface ? cur : undefined;
  }

  private focusToken(surface: Surface, i: number) {
    const n = surface.tokens.length;
    const idx = Math.max(0, Math.min(n - 1, i));
    surface.tokens[this.active.get(surface) ?? 0]?.classList.remove('is-active');
    this.active.set(surface, idx);
    const t = surface.tokens[idx];
    t.classList.add('is-active');
    surface.el.setAttribute('aria-activedescendant', t.id);
    t.scrollIntoView({ block: 'nearest', inline: 'nearest' });
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

  private onKey(e: KeyboardEvent, surface: Surface) {
    const step = this.stepFor(surface);
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
        this.setMark(step, cur, !this.stepState(step).marks.includes(cur));
        this.paintMarks(step);
        this.save();
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    const target = Math.max(0, Math.min(surface.tokens.length - 1, next));
    if (e.shiftKey && target !== cur) {
      // Shift+arrow marks the words it passes over, like extending a selection.
      const lo = Math.min(cur, target);
      const hi = Math.max(cur, target);
      for (let i = lo; i <= hi; i++) this.setMark(step, i, true);
      this.paintMarks(step);
      this.save();
    }
    this.focusToken(surface, target);
  }

  private tokenIndex(e: Event): number {
    const t = (e.target as Element | null)?.closest?.('.w') as HTMLElement | null;
    return t?.dataset.i ? Number(t.dataset.i) : -1;
  }

  private onPointerDown(e: PointerEvent, surface: Surface) {
    if (e.pointerType !== 'mouse' || e.button !== 0) return;
    const step = this.stepFor(surface);
    const i = this.tokenIndex(e);
    if (!step || i < 0) return;
    e.preventDefault();
    surface.el.focus({ preventScroll: true });
    const on = !this.stepState(step).marks.includes(i);
    this.drag = { surface, anchor: i, on };
    this.setMark(step, i, on);
    this.focusToken(surface, i);
    this.paintMarks(step);
  }

  private onPointerOver(e: PointerEvent, surface: Surface) {
    if (!this.drag || this.drag.surface !== surface) return;
    const step = this.stepFor(surface);
    const i = this.tokenIndex(e);
    if (!step || i < 0) return;
    const lo = Math.min(this.drag.anchor, i);
    const hi = Math.max(this.drag.anchor, i);
    for (let k = lo; k <= hi; k++) this.setMark(step, k, this.drag.on);
    this.focusToken(surface, i);
    this.paintMarks(step);
  }

  private endDrag() {
    if (!this.drag) return;
    this.drag = null;
    this.save();
  }

  /** Touch and pen: a tap toggles one word (mouse is handled on pointerdown). */
  private onTokenClick(e: MouseEvent, surface: Surface) {
    if ((e as PointerEvent).pointerType === 'mouse') return;
    const step = this.stepFor(surface);
    const i = this.tokenIndex(e);
    if (!step || i < 0) return;
    this.setMark(step, i, !this.stepState(step).marks.includes(i));
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
        step.surface.el.focus();
        break;
      case 'clear':
        st.marks = [];
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
        this.state = { steps: {}, current: this.steps[0].id, updated: 0 };
        for (const s of this.steps) this.uncheck(s);
        this.show(this.steps[0].id, true);
        this.renderSummary();
        break;
      default:
        return;
    }
    this.save();
  }

  /** The result code holds only checked steps: counts, missed phrase numbers and false-alarm ranges. */
  private async makeCode() {
    const status = $<HTMLElement>(this, '.wt-code-status');
    try {
      const { encodeResult } = await import('../lib/result-code.ts');
      const steps = this.steps
        .filter((s) => this.stepState(s).checked)
        .map((s) => {
          const r = this.result(s);
          const t = tally(r);
          return {
            id: s.id,
            found: t.found,
            missed: t.total - t.found,
            falseAlarms: t.falseAlarms,
            missedNumbers: r.missed.map((id) => s.surface.data.anns.find((a) => a.id === id)?.n ?? 0).filter((n) => n > 0),
            falseAlarmRanges: r.falseAlarms.map((fa) => [fa.a, fa.b] as [number, number]),
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

  private result(step: Step): StepResult {
    return scoreStep(new Set(this.stepState(step).marks), step.targets, step.others);
  }

  private words(surface: Surface, a: number, b: number): string {
    return surface.tokens
      .slice(a, b)
      .map((t) => t.textContent)
      .join(' ');
  }

  private renderCheck(step: Step) {
    const st = this.stepState(step);
    const r = this.result(step);
    const t = tally(r);
    step.el.classList.add('is-checked');
    step.el.classList.toggle('is-revealed', st.revealed || r.missed.length === 0);

    const lines: string[] = [`${step.label}: ${describeTally(t)}.`];
    if (step.lens === 'any' && t.total === 0 && t.falseAlarms === 0) lines.push('Well judged: this passage needs no flags.');
    if (r.missed.length > 0 && !st.revealed) {
      const first = step.targets.find((x) => x.id === r.missed[0])!;
      if (st.hints >= 1) {
        const block = step.surface.data.blocks.filter((b) => b >= 0 && b <= first.a).length - 1;
        lines.push(`Hint: ${r.missed.length} still to find. One is in ${block === 0 ? 'the headline' : `paragraph ${block}`}.`);
      }
      if (st.hints >= 2) lines.push(`Hint: it starts with “${this.words(step.surface, first.a, first.a + 1)}”.`);
      if (!this.assignment.answers) lines.push('Your teacher will go through the answers. You can try again before you hand in.');
      else if (st.hints < 2 && this.assignment.hints) lines.push('Try again, ask for a hint, or show the answers.');
      else if (st.hints < 2) lines.push('Try again, or show the answers.');
    }
    const fb = $<HTMLElement>(step.el, '.wt-feedback');
    if (fb) {
      fb.replaceChildren(
        ...lines.map((l, i) => {
          const p = document.createElement('p');
          p.textContent = l;
          if (i === 0) p.className = 'wt-score';
          return p;
        }),
      );
    }

    const alarms = $<HTMLElement>(step.el, '.wt-alarms');
    if (alarms) {
      alarms.replaceChildren(
        ...r.falseAlarms.map((fa) => {
          const li = document.createElement('li');
          const q = document.createElement('q');
          q.textContent = this.words(step.surface, fa.a, fa.b);
          const lensName = LENS_NAMES[step.lens] ?? 'anything';
          let why = step.lens === 'any' ? ' is fine as it is: nothing here needs a flag.' : ` is not flagged as ${lensName}.`;
          if (fa.otherLenses?.length) why += ` Good eye, though: it is flagged as ${fa.otherLenses.map((l) => LENS_NAMES[l]).join(' and ')}, which is another step.`;
          else if (fa.nearId) {
            const near = step.targets.find((x) => x.id === fa.nearId)!;
            why += ` You are close: the flagged phrase nearby is “${this.words(step.surface, near.a, near.b)}”.`;
          }
          li.append('False alarm: ', q, why);
          return li;
        }),
      );
      alarms.hidden = r.falseAlarms.length === 0 || !this.assignment.answers;
    }

    const answers = $<HTMLDetailsElement>(step.el, 'details.answers');
    if (answers) {
      answers.open = true;
      for (const li of answers.querySelectorAll<HTMLElement>('li[data-ann]')) {
        li.dataset.state = r.found.includes(li.dataset.ann!) ? 'found' : 'missed';
      }
      const summary = $<HTMLElement>(answers, 'summary');
      if (summary) summary.textContent = st.revealed || r.missed.length === 0 ? 'All the answers, with notes' : `Notes on what you found (${r.found.length})`;
    }
    const show = (sel: string, on: boolean) => {
      const b = $<HTMLElement>(step.el, sel);
      if (b) b.hidden = !on;
    };
    const answersOn = this.assignment.answers;
    show('[data-act=hint]', this.assignment.hints && r.missed.length > 0 && !st.revealed && st.hints < 2);
    show('[data-act=reveal]', answersOn && r.missed.length > 0 && !st.revealed);
    step.el.classList.toggle('answers-off', !answersOn);
    show('[data-act=retry]', true);
    show('.wt-next', true);
    const nextBtn = $<HTMLElement>(step.el, '[data-act=next]');
    if (nextBtn) nextBtn.textContent = this.steps.indexOf(step) === this.steps.length - 1 ? 'See your results' : 'Next step';
    if (this.current() === step) this.paintMarks(step);
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
        const t = st.checked ? tally(this.result(s)) : null;
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
    const note = $<HTMLElement>(this, '.wt-summary-note');
    if (note) {
      const alarms = checked.reduce((n, s) => n + this.result(s).falseAlarms.length, 0);
      note.textContent =
        checked.length < this.steps.length
          ? `${checked.length} of ${this.steps.length} steps checked. Your results are saved on this device only.`
          : alarms === 0
            ? 'Lesson complete, with no false alarms: careful reading. Your results are saved on this device only.'
            : `Lesson complete. ${alarms} false alarm${alarms === 1 ? '' : 's'}: flagging too much is a mistake too, so look at why those words were fine. Your results are saved on this device only.`;
    }
  }
}

if (!customElements.get('ml-walkthrough')) customElements.define('ml-walkthrough', Walkthrough);
