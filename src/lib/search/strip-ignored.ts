/**
 * What Pagefind would skip anyway, cut out of a page before it parses it.
 * Pagefind reads the whole HTML of every indexed page, also the parts marked
 * data-pagefind-ignore; on a lesson page those are most of the bytes (the
 * walkthrough's word spans, the annotated copies of the text, the step
 * answers), so parsing them was most of the search index's build time. Only
 * block elements that always carry their closing tag are cut (div, section,
 * details, nav, aside, ol, ul, figure), and only when nothing inside them is
 * something Pagefind reads from ignored parts (filters, metadata, sort keys)
 * or a body of its own. The index is the same either way
 * (tests/unit/strip-ignored.test.ts, tests/browser/search-index.test.ts).
 */

const BLOCKS = new Set(['div', 'section', 'details', 'nav', 'aside', 'ol', 'ul', 'figure']);
/** Attributes Pagefind still reads inside data-pagefind-ignore (the default, "index" mode). */
const STILL_READ = /data-pagefind-(?:filter|meta|sort|body|default-meta)/;
const STILL_READ_ALL = new RegExp(STILL_READ.source, 'g');
const MARK = /<([a-z][a-z0-9-]*)\b[^>]*\sdata-pagefind-ignore(?:=(?:""|"index"|"all"))?[\s>/]/g;

/** The index just past the element that opens at `from` (a `<tag` of name `tag`), or -1 when its end is not found. */
function elementEnd(html: string, from: number, tag: string): number {
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = from;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}

const readAttributes = (html: string) => html.match(STILL_READ_ALL)?.length ?? 0;

/**
 * `html` without its data-pagefind-ignore blocks: the same index, less to
 * parse. If a cut would take anything Pagefind reads (markup it cannot pair
 * up, say), the page is returned whole.
 */
export function stripIgnored(html: string): string {
  const out = cut(html);
  return out.length < html.length && readAttributes(out) === readAttributes(html) ? out : html;
}

function cut(html: string): string {
  let out = '';
  let pos = 0;
  MARK.lastIndex = 0;
  for (let m = MARK.exec(html); m; m = MARK.exec(html)) {
    if (m.index < pos) continue;
    const tag = m[1];
    if (!BLOCKS.has(tag)) continue;
    const end = elementEnd(html, m.index, tag);
    if (end === -1) continue;
    if (STILL_READ.test(html.slice(m.index + m[0].length, end))) continue;
    out += html.slice(pos, m.index);
    pos = end;
    MARK.lastIndex = end;
  }
  return out + html.slice(pos);
}
