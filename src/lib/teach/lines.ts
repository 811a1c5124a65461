/**
 * Fixed-width lines for printed worksheets, so a class can say "line 12".
 * Lines break between words at `width` characters; paragraphs start on a
 * new line.
 */
import type { Block } from '../content/text.ts';

export interface Line {
  number: number;
  start: number;
  end: number;
  /** First line of a paragraph (printed with a little space above). */
  paragraphStart: boolean;
}

export function wrapLines(text: string, blocks: readonly Block[], width = 68): Line[] {
  const lines: Line[] = [];
  for (const b of blocks) {
    let lineStart = b.start;
    let lastBreak = -1;
    let first = true;
    for (let i = b.start; i <= b.end; i++) {
      const atEnd = i === b.end;
      const ch = text[i];
      if (!atEnd && ch !== ' ' && ch !== '\n') {
        if (i - lineStart >= width && lastBreak > lineStart) {
          lines.push({ number: lines.length + 1, start: lineStart, end: lastBreak, paragraphStart: first });
          first = false;
          lineStart = lastBreak + 1;
        }
        continue;
      }
      if (atEnd || ch === '\n') {
        if (i - lineStart > width && lastBreak > lineStart) {
          lines.push({ number: lines.length + 1, start: lineStart, end: lastBreak, paragraphStart: first });
          first = false;
          lineStart = lastBreak + 1;
        }
        lines.push({ number: lines.length + 1, start: lineStart, end: i, paragraphStart: first });
        first = false;
        lineStart = i + 1;
        lastBreak = -1;
      } else {
        lastBreak = i;
      }
    }
  }
  return lines;
}

/** The printed line number on which an offset falls. */
export function lineOf(lines: readonly Line[], offset: number): number {
  for (const l of lines) if (offset < l.end || (offset === l.end && l === lines[lines.length - 1])) return l.number;
  return lines.length;
}
