/**
 * Moving through a text of word elements (<span class="w" data-i>) with the keyboard, shared by
 * the walkthrough (walkthrough.ts) and the workbench's marking surfaces (marking.ts): arrows move
 * word by word and line by line, Home and End go to the first and last word. What a key marks
 * stays with each surface.
 */

/**
 * The word on the next (dir 1) or previous (-1) visual line nearest to `from` horizontally
 * (by centre), or `from` itself on the first or last line.
 */
export function lineNeighbour(words: readonly HTMLElement[], from: number, dir: 1 | -1): number {
  const r0 = words[from]?.getBoundingClientRect();
  if (!r0) return from;
  let best = -1;
  let bestDx = Infinity;
  let lineTop: number | null = null;
  for (let i = from + dir; i >= 0 && i < words.length; i += dir) {
    const r = words[i].getBoundingClientRect();
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

/** Where a movement key takes the active word (within the text), or null for any other key. */
export function moveTarget(key: string, words: readonly HTMLElement[], cur: number): number | null {
  let next: number;
  switch (key) {
    case 'ArrowRight':
      next = cur + 1;
      break;
    case 'ArrowLeft':
      next = cur - 1;
      break;
    case 'ArrowDown':
      next = lineNeighbour(words, cur, 1);
      break;
    case 'ArrowUp':
      next = lineNeighbour(words, cur, -1);
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = words.length - 1;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(words.length - 1, next));
}

/** The index of the word an event happened on (its data-i), or -1. */
export function wordIndex(e: Event): number {
  const w = (e.target as Element | null)?.closest?.('.w') as HTMLElement | null;
  return w?.dataset.i ? Number(w.dataset.i) : -1;
}
