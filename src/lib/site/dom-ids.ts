/**
 * DOM ids of an annotation's mark and note, shared by every page that links
 * to them and by the search script (which must stay small, so this module
 * imports nothing).
 */
export function markDomId(excerptSlug: string, annId: string): string {
  return `${excerptSlug}--${annId}`;
}

const NOTE_SUFFIX = '--note';

export function noteDomId(excerptSlug: string, annId: string): string {
  return `${excerptSlug}--${annId}${NOTE_SUFFIX}`;
}

/** The mark a note belongs to (`noteDomId` backwards), or null if `id` is not a note's. */
export function markIdOfNote(id: string): string | null {
  return id.endsWith(NOTE_SUFFIX) && id.length > NOTE_SUFFIX.length ? id.slice(0, -NOTE_SUFFIX.length) : null;
}
