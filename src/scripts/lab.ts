/**
 * <ml-lab>: the practice lab. Reads the compiled rules the page embeds (JSON),
 * analyses the pasted text in a Web Worker (lab-worker.ts) one rule at a time
 * under a time budget, so no rule, however written, can freeze the page: a
 * rule over budget is stopped, named, and the others still run. Shows the
 * density of cues first, the text with marks and the cues grouped by lens (a
 * lens can be turned off), lets the learner confirm, dismiss and add cues, and
 * downloads a report. The learner's text only ever becomes text nodes
 * (createElement/textContent), never HTML. Nothing leaves the device; the text
 * and choices are kept in sessionStorage for this tab only.
 *
 * For other pages (the lesson workbench): `element.acceptedCues()` returns
 * the analysed text and the cues the learner confirmed or added; the same
 * state is in sessionStorage under LAB_SESSION_KEY (see `Saved`).
 */
import type { Cue, CueStatus, LabRule, ReportCue, Span } from '../lib/lab/lab.ts';
import { LENS_IDS, LENSES, isLensId, type LensId } from '../lib/content/lenses.ts';
import type { Markable, RunNode } from '../lib/site/render.ts';
import type { Block } from '../lib/content/text.ts';
import { LAB_HANDOFF_KEY, LAB_SESSION_KEY } from '../lib/learner/storage-keys.ts';

/**
 * The analyser, renderer and export code load on first use (focus in the
 * lab, or Analyse), so the page itself stays light.
 */
const loadEngine = () =>
  Promise.all([import('../lib/lab/lab.ts'), import('../lib/site/render.ts'), import('../lib/content/text.ts')]).then(
    ([lab, render, text]) => ({
      ...lab,
      buildRuns: render.buildRuns,
      splitBlocks: text.splitBlocks,
      wordCount: text.wordCount,
    }),
  );
type Engine = Awaited<ReturnType<typeof loadEngine>>;
let enginePromise: Promise<Engine> | null = null;
const engine = () => (enginePromise ??= loadEngine());

const cueCode = (c: { lens: LensId; number: number }) => `${LENSES[c.lens].letter}${c.number}`;

interface LabData {
  rules: LabRule[];
  techniques: Record<string, string>;
}

/** What `acceptedCues()` returns: the analysed text and the cues the learner kept. */
export interface AcceptedCues {
  text: string;
  cues: {
    start: number;
    end: number;
    quote: string;
    lens: LensId;
    technique: string;
    rule: string;
    status: 'confirmed' | 'added';
    note: string;
  }[];
}

interface LabCue extends ReportCue {
  key: string;
  own: boolean;
}

interface Saved {
  v: 1;
  draft: string;
  analysed?: {
    text: string;
    decisions: Record<string, { s: 'confirmed' | 'dismissed'; n?: string }>;
    own: { start: number; end: number; lens: LensId; note: string }[];
  };
}

const MAX_CHARS = 400_000;
const SLICE_CHARS = 20_000;
/** Time one rule may take before it is stopped: 1.5 s, more for long texts (8 s at 400,000 characters). */
const ruleBudget = (chars: number) => Math.max(1500, chars / 50);
const LIST_SLICE = 120;
/** From this many characters (about 8,000 words) off-screen parts skip layout. */
const LONG_TEXT = 50_000;

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const fmt = (n: number) => n.toLocaleString('en');
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function readSession(): Saved | null {
  try {
    const raw = window.sessionStorage.getItem(LAB_SESSION_KEY);
    const v = raw ? (JSON.parse(raw) as Saved) : null;
    return v && v.v === 1 && typeof v.draft === 'string' ? v : null;
  } catch {
    return null;
  }
}

function writeSession(v: Saved | null) {
  try {
    if (v) window.sessionStorage.setItem(LAB_SESSION_KEY, JSON.stringify(v));
    else window.sessionStorage.removeItem(LAB_SESSION_KEY);
  } catch {
    // Storage full or blocked: the lab still works for this visit.
  }
}

/** What a cue's reference shows: a sign beside its number and, for screen readers, its state. */
const CUE_REF = {
  own: ['+', 'added by you'],
  confirmed: ['✓', 'confirmed'],
  dismissed: ['', 'dismissed'],
  quoted: ['“', 'quoted word'],
  neutral: ['·', 'credited, neutral'],
  suggested: ['', 'suggested'],
} as const;

function refState(cue: LabCue): keyof typeof CUE_REF {
  if (cue.own) return 'own';
  if (cue.status === 'confirmed' || cue.status === 'dismissed') return cue.status;
  return cue.tone === 'quoted' || cue.tone === 'neutral' ? cue.tone : 'suggested';
}

