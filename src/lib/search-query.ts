/**
 * What the search box sends to Pagefind. Pagefind loads the whole list of
 * places a word occurs for every word in a query; for "the" or "to" that list
 * covers almost every page, and on a large library it is most of what a first
 * search downloads while adding nothing to the ranking. So common function
 * words are dropped from a query that has other words.
 */
const STOP_WORDS = new Set(
  'a an and are as at be by for from in is it of on or that the this to was were with'.split(' '),
);

export function searchQuery(query: string): string {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !STOP_WORDS.has(w.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')));
  return (kept.length > 0 ? kept : words).join(' ');
}
