import { describe, expect, it } from 'vitest';
import { blockHtml, buildRuns, escapeHtml, type Markable } from '../../src/lib/site/render.ts';

const text = 'The stench of 10,000 corpses <b>will</b> certainly follow.';
const block = { start: 0, end: text.length };
const m = (id: string, quote: string, lenses: Markable['lenses'], number: number): Markable => {
  const start = text.indexOf(quote);
  return { id, start, end: start + quote.length, lenses, number };
};

/** Check that the HTML nests properly by parsing tags with a stack. */
function wellFormed(html: string): boolean {
  const stack: string[] = [];
  for (const t of html.matchAll(/<(\/?)(mark|a|span)\b[^>]*>/g)) {
    if (t[1]) {
      if (stack.pop() !== t[2]) return false;
    } else stack.push(t[2]);
  }
  return stack.length === 0;
}

describe('rendering annotated text', () => {
  it('escapes text so content can never inject markup', () => {
    const html = blockHtml(text, block, [], { excerptSlug: 'x' });
    expect(html).toContain('&lt;b&gt;will&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('nests an annotation inside a longer one of another lens', () => {
    const outer = m('stench', 'stench of 10,000 corpses', ['emotive-language'], 1);
    const inner = m('number', '10,000', ['sourcing-gap'], 2);
    const runs = buildRuns(block, [inner, outer]);
    const markNode = runs.find((n) => n.type === 'mark');
    expect(markNode && markNode.type === 'mark' && markNode.ann.id).toBe('stench');
    const html = blockHtml(text, block, [inner, outer], { excerptSlug: 'x', refs: true });
    expect(wellFormed(html)).toBe(true);
    expect(html).toMatch(
      /<mark class="ann lens-emotive-language" id="x--stench"[^>]*>stench of <mark class="ann lens-sourcing-gap" id="x--number"/,
    );
  });

  it('splits crossing spans into well-formed pieces, with the id on the first piece only', () => {
    const a = m('a', 'stench of 10,000', ['emotive-language'], 1);
    const b = m('b', '10,000 corpses', ['sourcing-gap'], 2);
    const html = blockHtml(text, block, [a, b], { excerptSlug: 'x', refs: true });
    expect(wellFormed(html)).toBe(true);
    expect(html.match(/data-ann="b"/g)).toHaveLength(2);
    expect(html.match(/id="x--b"/g)).toHaveLength(1);
    // Reading the text back gives the original words.
    const plain = html.replace(/<a class="ref".*?<\/a>/g, '').replace(/<[^>]+>/g, '');
    expect(plain).toBe(escapeHtml(text));
  });

  it('puts one note reference after the last piece of each annotation, with lens letters', () => {
    const a = m('a', 'stench of 10,000', ['emotive-language', 'unsupported-prediction'], 1);
    const b = m('b', '10,000 corpses', ['sourcing-gap'], 2);
    const html = blockHtml(text, block, [a, b], { excerptSlug: 'x', refs: true });
    expect(html.match(/class="ref"/g)).toHaveLength(2);
    expect(html).toContain('<span class="ref-lens">E/P</span>1');
    expect(html).toContain('href="#x--b--note"');
  });

  it('clips annotations to the block being rendered', () => {
    const a = m('a', 'certainly follow.', ['unsupported-prediction'], 1);
    const runs = buildRuns({ start: 0, end: 10 }, [a]);
    expect(runs).toEqual([{ type: 'text', start: 0, end: 10 }]);
  });
});