class Lab extends HTMLElement {
  private rules: LabRule[] = [];
  private titles: Record<string, string> = {};
  private base = '/';
  private text = '';
  private blocks: Block[] = [];
  private cues: LabCue[] = [];
  private own: LabCue[] = [];
  private byNumber = new Map<number, LabCue>();
  private nextNumber = 1;
  private starts = new WeakMap<Text, number>();
  private seq = 0;
  private pending: Span | null = null;
  private selTimer = 0;
  private saveTimer = 0;
  private abort: AbortController | null = null;
  private statusTimer = 0;
  private e: Engine | null = null;
  private stopped: LabRule[] = [];
  private workerFailed = false;

  private $<T extends Element = HTMLElement>(sel: string): T {
    const el = this.querySelector<T>(sel);
    if (!el) throw new Error(`practice lab: missing ${sel}`);
    return el;
  }

  connectedCallback() {
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    const data = JSON.parse(this.$('.lab-data').textContent ?? '{}') as LabData;
    this.rules = data.rules ?? [];
    this.titles = data.techniques ?? {};
    this.base = this.dataset.base ?? '/';

    const form = this.$<HTMLFormElement>('.lab-form');
    const area = this.$<HTMLTextAreaElement>('#lab-text');
    form.addEventListener(
      'submit',
      (e) => {
        e.preventDefault();
        void this.run(area.value);
      },
      { signal },
    );
    area.addEventListener('input', () => this.saveSoon(), { signal });
    this.addEventListener('click', (e) => this.onClick(e), { signal });
    this.addEventListener('focusin', () => void engine(), { once: true, signal });
    this.$('.lab-add-form').addEventListener(
      'submit',
      (e) => {
        e.preventDefault();
        this.addOwn();
      },
      { signal },
    );
    this.$('#lab-add-words').addEventListener('input', () => (this.pending = null), { signal });
    this.addEventListener(
      'input',
      (e) => {
        const input = e.target as HTMLInputElement;
        if (!input.matches('.lab-note input')) return;
        const cue = this.byNumber.get(Number(input.dataset.cue));
        if (cue) {
          cue.note = input.value;
          this.saveSoon();
        }
      },
      { signal },
    );
    this.addEventListener(
      'change',
      (e) => {
        const box = e.target as HTMLInputElement;
        if (!box.matches('.lab-lens-toggles input[type="checkbox"]') || !isLensId(box.value)) return;
        this.showLens(box.value, box.checked);
      },
      { signal },
    );
    document.addEventListener(
      'selectionchange',
      () => {
        clearTimeout(this.selTimer);
        this.selTimer = window.setTimeout(() => this.captureSelection(), 120);
      },
      { signal },
    );

    const saved = readSession();
    if (saved) {
      area.value = saved.draft;
      if (saved.analysed) void this.run(saved.analysed.text, saved);
    }
  }

