import { markIdOfNote } from './dom-ids.ts';

/**
 * What the search box sends to Pagefind, and which flagged phrases of a result
 * to show.
 *
 * Pagefind loads the whole list of places a word occurs for every word in a
 * query; for "the" or "to" that list covers almost every page, and on a large
 * library it is most of what a first search downloads while adding nothing to
 * the ranking. So common function words are dropped from a query that has
 * other words.
 */
const STOP_WORDS = new Set(
  'a an and are as at be by for from in is it of on or that the this to was were with'.split(' '),
);

export function searchQuery(query: string): string {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !STOP_WORDS.has(w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** The part of a Pagefind sub-result that picking phrases needs. */
export interface SubResult {
  title: string;
  excerpt: string;
  anchor?: { id: string };
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The flagged phrases among a result's sub-results (anchors on notes), best
 * first, each with the id of the mark it should link to. Pagefind lists
 * sub-results in page order and scores every matched word alike, so a phrase
 * ranks by how many words of the query its own words start with, then by how
 * many different words its excerpt marks.
 */
export function phraseSubResults<T extends SubResult>(subs: readonly T[], query: string, limit: number): { sub: T; mark: string }[] {
  const terms = [...new Set(words(query))];
  const rank = (s: SubResult) => {
    const title = words(s.title);
    const inTitle = terms.filter((t) => title.some((w) => w.startsWith(t))).length;
    const marked = new Set([...s.excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1].toLowerCase())).size;
    return inTitle * 1000 + marked;
  };
  return subs
    .map((sub) => ({ sub, mark: sub.anchor ? markIdOfNote(sub.anchor.id) : null, rank: rank(sub) }))
    .filter((x): x is { sub: T; mark: string; rank: number } => x.mark !== null)
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit)
    .map(({ sub, mark }) => ({ sub, mark }));
}
