/**
 * A markable text for the lesson workbench: words as options of a
 * multi-select listbox, marked with mouse (click, drag, Shift+click), touch
 * (tap; in range mode tap the first word, then the last) or keyboard
 * (arrows, Home/End, Shift+arrows, Space; Enter runs `onEnter`).
 * The same interaction as the walkthrough's; moving with the keyboard is
 * shared with it (word-keys.ts).
 *
 * Modes: `range` keeps one contiguous selection (for choosing a quote);
 * `toggle` keeps any set of marked words (a learner's marks in the preview).
 */
import type { Block } from '../lib/content/text.ts';
import type { Token } from '../lib/learner/tokens.ts';
import { moveTarget, wordIndex } from './word-keys.ts';

export interface MarkOptions {
  mode: 'range' | 'toggle';
  idPrefix: string;
  onChange?: () => void;
  onEnter?: () => void;
}

export class MarkSurface {
  readonly el: HTMLElement;
  words: HTMLElement[] = [];
  marked = new Set<number>();
  private active = 0;
  private anchor = -1;
  private drag: { from: number; on: boolean } | null = null;
  private touchStart = -1;
  private lastPointer = 'mouse';

  private opts: MarkOptions;

  constructor(el: HTMLElement, opts: MarkOptions) {
    this.el = el;
    this.opts = opts;
    el.setAttribute('role', 'listbox');
    el.setAttribute('aria-multiselectable', 'true');
    el.tabIndex = 0;
    el.addEventListener('keydown', (e) => this.onKey(e));
    el.addEventListener('pointerdown', (e) => this.onDown(e));
    el.addEventListener('pointerover', (e) => this.onOver(e));
    el.addEventListener('click', (e) => this.onClick(e));
  }

  /** Draw the text: one paragraph per block, one option per token. */
  render(text: string, blocks: readonly Block[], tokens: readonly Token[]) {
    this.el.replaceChildren();
    this.words = [];
    let t = 0;
    blocks.forEach((b, bi) => {
      const p = document.createElement('p');
      p.setAttribute('role', 'none');
      let at = b.start;
      while (t < tokens.length && tokens[t].block === bi) {
        const tok = tokens[t];
        if (tok.start > at) p.append(text.slice(at, tok.start));
        const w = document.createElement('span');
        w.className = 'w';
        w.id = `${this.opts.idPrefix}-w${t}`;
        w.setAttribute('role', 'option');
        w.setAttribute('aria-selected', 'false');
        w.dataset.i = String(t);
        w.textContent = text.slice(tok.start, tok.end);
        p.append(w);
        this.words.push(w);
        at = tok.end;
        t++;
      }
      if (b.end > at) p.append(text.slice(at, b.end));
      this.el.append(p);
    });
    this.marked = new Set([...this.marked].filter((i) => i < this.words.length));
    this.active = Math.min(this.active, Math.max(0, this.words.length - 1));
    this.paint();
    this.setActive(this.active);
  }

  /** The selected range [a, b] (inclusive) in range mode, or null. */
  range(): { a: number; b: number } | null {
    if (this.marked.size === 0) return null;
    const all = [...this.marked];
    return { a: Math.min(...all), b: Math.max(...all) };
  }

  clear() {
    this.marked.clear();
    this.anchor = -1;
    this.paint();
    this.opts.onChange?.();
  }

  paint() {
    this.words.forEach((w, i) => w.setAttribute('aria-selected', String(this.marked.has(i))));
  }

  private setActive(i: number) {
    const w = this.words[i];
    this.words[this.active]?.classList.remove('is-active');
    this.active = i;
    if (!w) {
      this.el.removeAttribute('aria-activedescendant');
      return;
    }
    w.classList.add('is-active');
    this.el.setAttribute('aria-activedescendant', w.id);
    if (document.activeElement === this.el) w.scrollIntoView({ block: 'nearest' });
  }