  disconnectedCallback() {
    this.abort?.abort();
    this.abort = null;
    clearTimeout(this.selTimer);
    // A pending save is written now rather than lost.
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.save();
    }
  }

  // ----------------------------------------------------------- analysing

  private async run(text: string, restore?: Saved) {
    const mine = ++this.seq;
    const area = this.$<HTMLTextAreaElement>('#lab-text');
    if (!text.trim()) {
      this.announce('Paste or type some text first, then press Analyse.');
      area.focus();
      return;
    }
    if (text.length > MAX_CHARS) {
      this.announce(
        `This text has ${fmt(text.length)} characters; the lab reads up to ${fmt(MAX_CHARS)} (about 60,000 words). Paste a shorter part.`,
      );
      return;
    }
    this.announce('Analysing…', true);
    const e = (this.e ??= await engine());
    if (mine !== this.seq) return;
    const { splitBlocks } = e;
    const words = e.wordCount(text);
    this.announce(`Analysing ${plural(words, 'word')}…`, true);

    this.workerFailed = false;
    const result = await this.analyse(text, mine);
    if (!result || mine !== this.seq) return;
    const found = result.cues;
    this.stopped = result.stopped;

    this.text = text;
    this.blocks = splitBlocks(text);
    this.pending = null;
    this.byNumber.clear();
    this.cues = found.map((c, i) => ({
      ...c,
      number: i + 1,
      status: 'suggested',
      note: '',
      key: `${c.ruleId}:${c.start}:${c.end}`,
      own: false,
    }));
    this.own = [];
    this.nextNumber = this.cues.length + 1;
    for (const c of this.cues) this.byNumber.set(c.number, c);
    if (restore?.analysed && restore.analysed.text === text) this.restoreChoices(restore.analysed);

    const done = await this.renderAll(mine);
    if (!done) return;
    const sugg = this.cues.filter((c) => c.tone === 'cue');
    const byLens = LENS_IDS.map((l) => `${fmt(sugg.filter((c) => c.lens === l).length)} ${LENSES[l].label.toLowerCase()}`).join(
      ', ',
    );
    const others = this.cues.length - sugg.length;
    const lead = restore ? 'Restored your text and choices from earlier in this tab. ' : '';
    const more = others ? ` ${plural(others, 'more mark')} ${others === 1 ? 'is' : 'are'} neutral (quoted or credited).` : '';
    this.announce(
      `${lead}Found ${plural(sugg.length, 'cue')} in ${plural(words, 'word')}: ${byLens}.${more}${this.stoppedLine()}`,
    );
    this.saveSoon();
  }

  /**
   * Run every rule in a worker, one at a time. A rule still running after its
   * budget is stopped (the worker is ended), named in `stopped`, and a fresh
   * worker carries on with the next rule. Resolves null if a newer analysis
   * started meanwhile.
   */
  private analyse(text: string, mine: number): Promise<{ cues: Cue[]; stopped: LabRule[] } | null> {
    const e = this.e!;
    const rules = this.rules;
    const found: (Cue & { order: number })[] = [];
    const stopped: LabRule[] = [];
    const budget = ruleBudget(text.length);
    return new Promise((resolve) => {
      let worker: Worker | null = null;
      let timer = 0;
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        worker?.terminate();
        worker = null;
        resolve(ok ? { cues: e.mergeMatches(found), stopped } : null);
      };
      const start = (from: number) => {
        if (from >= rules.length) return finish(true);
        try {
          worker = new Worker(new URL('./lab-worker.ts', import.meta.url), { type: 'module' });
        } catch {
          // No workers here (very old browser): run on this thread instead.
          const ctx = e.analysisContext(text);
          for (let i = from; i < rules.length; i++) for (const c of e.matchRule(ctx, rules[i])) found.push({ ...c, order: i });
          return finish(true);
        }
        let current = from;
        let started = false;
        const stop = () => {
          worker?.terminate();
          if (!started) {
            // The worker never answered: say so rather than blame a rule.
            this.workerFailed = true;
            return finish(true);
          }
          stopped.push(rules[current]);
          start(current + 1);
        };
        // Also time the worker's start, so a worker that never answers cannot hang the lab.
        timer = window.setTimeout(stop, 20_000);
        worker.onmessage = (ev: MessageEvent<{ type: string; id: number; index: number; cues?: Cue[] }>) => {
          const m = ev.data;
          if (mine !== this.seq) return finish(false);
          started = true;
          if (m.type === 'rule') {
            current = m.index;
            clearTimeout(timer);
            timer = window.setTimeout(stop, budget);
          } else if (m.type === 'found') {
            clearTimeout(timer);
            for (const c of m.cues ?? []) found.push({ ...c, order: m.index });
          } else if (m.type === 'end') finish(true);
        };
        worker.onerror = (ev) => {
          ev.preventDefault();
          clearTimeout(timer);
          stop();
        };
        worker.postMessage({ type: 'run', id: mine, text, rules, from });
      };
      start(0);
    });
  }

  private stoppedLine(): string {
    if (this.workerFailed)
      return ' The analyser could not start in this browser, so some rules did not run. Reload the page to try again.';
    if (!this.stopped.length) return '';
    const names = [...new Set(this.stopped.map((r) => `“${r.label}” (${r.id})`))];
    return ` ${names.length === 1 ? 'The rule' : 'The rules'} ${names.join(', ')} took too long on this text (or failed) and ${names.length === 1 ? 'was' : 'were'} stopped; the other rules ran.`;
  }

  /** Show or hide one lens's marks and list. */
  private showLens(lens: LensId, on: boolean) {
    this.classList.toggle(`hide-${lens}`, !on);
    const group = this.querySelector<HTMLElement>(`.lab-group[data-lens="${lens}"]`);
    if (group) group.hidden = !on;
    this.announce(`${LENSES[lens].label} cues ${on ? 'shown' : 'hidden'}.`);
  }

  /**
   * The analysed text and the cues the learner confirmed or added, in text
   * order: the hand-off to other pages (e.g. turning a lab session into a lesson).
   */
  acceptedCues(): AcceptedCues {
    const kept = [...this.cues, ...this.own]
      .filter((c) => c.status === 'confirmed' || c.status === 'added')
      .sort((a, b) => a.start - b.start || a.number - b.number);
    return {
      text: this.text,
      cues: kept.map((c) => ({
        start: c.start,
        end: c.end,
        quote: this.text.slice(c.start, c.end),
        lens: c.lens,
        technique: c.technique,
        rule: c.ruleId,
        status: c.status as 'confirmed' | 'added',
        note: c.note,
      })),
    };
  }

  private restoreChoices(a: NonNullable<Saved['analysed']>) {
    for (const c of this.cues) {
      const d = a.decisions[c.key];
      if (d && (d.s === 'confirmed' || d.s === 'dismissed')) {
        c.status = d.s;
        c.note = typeof d.n === 'string' ? d.n : '';
      }
    }
    for (const o of a.own ?? []) {
      if (!isLensId(o.lens) || !(o.start >= 0 && o.end > o.start && o.end <= this.text.length)) continue;
      this.own.push(this.ownCue(o.start, o.end, o.lens, String(o.note ?? '')));
    }
  }

  private ownCue(start: number, end: number, lens: LensId, note: string): LabCue {
    const cue: LabCue = {
      start,
      end,
      lens,
      technique: lens,
      ruleId: 'own',
      tone: 'cue',
      label: 'Your cue',
      explanation: '',
      number: this.nextNumber++,
      status: 'added',
      note,
      key: `own:${start}:${end}:${lens}`,
      own: true,
    };
    this.byNumber.set(cue.number, cue);
    return cue;
  }

  // ----------------------------------------------------------- rendering

  private async renderAll(mine: number): Promise<boolean> {
    const results = this.$<HTMLElement>('.lab-results');
    const textEl = this.$<HTMLElement>('.lab-text');
    const lists = new Map(LENS_IDS.map((l) => [l, this.$<HTMLOListElement>(`.lab-cues[data-lens="${l}"]`)]));
    textEl.replaceChildren();
    for (const list of lists.values()) list.replaceChildren();
    this.$('.lab-own').replaceChildren();
    this.$('.lab-add-msg').textContent = '';
    results.hidden = false;
    results.classList.toggle('is-long', this.text.length > LONG_TEXT);

    const buckets = this.bucket([...this.cues, ...this.own]);
    let frag = document.createDocumentFragment();
    let chars = 0;
    for (let i = 0; i < this.blocks.length; i++) {
      frag.append(this.renderBlock(i, buckets[i]));
      chars += this.blocks[i].end - this.blocks[i].start;
      if (chars >= SLICE_CHARS) {
        textEl.append(frag);
        frag = document.createDocumentFragment();
        chars = 0;
        await tick();
        if (mine !== this.seq) return false;
      }
    }
    textEl.append(frag);

    this.$<HTMLElement>('.lab-none').hidden = this.cues.length > 0;
    for (let i = 0; i < this.cues.length; i += LIST_SLICE) {
      for (const c of this.cues.slice(i, i + LIST_SLICE)) lists.get(c.lens)!.append(this.item(c));
      if (i + LIST_SLICE < this.cues.length) {
        await tick();
        if (mine !== this.seq) return false;
      }
    }
    for (const c of this.own) this.$('.lab-own').append(this.item(c));
    this.updateCounts();
    return true;
  }

  /** Cues per block, for rendering; a cue that spans blocks goes in each. */
  private bucket(cues: readonly LabCue[]): LabCue[][] {
    const out: LabCue[][] = this.blocks.map(() => []);
    for (const c of cues) {
      let lo = 0;
      let hi = this.blocks.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.blocks[mid].end <= c.start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.blocks.length && this.blocks[i].start < c.end; i++) out[i].push(c);
    }
    return out;
  }

  private renderBlock(i: number, cues: readonly LabCue[]): HTMLParagraphElement {
    const p = h('p');
    p.dataset.block = String(i);
    const anns: Markable[] = cues.map((c) => ({
      id: String(c.number),
      start: c.start,
      end: c.end,
      lenses: [c.lens],
      number: c.number,
    }));
    this.appendRuns(p, this.e!.buildRuns(this.blocks[i], anns));
    return p;
  }

  private rerenderBlocks(start: number, end: number) {
    const all = [...this.cues, ...this.own];
    const textEl = this.$<HTMLElement>('.lab-text');
    this.blocks.forEach((b, i) => {
      if (b.end <= start || b.start >= end) return;
      const old = textEl.querySelector(`p[data-block="${i}"]`);
      const cues = all.filter((c) => c.start < b.end && c.end > b.start);
      old?.replaceWith(this.renderBlock(i, cues));
    });
  }

  private appendRuns(parent: HTMLElement, nodes: RunNode[]) {
    for (const n of nodes) {
      if (n.type === 'text') {
        const t = document.createTextNode(this.text.slice(n.start, n.end));
        this.starts.set(t, n.start);
        parent.append(t);
        continue;
      }
      const cue = this.byNumber.get(n.ann.number)!;
      const mark = h('mark', undefined, `ann lens-${cue.lens} lab-mark`);
      mark.dataset.cue = String(cue.number);
      mark.title = cue.own ? 'Your cue' : cue.label;
      if (cue.tone !== 'cue') mark.classList.add(`is-${cue.tone}`);
      if (n.first) mark.id = `lab-cue-${cue.number}`;
      this.appendRuns(mark, n.children);
      parent.append(mark);
      if (n.last) parent.append(this.ref(cue));
      this.paintMark(mark, cue);
    }
  }

  private ref(cue: LabCue): HTMLAnchorElement {
    const a = h('a', undefined, `ref lab-ref lens-${cue.lens}`);
    a.href = `#lab-item-${cue.number}`;
    a.dataset.cue = String(cue.number);
    a.dataset.at = String(cue.end);
    a.append(
      h('span', LENSES[cue.lens].letter, 'ref-lens'),
      String(cue.number),
      h('span', '', 'lab-ref-sign'),
      h('span', '', 'visually-hidden'),
    );
    this.paintRef(a, cue);
    return a;
  }

  private paintMark(mark: HTMLElement, cue: LabCue) {
    mark.classList.toggle('is-confirmed', cue.status === 'confirmed');
    mark.classList.toggle('is-dismissed', cue.status === 'dismissed');
    mark.classList.toggle('is-own', cue.own);
  }

  private paintRef(a: HTMLElement, cue: LabCue) {
    const [sign, state] = CUE_REF[refState(cue)];
    a.hidden = cue.status === 'dismissed';
    a.querySelector('.lab-ref-sign')!.textContent = sign;
    a.querySelector('.visually-hidden')!.textContent = ` (${LENSES[cue.lens].label.toLowerCase()} cue, ${state})`;
  }

  private techniqueHref(id: string): string {
    return `${this.base.replace(/\/?$/, '/')}techniques/${encodeURIComponent(id)}/`;
  }

  private item(cue: LabCue): HTMLLIElement {
    const code = cueCode(cue);
    const li = h('li', undefined, `lab-item lens-${cue.lens}`);
    li.id = `lab-item-${cue.number}`;
    li.dataset.cue = String(cue.number);
    li.dataset.state = cue.status;
    li.dataset.tone = cue.tone;

    const head = h('p', undefined, 'lab-item-head');
    const tag = h('span', undefined, `lens-tag lens-${cue.lens}`);
    const letter = h('span', LENSES[cue.lens].letter, 'lens-letter');
    letter.setAttribute('aria-hidden', 'true');
    tag.append(letter, LENSES[cue.lens].label);
    head.append(h('strong', code, 'lab-item-code'), ' ', tag);
    if (cue.tone !== 'cue') head.append(h('span', cue.tone === 'quoted' ? 'Quoted' : 'Credited', 'lab-item-tone'));
    head.append(h('span', '', 'lab-item-state'));
    const quote = h('p', undefined, 'lab-item-quote');
    quote.append(h('q', squash(this.text.slice(cue.start, cue.end))));
    li.append(head, quote);

    if (!cue.own) {
      const why = h('p', undefined, 'lab-item-why');
      why.append(h('strong', `Rule: ${cue.label}.`), ` ${cue.explanation}`);
      li.append(why);
    }
    const links = h('p', undefined, 'lab-item-links');
    const about = h('a', `About ${(this.titles[cue.technique] ?? cue.technique).toLowerCase()}`);
    about.href = this.techniqueHref(cue.technique);
    const show = h('a', 'Show in text');
    show.href = `#lab-cue-${cue.number}`;
    links.append(about, ' · ', show);
    li.append(links);

    const actions = h('p', undefined, 'lab-item-actions');
    const button = (act: string, label: string) => {
      const b = h('button', label);
      b.type = 'button';
      b.dataset.act = act;
      b.dataset.cue = String(cue.number);
      b.append(h('span', ` cue ${code}`, 'visually-hidden'));
      return b;
    };
    if (cue.own) actions.append(button('remove', 'Remove'));
    else {
      const confirm = button('confirm', 'Confirm');
      const dismiss = button('dismiss', 'Dismiss');
      actions.append(confirm, ' ', dismiss);
    }
    li.append(actions);
    this.paintItem(li, cue);
    return li;
  }

  private paintItem(li: HTMLElement, cue: LabCue) {
    li.dataset.state = cue.status;
    const words: Record<CueStatus, string> = {
      suggested: '',
      confirmed: 'Confirmed',
      dismissed: 'Dismissed',
      added: 'Added by you',
    };
    li.querySelector('.lab-item-state')!.textContent = words[cue.status] ? ` ${words[cue.status]}` : '';
    for (const b of li.querySelectorAll<HTMLButtonElement>('button[data-act="confirm"], button[data-act="dismiss"]')) {
      const pressed = b.dataset.act === 'confirm' ? cue.status === 'confirmed' : cue.status === 'dismissed';
      b.setAttribute('aria-pressed', String(pressed));
    }
    const wantsNote = cue.status === 'confirmed' || cue.status === 'added';
    let note = li.querySelector<HTMLElement>('.lab-note');
    if (wantsNote && !note) {
      note = h('p', undefined, 'lab-note');
      const id = `lab-note-${cue.number}`;
      const label = h('label', `Your note on ${cueCode(cue)}`);
      label.htmlFor = id;
      const input = h('input');
      input.type = 'text';
      input.id = id;
      input.maxLength = 500;
      input.autocomplete = 'off';
      input.dataset.cue = String(cue.number);
      input.value = cue.note;
      note.append(label, input);
      li.append(note);
    }
    if (note) note.hidden = !wantsNote;
  }

  private repaint(cue: LabCue) {
    const li = this.querySelector<HTMLElement>(`#lab-item-${cue.number}`);
    if (li) this.paintItem(li, cue);
    for (const m of this.querySelectorAll<HTMLElement>(`.lab-text mark[data-cue="${cue.number}"]`)) this.paintMark(m, cue);
    const ref = this.querySelector<HTMLElement>(`.lab-text .lab-ref[data-cue="${cue.number}"]`);
    if (ref) this.paintRef(ref, cue);
  }

  private updateCounts() {
    const n = (s: CueStatus) => this.cues.filter((c) => c.status === s).length;
    const words = this.e!.wordCount(this.text);
    const sugg = this.cues.filter((c) => c.tone === 'cue');
    this.$('.lab-density').textContent = this.e!.densityMessage(sugg.length, words);
    this.$('.lab-stopped').textContent = this.stoppedLine().trim();
    this.$<HTMLElement>('.lab-stopped').hidden = !this.stopped.length && !this.workerFailed;
    const per = LENS_IDS.map((l) => `${fmt(sugg.filter((c) => c.lens === l).length)} ${LENSES[l].letter}`).join(', ');
    this.$('.lab-counts').textContent =
      `${plural(sugg.length, 'suggested cue')} (${per}) in ${plural(words, 'word')}. You confirmed ${fmt(n('confirmed'))}, dismissed ${fmt(n('dismissed'))} and added ${fmt(this.own.length)}.`;
    for (const l of LENS_IDS) {
      const all = this.cues.filter((c) => c.lens === l);
      const k = all.filter((c) => c.tone === 'cue').length;
      this.$(`.lab-group[data-lens="${l}"] .lab-group-count`).textContent =
        `${plural(k, 'cue')}${all.length > k ? `, ${fmt(all.length - k)} neutral` : ''}`;
    }
    this.$<HTMLElement>('.lab-own-none').hidden = this.own.length > 0;
  }

  private decisionsLine(): string {
    const n = (s: CueStatus) => this.cues.filter((c) => c.status === s).length;
    return `${fmt(n('confirmed'))} confirmed, ${fmt(n('dismissed'))} dismissed, ${fmt(this.own.length)} added by you.`;
  }

  // ------------------------------------------------------------- actions

  private onClick(e: MouseEvent) {
    const target = e.target as Element;
    const button = target.closest<HTMLButtonElement>('button[data-act]');
    if (!button || !this.contains(button)) return;
    const act = button.dataset.act;
    if (act === 'sample') {
      const area = this.$<HTMLTextAreaElement>('#lab-text');
      area.value = this.dataset.sample ?? '';
      void this.run(area.value);
    } else if (act === 'clear') this.clear();
    else if (act === 'report' && this.e)
      this.download('practice-lab-report.txt', 'text/plain;charset=utf-8', '\ufeff' + this.e.textReport(this.exportInput()));
    else if (act === 'json' && this.e)
      this.download('practice-lab-cues.json', 'application/json', this.e.jsonExport(this.exportInput()));
    else if (act === 'to-lesson') this.toLesson();
    else if (act === 'confirm' || act === 'dismiss') {
      const cue = this.byNumber.get(Number(button.dataset.cue));
      if (!cue) return;
      const want: CueStatus = act === 'confirm' ? 'confirmed' : 'dismissed';
      cue.status = cue.status === want ? 'suggested' : want;
      this.repaint(cue);
      this.updateCounts();
      const what = cue.status === 'suggested' ? 'back to undecided' : cue.status;
      this.announce(`Cue ${cueCode(cue)} ${what}. ${this.decisionsLine()}`);
      this.saveSoon();
    } else if (act === 'remove') {
      const cue = this.byNumber.get(Number(button.dataset.cue));
      if (!cue) return;
      this.own = this.own.filter((c) => c !== cue);
      this.byNumber.delete(cue.number);
      this.rerenderBlocks(cue.start, cue.end);
      this.querySelector(`#lab-item-${cue.number}`)?.remove();
      this.updateCounts();
      this.$<HTMLInputElement>('#lab-add-words').focus();
      this.announce(`Removed your cue ${cueCode(cue)}. ${this.decisionsLine()}`);
      this.saveSoon();
    }
  }

  private clear() {
    this.seq++;
    this.$<HTMLTextAreaElement>('#lab-text').value = '';
    this.text = '';
    this.cues = [];
    this.own = [];
    this.blocks = [];
    this.byNumber.clear();
    this.$('.lab-text').replaceChildren();
    for (const list of this.querySelectorAll('.lab-cues')) list.replaceChildren();
    this.$('.lab-own').replaceChildren();
    this.stopped = [];
    this.$<HTMLElement>('.lab-results').hidden = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = 0;
    writeSession(null);
    this.$<HTMLTextAreaElement>('#lab-text').focus();
    this.announce('Cleared. Your text and choices are forgotten.');
  }

  private addOwn() {
    const wordsInput = this.$<HTMLInputElement>('#lab-add-words');
    const noteInput = this.$<HTMLInputElement>('#lab-add-note');
    const msg = this.$('.lab-add-msg');
    const lensValue = this.querySelector<HTMLInputElement>('.lab-add-form input[name="lens"]:checked')?.value;
    const lens: LensId = isLensId(lensValue) ? lensValue : 'sourcing-gap';
    const say = (text: string) => {
      msg.textContent = '';
      window.setTimeout(() => (msg.textContent = text), 50);
    };
    const words = wordsInput.value;
    if (!this.text || !this.e) return say('Analyse a text first.');
    if (!words.trim()) {
      wordsInput.focus();
      return say('Type or select the words you want to mark.');
    }
    let spans: Span[];
    const p = this.pending;
    if (p && squash(this.text.slice(p.start, p.end)).toLowerCase() === squash(words).toLowerCase()) spans = [p];
    else spans = this.e.findOccurrences(this.text, words);
    if (spans.length === 0) {
      wordsInput.focus();
      return say(`“${squash(words)}” is not in the analysed text. Copy the words as they appear there (capitals do not matter).`);
    }
    const active = [...this.cues, ...this.own].filter((c) => c.lens === lens && c.status !== 'dismissed');
    const clash = (s: Span) => active.find((c) => c.start < s.end && s.start < c.end);
    const free = spans.find((s) => !clash(s));
    if (!free) {
      const other = clash(spans[0])!;
      return say(
        `Those words overlap cue ${cueCode(other)}, already marked as ${LENSES[lens].label.toLowerCase()}. Confirm that cue instead, or dismiss it first.`,
      );
    }
    const cue = this.ownCue(free.start, free.end, lens, noteInput.value);
    this.own.push(cue);
    this.rerenderBlocks(cue.start, cue.end);
    this.$('.lab-own').append(this.item(cue));
    this.updateCounts();
    wordsInput.value = '';
    noteInput.value = '';
    this.pending = null;
    const many =
      spans.length > 1
        ? ` Those words appear ${fmt(spans.length)} times; the first one not already marked with this lens was used.`
        : '';
    say(`Added your cue ${cueCode(cue)}: “${squash(this.text.slice(cue.start, cue.end))}”.${many}`);
    this.saveSoon();
  }

  // ----------------------------------------------------------- selection

  /** The text offset of a DOM boundary point inside the rendered text. */
  private offsetAt(node: Node, offset: number): number | null {
    if (node.nodeType === Node.TEXT_NODE) {
      const s = this.starts.get(node as Text);
      if (s !== undefined) return s + offset;
      const ref = node.parentElement?.closest<HTMLElement>('.lab-ref');
      return ref ? Number(ref.dataset.at) : null;
    }
    const child = node.childNodes[offset];
    if (child) return this.offsetBefore(child);
    let n: Node | null = node;
    const root = this.$('.lab-text');
    while (n && n !== root && !n.nextSibling) n = n.parentNode;
    return n && n !== root && n.nextSibling ? this.offsetBefore(n.nextSibling) : this.text.length;
  }

  /** The offset where a node's first text begins. */
  private offsetBefore(node: Node): number {
    const walker = document.createTreeWalker(this.$('.lab-text'), NodeFilter.SHOW_TEXT);
    walker.currentNode = node;
    let t: Node | null = node.nodeType === Node.TEXT_NODE ? node : walker.nextNode();
    while (t) {
      const s = this.starts.get(t as Text);
      if (s !== undefined) return s;
      const ref = t.parentElement?.closest<HTMLElement>('.lab-ref');
      if (ref) return Number(ref.dataset.at);
      t = walker.nextNode();
    }
    return this.text.length;
  }

  private captureSelection() {
    const sel = document.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !this.text) return;
    const range = sel.getRangeAt(0);
    const root = this.$('.lab-text');
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    let start = this.offsetAt(range.startContainer, range.startOffset);
    let end = this.offsetAt(range.endContainer, range.endOffset);
    if (start === null || end === null) return;
    while (start < end && /\s/.test(this.text[start])) start++;
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    if (end <= start || end - start > 500) return;
    this.pending = { start, end };
    this.$<HTMLInputElement>('#lab-add-words').value = squash(this.text.slice(start, end));
  }

  // ------------------------------------------------------ saving, export

  private saveSoon() {
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => {
      this.saveTimer = 0;
      this.save();
    }, 300);
  }

  private save() {
    const draft = this.$<HTMLTextAreaElement>('#lab-text').value;
    const saved: Saved = { v: 1, draft };
    if (this.text) {
      const decisions: NonNullable<Saved['analysed']>['decisions'] = {};
      for (const c of this.cues) {
        if (c.status === 'confirmed' || c.status === 'dismissed')
          decisions[c.key] = c.note ? { s: c.status, n: c.note } : { s: c.status };
      }
      saved.analysed = {
        text: this.text,
        decisions,
        own: this.own.map((c) => ({ start: c.start, end: c.end, lens: c.lens, note: c.note })),
      };
    }
    writeSession(draft || this.text ? saved : null);
  }

  // --- Handoff to the lesson workbench (/write/, issue 17): keep this block when reworking the lab. ---
  /** Opens the workbench with the text and the confirmed and own cues (sessionStorage key below, read by src/lib/write/workbench.ts). */
  private toLesson() {
    if (!this.text) return;
    const cues = [...this.cues.filter((c) => c.status === 'confirmed'), ...this.own].map((c) => ({
      start: c.start,
      end: c.end,
      lens: c.lens,
      note: c.note,
    }));
    try {
      window.sessionStorage.setItem(LAB_HANDOFF_KEY, JSON.stringify({ text: this.text, cues }));
    } catch {
      this.announce(
        'The workbench cannot be opened from here because this browser does not allow session storage. Copy your text into the workbench instead.',
      );
      return;
    }
    window.location.href = `${this.base.replace(/\/?$/, '/')}write/`;
  }
  // --- end of the workbench handoff ---

  private exportInput() {
    return {
      text: this.text,
      cues: [...this.cues, ...this.own],
      date: new Date().toISOString(),
      techniqueUrl: (id: string) => new URL(this.techniqueHref(id), window.location.href).href,
      techniqueTitles: this.titles,
    };
  }

  private download(name: string, type: string, content: string) {
    if (!this.text) return;
    const href = URL.createObjectURL(new Blob([content], { type }));
    const a = h('a');
    a.href = href;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    this.announce(`Downloaded ${name}.`);
  }

  private announce(text: string, now = false) {
    const status = this.$('.lab-status');
    clearTimeout(this.statusTimer);
    if (now) {
      status.textContent = text;
      return;
    }
    // Clear first so the same sentence twice is still announced.
    status.textContent = '';
    this.statusTimer = window.setTimeout(() => (status.textContent = text), 60);
  }
}

if (!customElements.get('ml-lab')) customElements.define('ml-lab', Lab);
