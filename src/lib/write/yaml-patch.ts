/**
 * Writing YAML the way the project's authors write it, and changing existing
 * YAML without touching what did not change. The `yaml` package re-flows
 * folded text when it re-serialises a document, so instead of printing the
 * whole document again we replace only the source range of each changed
 * field (found with the package's parsed node ranges). Every other byte,
 * comments and blank lines included, stays as it was.
 */
import { isMap, isScalar, isSeq, parse, parseDocument, type Document, type Pair, type YAMLMap } from 'yaml';

export type Value = string | number | boolean | string[] | undefined;
/** How a string was written in the original, so an edit keeps its look. */
export type Style = 'plain' | 'quoted' | 'block';

const WIDTH = 80;
/** Fields whose schema takes one value or a list (`lens: x` or `lens: [x, y]`). */
const ONE_OR_MANY = new Set(['lens', 'kind', 'key']);
/** Lesson lists are written one quoted item a line, as in the existing lessons. */
const BLOCK_LISTS = new Set(['questions', 'objectives', 'keyPoints', 'discussion', 'misconceptions', 'extensions']);

function isPlainSafe(s: string): boolean {
  if (s === '' || s !== s.trim() || /[\n\t]/.test(s)) return false;
  try {
    const back = parse(`k: ${s}`) as unknown;
    return typeof back === 'object' && back !== null && (back as { k?: unknown }).k === s;
  } catch {
    return false;
  }
}

const canFold = (s: string) => s !== '' && s === s.trim() && !/[\n\t\r]| {2}/.test(s) && !/[^\S ]/.test(s);

function fold(s: string, indent: number): string[] {
  const room = Math.max(30, WIDTH - indent);
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l);
}

/**
 * `key: value` as lines, the first without indentation, continuation lines
 * indented for a value whose key sits at column `col`.
 */