  private selectRange(a: number, b: number) {
    this.marked = new Set();
    for (let i = Math.min(a, b); i <= Math.max(a, b); i++) this.marked.add(i);
  }

  private changed() {
    this.paint();
    this.opts.onChange?.();
  }

  private onKey(e: KeyboardEvent) {
    if (this.words.length === 0) return;
    const cur = this.active;
    const target = moveTarget(e.key, this.words, cur);
    if (target === null) {
      switch (e.key) {
        case 'Escape':
          if (this.marked.size > 0) {
            e.preventDefault();
            this.clear();
          }
          return;
        case ' ':
          e.preventDefault();
          if (this.opts.mode === 'toggle') {
            if (this.marked.has(cur)) this.marked.delete(cur);
            else this.marked.add(cur);
          } else {
            this.anchor = cur;
            this.selectRange(cur, cur);
          }
          this.changed();
          return;
        case 'Enter':
          e.preventDefault();
          if (this.opts.mode === 'range' && this.marked.size === 0) {
            this.anchor = cur;
            this.selectRange(cur, cur);
            this.changed();
          }
          if (this.opts.onEnter) this.opts.onEnter();
          else if (this.opts.mode === 'toggle') {
            if (this.marked.has(cur)) this.marked.delete(cur);
            else this.marked.add(cur);
            this.changed();
          }
          return;
      }
      return;
    }
    e.preventDefault();
    if (e.shiftKey) {
      if (this.opts.mode === 'range') {
        if (this.anchor < 0 || !this.marked.has(this.anchor)) this.anchor = cur;
        this.selectRange(this.anchor, target);
      } else for (let i = Math.min(cur, target); i <= Math.max(cur, target); i++) this.marked.add(i);
      this.changed();
    }
    this.setActive(target);
  }

  private onDown(e: PointerEvent) {
    this.lastPointer = e.pointerType;
    if (e.pointerType !== 'mouse' || e.button !== 0) return;
    const i = wordIndex(e);
    if (i < 0) return;
    e.preventDefault();
    this.el.focus({ preventScroll: true });
    if (this.opts.mode === 'range') {
      if (e.shiftKey && this.anchor >= 0) this.selectRange(this.anchor, i);
      else {
        this.anchor = i;
        this.selectRange(i, i);
      }
      this.drag = { from: this.anchor, on: true };
    } else {
      const on = !this.marked.has(i);
      if (on) this.marked.add(i);
      else this.marked.delete(i);
      this.drag = { from: i, on };
    }
    // A drag ends wherever the button is released; listen only for that release, so nothing outlives the surface.
    window.addEventListener('pointerup', () => (this.drag = null), { once: true });
    this.setActive(i);
    this.changed();
  }

  private onOver(e: PointerEvent) {
    if (!this.drag || e.pointerType !== 'mouse') return;
    const i = wordIndex(e);
    if (i < 0) return;
    if (this.opts.mode === 'range') this.selectRange(this.drag.from, i);
    else
      for (let j = Math.min(this.drag.from, i); j <= Math.max(this.drag.from, i); j++) {
        if (this.drag.on) this.marked.add(j);
        else this.marked.delete(j);
      }
    this.setActive(i);
    this.changed();
  }

  /** Taps (touch, pen) and clicks without a pointerdown (assistive tech). */
  private onClick(e: MouseEvent) {
    if (this.lastPointer === 'mouse' && e.detail > 0) return;
    const i = wordIndex(e);
    if (i < 0) return;
    if (this.opts.mode === 'toggle') {
      if (this.marked.has(i)) this.marked.delete(i);
      else this.marked.add(i);
    } else if (this.touchStart >= 0 && this.marked.size === 1 && this.marked.has(this.touchStart)) {
      this.selectRange(this.touchStart, i);
      this.anchor = this.touchStart;
      this.touchStart = -1;
    } else {
      this.touchStart = i;
      this.anchor = i;
      this.selectRange(i, i);
    }
    this.lastPointer = 'mouse';
    this.setActive(i);
    this.changed();
  }
}
