/**
 * <ml-projector>: the projector view as slides. One slide at a time; on a
 * step slide the flagged phrases are revealed one by one in reading order,
 * and the note of the current phrase opens in a large panel. The slide is
 * kept in the URL hash (#slide-2) so a reload comes back to it. Without this
 * script (or if it fails) the page stays one long readable page.
 */

interface Phrase {
  id: string;
  marks: HTMLElement[];
  refs: HTMLElement[];
  card: HTMLElement | null;
  text: string;
  /** A judgement call the lesson does not score (`scored: false`): shown, and said to be arguable. */
  arguable: boolean;
}

interface Slide {
  el: HTMLElement;
  label: string;
  phrases: Phrase[];
  /** How many phrases are revealed (the first `revealed`, in reading order). */
  revealed: number;
}

const $ = <T extends Element>(root: ParentNode, sel: string) => root.querySelector<T>(sel);
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

class Projector extends HTMLElement {
  private slides: Slide[] = [];
  private index = 0;
  /** Phrase whose note is open (index into the current slide), or null. */
  private noteFor: number | null = null;
  /** The phrase with the outline: the last revealed, unless a reference was clicked. */
  private cursor: number | null = null;
  /** Listeners and observers of this connection; cleaned up when disconnected. */
  private abort: AbortController | null = null;
  private dockObserver: ResizeObserver | null = null;

  connectedCallback() {
    this.disconnectedCallback();
    this.abort = new AbortController();
    try {
      this.init();
    } catch (err) {
      // Fall back to the long page: every slide, mark and note visible.
      this.classList.add('pj-failed');
      console.warn('Projector view could not start', err);
    }
  }

  disconnectedCallback() {
    this.abort?.abort();
    this.abort = null;
    this.dockObserver?.disconnect();
    this.dockObserver = null;
  }

  private init() {
    const { signal } = this.abort!;
    this.slides = [];
    for (const el of this.querySelectorAll<HTMLElement>('.pj-slide')) {
      const phrases: Phrase[] = [];
      for (const li of el.querySelectorAll<HTMLElement>('.pj-notes li[data-ann]')) {
        const id = li.dataset.ann!;
        const marks = [...el.querySelectorAll<HTMLElement>(`.pj-text mark.ann[data-ann="${CSS.escape(id)}"]`)];
        if (marks.length === 0) throw new Error(`no mark for ${id}`);
        const refs = [...el.querySelectorAll<HTMLElement>(`.pj-text a.ref[href="#${CSS.escape(li.id)}"]`)];
        phrases.push({
          id,
          marks,
          refs,
          card: $(li, '.ann-card'),
          text: marks.map((m) => m.textContent ?? '').join(' '),
          arguable: li.dataset.scored === 'false',
        });
      }
      this.slides.push({ el, label: el.dataset.label ?? '', phrases, revealed: 0 });
    }
    if (this.slides.length === 0) throw new Error('no slides');

    this.index = this.slideFromHash() ?? 0;
    this.addEventListener('click', (e) => this.onClick(e), { signal });
    // Capture phase: runs before the site-wide shortcuts (the search dialog lives in the hidden header).
    window.addEventListener('keydown', (e) => this.onKey(e), { capture: true, signal });
    window.addEventListener(
      'hashchange',
      () => {
        const i = this.slideFromHash();
        if (i !== null && i !== this.index) this.go(i, 'start');
      },
      { signal },
    );
    const fsButton = $<HTMLButtonElement>(this, 'button[data-act="fullscreen"]');
    if (fsButton && !(document.fullscreenEnabled && typeof document.documentElement.requestFullscreen === 'function')) {
      fsButton.hidden = true;
    }
    document.addEventListener('fullscreenchange', () => this.render(false), { signal });
    // The dock (controls and note) is fixed at the bottom: let the page scroll clear of it.
    const dock = $<HTMLElement>(this, '.pj-dock');
    if (dock && 'ResizeObserver' in window) {
      this.dockObserver = new ResizeObserver(() => {
        document.documentElement.style.setProperty('--pj-dock-h', `${Math.ceil(dock.getBoundingClientRect().height)}px`);
      });
      this.dockObserver.observe(dock);
    }
    this.render(false);
  }

  // ----- state -----
  private get slide(): Slide {
    return this.slides[this.index];
  }

  private slideFromHash(): number | null {
    const m = /^#slide-(\d+)$/.exec(location.hash);
    if (!m) return null;
    const n = Number(m[1]);
    return n >= 1 && n <= this.slides.length ? n - 1 : null;
  }