export function emitPair(key: string, value: Value, col: number, style?: Style): string {
  const head = `${key}:`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${head} ${value}\n`;
  if (Array.isArray(value)) {
    if (ONE_OR_MANY.has(key) && value.length === 1 && style !== 'block' && isPlainSafe(value[0]) && !/^[[{]/.test(value[0]))
      return `${head} ${value[0]}\n`;
    const flowSafe = value.every((v) => isPlainSafe(v) && !/[,[\]{}]/.test(v));
    const flow = `${head} [${value.join(', ')}]`;
    if (flowSafe && col + flow.length <= WIDTH && style !== 'block' && !BLOCK_LISTS.has(key)) return `${flow}\n`;
    return `${head}\n${value.map((v) => `${' '.repeat(col + 2)}- ${JSON.stringify(v)}\n`).join('')}`;
  }
  const s = value ?? '';
  const fits = col + head.length + 1 + s.length <= WIDTH;
  if (style !== 'quoted' && style !== 'block' && fits && isPlainSafe(s)) return `${head} ${s}\n`;
  if (style === 'quoted' && !/\n/.test(s)) return `${head} ${JSON.stringify(s)}\n`;
  if (canFold(s) && (style === 'block' || !fits)) return `${head} >-\n${fold(s, col + 2).join('\n')}\n`;
  return `${head} ${JSON.stringify(s)}\n`;
}

/** A map written out fresh, in the order of `fields`, leaving out empty values. */
export function emitMap(obj: Record<string, Value>, col: number, fields: readonly string[]): string {
  let out = '';
  for (const f of fields) {
    const v = obj[f];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out += (out ? ' '.repeat(col) : '') + emitPair(f, v, col);
  }
  return out;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function lineStart(src: string, i: number): number {
  return src.lastIndexOf('\n', i - 1) + 1;
}

/** End of the line holding offset i (just after its newline). */
function lineEnd(src: string, i: number): number {
  if (i > 0 && src[i - 1] === '\n') return i;
  const n = src.indexOf('\n', i);
  return n === -1 ? src.length : n + 1;
}

function styleOf(node: unknown): Style | undefined {
  if (isScalar(node)) {
    if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') return 'block';
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return 'quoted';
    return 'plain';
  }
  if (isSeq(node)) return node.flow ? undefined : 'block';
  return undefined;
}

const empty = (v: Value) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

export function sameValue(a: Value, b: Value): boolean {
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : a === undefined ? [] : [String(a)];
    const y = Array.isArray(b) ? b : b === undefined ? [] : [String(b)];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}

/**
 * Edits that turn the map `node` (in `src`) into one with `want`'s values for
 * the keys in `fields`. `current` holds the map's values as read (normalised
 * the same way as `want`); only differing fields are touched. Keys not in
 * `fields` are left alone. `drop` lists fields to remove when equal to a default.
 */
function mapEdits(
  src: string,
  node: YAMLMap,
  want: Record<string, Value>,
  current: Record<string, Value>,
  fields: readonly string[],
): Edit[] {
  const edits: Edit[] = [];
  const pairs = node.items;
  const keyOf = (p: Pair) => (isScalar(p.key) ? String(p.key.value) : '');
  const firstKey = pairs[0]?.key as { range?: number[] } | undefined;
  const col = firstKey?.range ? firstKey.range[0] - lineStart(src, firstKey.range[0]) : 0;
  let insertAt = node.range ? lineEnd(src, node.range[1]) : src.length;
  const lastPair = pairs[pairs.length - 1];
  const lastValue = lastPair?.value as { range?: number[] } | undefined;
  if (lastValue?.range) insertAt = lineEnd(src, lastValue.range[1]);
  let added = '';
  for (const f of fields) {
    if (sameValue(want[f], current[f])) continue;
    const pair = pairs.find((p) => keyOf(p) === f);
    const keyRange = (pair?.key as { range?: number[] } | undefined)?.range;
    const valRange = (pair?.value as { range?: number[] } | undefined)?.range;
    if (pair && keyRange) {
      const end = lineEnd(src, valRange ? valRange[1] : keyRange[1]);
      if (empty(want[f])) edits.push({ start: lineStart(src, keyRange[0]), end, text: '' });
      else edits.push({ start: keyRange[0], end, text: emitPair(f, want[f], col, styleOf(pair.value)) });
    } else if (!empty(want[f])) {
      added += ' '.repeat(col) + emitPair(f, want[f], col);
    }
  }
  if (added)
    edits.push({ start: insertAt, end: insertAt, text: (insertAt > 0 && src[insertAt - 1] !== '\n' ? '\n' : '') + added });
  return edits;
}

function apply(src: string, edits: Edit[]): string {
  let out = src;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Change the fields of a YAML map document (frontmatter) in place. */
export function patchMapDocument(
  src: string,
  want: Record<string, Value>,
  read: (raw: Record<string, unknown>) => Record<string, Value>,
  fields: readonly string[],
): string {
  const doc = parseDocument(src);
  if (!isMap(doc.contents)) return emitMap(want, 0, fields);
  const current = read((doc.toJS() ?? {}) as Record<string, unknown>);
  return apply(src, mapEdits(src, doc.contents, want, current, fields));
}

export interface ListItem {
  /** Index in the original list, for an item that was read from it. */
  orig?: number;
  values: Record<string, Value>;
}

/**
 * Rewrite a YAML list of maps (an annotation file): items keep their text
 * except for changed fields; removed items disappear; new items are added
 * at the end; when the order changes, items move and the comments and blank
 * lines between them stay where they were.
 */
export function patchListDocument(
  src: string,
  items: readonly ListItem[],
  read: (raw: Record<string, unknown>) => Record<string, Value>,
  fields: readonly string[],
  fresh: (item: ListItem) => string,
): string {
  const doc: Document = parseDocument(src);
  const seq = doc.contents;
  const newItem = (it: ListItem) => `- ${emitMap(it.values, 2, fields)}`;
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) {
    // No block list to keep (e.g. "[]" or only comments): keep leading comments, write the list.
    const head = src
      .split('\n')
      .filter((_, i, all) => all.slice(0, i + 1).every((x) => x.startsWith('#') || x.trim() === ''))
      .join('\n')
      .trimEnd();
    const body = items.map((it) => fresh(it)).join('\n');
    if (items.length === 0) return `${head ? `${head}\n` : ''}[]\n`;
    return `${head ? `${head}\n\n` : ''}${body}`;
  }
  const nodes = seq.items as YAMLMap[];
  const spans = nodes.map((n) => {
    const r = (n as { range?: number[] }).range!;
    return { start: lineStart(src, r[0]), end: lineEnd(src, r[1]) };
  });
  const chunk = (i: number, it: ListItem) => {
    const n = nodes[i];
    const { start, end } = spans[i];
    if (!isMap(n)) return src.slice(start, end);
    const raw = (n.toJSON() ?? {}) as Record<string, unknown>;
    const edits = mapEdits(src, n, it.values, read(raw), fields).map((e) => ({
      ...e,
      start: e.start - start,
      end: e.end - start,
    }));
    return apply(src.slice(start, end), edits);
  };
  const kept = items.filter((it) => it.orig !== undefined && it.orig < nodes.length);
  const added = items.filter((it) => it.orig === undefined || it.orig >= nodes.length);
  // Slots in original order, filled with the kept items in their new order.
  const slotsUsed = [...kept.map((it) => it.orig!)].sort((a, b) => a - b);
  let out = src.slice(0, spans[0].start);
  let k = 0;
  for (let i = 0; i < nodes.length; i++) {
    const gapEnd = i + 1 < nodes.length ? spans[i + 1].start : src.length;
    if (slotsUsed.includes(i)) {
      const it = kept[k++];
      let text = chunk(it.orig!, it);
      if (!text.endsWith('\n')) text += '\n';
      out += text;
    }
    out += src.slice(spans[i].end, gapEnd);
  }
  for (const it of added) {
    if (!out.endsWith('\n')) out += '\n';
    if (!out.endsWith('\n\n')) out += '\n';
    out += newItem(it);
  }
  return out;
}
