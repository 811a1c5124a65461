/**
 * Turn an excerpt and its anchored annotations into well-formed HTML.
 * Overlapping annotations become nested marks; where two spans cross, the
 * inner one is split so the markup always nests. Every piece of text is
 * escaped here, so content can never inject markup.
 */
import { LENSES, type LensId } from '../content/lenses.ts';
import type { Block } from '../content/text.ts';
import { markDomId, noteDomId } from './dom-ids.ts';

export interface Markable {
  id: string;
  start: number;
  end: number;
  lenses: LensId[];
  number: number;
}

export type RunNode =
  | { type: 'text'; start: number; end: number }
  | { type: 'mark'; ann: Markable; first: boolean; last: boolean; children: RunNode[] };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Runs of one block as a tree: text leaves inside nested marks. Outer marks
 * are the ones that start earlier (or, starting together, end later).
 */
export function buildRuns(block: Block, anns: readonly Markable[]): RunNode[] {
  const inBlock = anns.filter((a) => a.start < block.end && a.end > block.start);
  const cuts = new Set<number>([block.start, block.end]);
  for (const a of inBlock) {
    cuts.add(Math.max(a.start, block.start));
    cuts.add(Math.min(a.end, block.end));
  }
  const points = [...cuts].sort((x, y) => x - y);
  const order = (x: Markable, y: Markable) => x.start - y.start || y.end - x.end || x.number - y.number;

  const root: RunNode[] = [];
  const stack: { ann: Markable; node: Extract<RunNode, { type: 'mark' }> }[] = [];
  const container = () => (stack.length ? stack[stack.length - 1].node.children : root);

  for (let i = 0; i < points.length - 1; i++) {
    const s = points[i];
    const e = points[i + 1];
    const want = inBlock.filter((a) => a.start <= s && a.end >= e).sort(order);
    let keep = 0;
    while (keep < stack.length && keep < want.length && stack[keep].ann === want[keep]) keep++;
    while (stack.length > keep) stack.pop();
    for (let k = keep; k < want.length; k++) {
      const ann = want[k];
      const node: Extract<RunNode, { type: 'mark' }> = {
        type: 'mark',
        ann,
        first: s === ann.start,
        last: false,
        children: [],
      };
      container().push(node);
      stack.push({ ann, node });
    }
    container().push({ type: 'text', start: s, end: e });
    for (const { ann, node } of stack) if (e === ann.end) node.last = true;
  }
  return root;
}

export interface RenderOptions {
  excerptSlug: string;
  /** Show footnote references after each annotation. */
  refs?: boolean;
}

/** "S", "E/P": the letters a note reference shows for its lenses. */
export function lensLetters(lenses: readonly LensId[]): string {
  return lenses.map((l) => LENSES[l].letter).join('/');
}

/** Spoken after the visible "S1": which lenses the note covers. */
export function refLabel(ann: Markable): string {
  return `note on ${ann.lenses.map((l) => LENSES[l].label.toLowerCase()).join(' and ')}`;
}

function runsToHtml(text: string, nodes: RunNode[], opts: RenderOptions): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') {
      out += escapeHtml(text.slice(n.start, n.end));
      continue;
    }
    const { ann } = n;
    const id = n.first ? ` id="${escapeHtml(markDomId(opts.excerptSlug, ann.id))}"` : '';
    const lensClasses = ann.lenses.map((l) => `lens-${l}`).join(' ');
    out += `<mark class="ann ${lensClasses}"${id} data-ann="${escapeHtml(ann.id)}">`;
    out += runsToHtml(text, n.children, opts);
    out += '</mark>';
    if (n.last && opts.refs) {
      out +=
        `<a class="ref" href="#${escapeHtml(noteDomId(opts.excerptSlug, ann.id))}">` +
        `<span class="ref-lens">${lensLetters(ann.lenses)}</span>${ann.number}` +
        `<span class="visually-hidden"> (${escapeHtml(refLabel(ann))})</span></a>`;
    }
  }
  return out;
}

/** HTML of one block's inner content (no wrapper), line breaks kept. */
export function blockHtml(text: string, block: Block, anns: readonly Markable[], opts: RenderOptions): string {
  return runsToHtml(text, buildRuns(block, anns), opts).replace(/\n/g, '<br>');
}

/** One block with each word wrapped as <span class="w"> for the walkthrough. */
export function blockTokensHtml(text: string, block: Block, tokens: readonly { start: number; end: number }[]): string {
  let out = '';
  let pos = block.start;
  for (const t of tokens) {
    if (t.end <= block.start || t.start >= block.end) continue;
    out += escapeHtml(text.slice(pos, t.start)) + `<span class="w">${escapeHtml(text.slice(t.start, t.end))}</span>`;
    pos = t.end;
  }
  return (out + escapeHtml(text.slice(pos, block.end))).replace(/\n/g, '<br>');
}