  /** Show slide i; "end" shows it fully revealed (coming back from the next slide). */
  private go(i: number, at: 'start' | 'end') {
    this.index = Math.max(0, Math.min(this.slides.length - 1, i));
    const s = this.slide;
    s.revealed = at === 'end' ? s.phrases.length : 0;
    this.noteFor = null;
    this.cursor = null;
    const hash = `#slide-${this.index + 1}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
    window.scrollTo({ top: 0, behavior: 'instant' });
    this.render(true);
  }

  private next() {
    const s = this.slide;
    if (s.revealed < s.phrases.length) {
      s.revealed++;
      this.noteFor = null;
      this.cursor = null;
      this.render(true);
      this.scrollToCurrent();
    } else if (this.index < this.slides.length - 1) {
      this.go(this.index + 1, 'start');
    }
  }

  private back() {
    const s = this.slide;
    if (s.revealed > 0) {
      s.revealed--;
      this.noteFor = null;
      this.cursor = null;
      this.render(true);
      this.scrollToCurrent();
    } else if (this.index > 0) {
      this.go(this.index - 1, 'end');
      this.scrollToCurrent();
    }
  }

  private currentPhrase(): number | null {
    const s = this.slide;
    if (this.cursor !== null && this.cursor < s.revealed) return this.cursor;
    return s.revealed > 0 ? s.revealed - 1 : null;
  }

  private toggleNote(which: number | null = this.currentPhrase()) {
    if (which === null) {
      this.announce(this.slide.phrases.length ? 'Reveal a phrase first, then show its note.' : 'This slide has no notes.');
      return;
    }
    this.noteFor = this.noteFor === which ? null : which;
    this.render(true);
    this.scrollToCurrent();
  }

  private async toggleFullscreen() {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else if (document.fullscreenEnabled) await document.documentElement.requestFullscreen();
      else this.announce('Full screen is not available in this browser.');
    } catch {
      this.announce('Full screen is not available here.');
    }
  }

  // ----- input -----
  private onKey(e: KeyboardEvent) {
    const t = e.target as HTMLElement | null;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if (t?.closest?.('dialog')) return;
    if (e.key === '/' || ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey))) {
      // The header and its search dialog are hidden on this page: keep their shortcuts from opening it.
      e.stopPropagation();
      return;
    }
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    // Let buttons and links do their own thing with Enter and Space.
    const onControl = !!t?.closest?.('button, a[href], summary');
    const key = e.key;
    let act: (() => void) | null = null;
    switch (key) {
      case 'ArrowRight':
      case 'PageDown':
        act = () => this.next();
        break;
      case ' ':
        if (!onControl) act = e.shiftKey ? () => this.back() : () => this.next();
        break;
      case 'ArrowLeft':
      case 'PageUp':
        act = () => this.back();
        break;
      case 'Enter':
        if (!onControl) act = () => this.toggleNote();
        break;
      case 'n':
      case 'N':
        act = () => this.toggleNote();
        break;
      case 'f':
      case 'F':
        act = () => void this.toggleFullscreen();
        break;
      case 'Home':
        act = () => this.go(0, 'start');
        break;
      case 'End':
        act = () => this.go(this.slides.length - 1, 'start');
        break;
      case 'Escape':
        if (this.noteFor !== null) act = () => this.toggleNote(this.noteFor);
        break;
      default:
        return;
    }
    if (!act) return;
    e.preventDefault();
    act();
  }

  private onClick(e: MouseEvent) {
    const target = e.target as Element;
    const btn = target.closest<HTMLButtonElement>('button[data-act]');
    if (btn) {
      if (btn.getAttribute('aria-disabled') === 'true') return;
      switch (btn.dataset.act) {
        case 'next':
          this.next();
          break;
        case 'back':
          this.back();
          break;
        case 'note':
          this.toggleNote();
          break;
        case 'fullscreen':
          void this.toggleFullscreen();
          break;
      }
      return;
    }
    // A note reference in the text opens that phrase's note instead of jumping to the hidden list.
    const ref = target.closest<HTMLAnchorElement>('.pj-text a.ref');
    if (ref) {
      const i = this.slide.phrases.findIndex((p) => p.refs.includes(ref));
      if (i >= 0 && i < this.slide.revealed) {
        e.preventDefault();
        this.cursor = i;
        this.noteFor = i;
        this.render(true);
      }
    }
  }

  // ----- output -----
  private render(announce: boolean) {
    const s = this.slide;
    const cur = this.currentPhrase();
    this.slides.forEach((sl, i) => sl.el.classList.toggle('is-current', i === this.index));
    s.phrases.forEach((p, i) => {
      const shown = i < s.revealed;
      for (const m of p.marks) {
        m.classList.toggle('is-revealed', shown);
        m.classList.toggle('is-current', i === cur);
        // An unrevealed mark reads as plain text to screen readers too.
        if (shown) m.removeAttribute('role');
        else m.setAttribute('role', 'presentation');
      }
      for (const r of p.refs) r.classList.toggle('is-revealed', shown);
    });
    this.dataset.slide = String(this.index + 1);

    // Counters.
    const n = s.phrases.length;
    const slideCount = `Slide ${this.index + 1} of ${this.slides.length}`;
    let phraseCount = s.label;
    const isStep = s.el.matches('.pj-step');
    if (isStep) {
      if (n === 0) phraseCount = `${s.label} · nothing flagged`;
      else if (s.revealed === 0) phraseCount = `${s.label} · ${n} ${n === 1 ? 'phrase' : 'phrases'} to reveal`;
      else phraseCount = `${s.label} · phrase ${s.revealed} of ${n}`;
    }
    this.setText('.pj-slide-count', slideCount);
    this.setText('.pj-phrase-count', phraseCount);

    // Note panel.
    const panel = $<HTMLElement>(this, '.pj-note');
    if (this.noteFor !== null && this.noteFor >= s.revealed) this.noteFor = null;
    const open = this.noteFor !== null;
    if (panel) {
      panel.hidden = !open;
      if (this.noteFor !== null) this.fillNote(panel, s.phrases[this.noteFor], this.noteFor + 1, n);
    }
    this.classList.toggle('note-open', open);

    let said = '';
    if (cur !== null) said = `: “${s.phrases[cur].text}”${s.phrases[cur].arguable ? ', arguable, not scored' : ''}`;
    if (open) said += '. Note shown.';
    if (announce) this.setText('.pj-said', said);

    // Buttons.
    const atStart = this.index === 0 && s.revealed === 0;
    const atEnd = this.index === this.slides.length - 1 && s.revealed === n;
    this.button('back', atStart);
    this.button('next', atEnd);
    const note = this.button('note', cur === null);
    note?.setAttribute('aria-expanded', String(open));
    if (note) note.textContent = open ? 'Hide note' : 'Note';
    const fs = this.button('fullscreen', false);
    fs?.setAttribute('aria-pressed', String(!!document.fullscreenElement));
  }

  private fillNote(panel: HTMLElement, p: Phrase, number: number, of: number) {
    const card = p.card;
    const head = $<HTMLElement>(panel, '.pj-note-head')!;
    head.textContent = `Phrase ${number} of ${of}${p.arguable ? ' (arguable, not scored)' : ''}: “${p.text}”`;
    const lenses = $<HTMLElement>(panel, '.pj-note-lenses')!;
    lenses.replaceChildren(...[...(card?.querySelectorAll('.lens-tag') ?? [])].map((t) => t.cloneNode(true)));
    const question = $<HTMLElement>(panel, '.pj-note-question')!;
    const q = card ? $<HTMLElement>(card, '.ann-question') : null;
    question.hidden = !q;
    question.replaceChildren(...(q ? [...q.childNodes].map((c) => c.cloneNode(true)) : []));
    const text = $<HTMLElement>(panel, '.pj-note-text')!;
    text.textContent = (card ? $<HTMLElement>(card, '.ann-note')?.textContent : '') ?? '';
    panel.scrollTop = 0;
  }

  private button(act: string, disabled: boolean): HTMLButtonElement | null {
    const b = $<HTMLButtonElement>(this, `button[data-act="${act}"]`);
    // aria-disabled, not disabled: the button keeps focus when it runs out.
    if (b) b.setAttribute('aria-disabled', String(disabled));
    return b;
  }

  private setText(sel: string, text: string) {
    const el = $<HTMLElement>(this, sel);
    if (el && el.textContent !== text) el.textContent = text;
  }

  private announce(text: string) {
    this.setText('.pj-said', '');
    requestAnimationFrame(() => this.setText('.pj-said', `. ${text}`));
  }

  /** Bring the current phrase into the part of the screen not covered by the bar or the note. */
  private scrollToCurrent() {
    const cur = this.currentPhrase();
    if (cur === null) return;
    const { marks } = this.slide.phrases[cur];
    const dock = $<HTMLElement>(this, '.pj-dock');
    let bottom = window.innerHeight;
    if (dock && getComputedStyle(dock).position === 'fixed') bottom = Math.min(bottom, dock.getBoundingClientRect().top);
    const first = marks[0].getBoundingClientRect();
    const last = marks[marks.length - 1].getBoundingClientRect();
    const height = last.bottom - first.top;
    // Comfortable zone: clear of the top edge and at least a line above the dock.
    const margin = 16;
    const line = parseFloat(getComputedStyle(marks[0]).fontSize) * 1.6 || margin;
    if (first.top >= margin && last.bottom <= bottom - line) return;
    const y = window.scrollY + first.top - Math.max(margin, bottom / 3 - height / 2);
    window.scrollTo({ top: Math.max(0, y), behavior: reducedMotion() ? 'instant' : 'smooth' });
  }
}

if (!customElements.get('ml-projector')) customElements.define('ml-projector', Projector);
