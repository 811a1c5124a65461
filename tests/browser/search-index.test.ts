/**
 * What the search index holds, read from the Pagefind files of the built
 * site: each flagged phrase is a titled anchor in its lesson's record (so it
 * comes back as a sub-result that links to the phrase), the lesson carries
 * its filters, and navigation is not indexed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { loadLibrary } from '../../src/lib/content/load.ts';
import { LEVEL_LABELS } from '../../src/lib/content/schema.ts';
import { noteDomId } from '../../src/lib/site/dom-ids.ts';

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  anchors: { element: string; id: string; text: string; title?: string }[];
}

const distDir = inject('distDir');

function fragments(): Fragment[] {
  const dir = join(distDir, 'pagefind', 'fragment');
  return readdirSync(dir).map((f) => {
    const text = gunzipSync(readFileSync(join(dir, f))).toString('utf8');
    return JSON.parse(text.slice(text.indexOf('{'))) as Fragment;
  });
}

/** The first 40 characters of `text` that appear in none of `shared` (null if there are none). */
function ownWords(text: string, shared: readonly string[]): string | null {
  for (let i = 0; i + 40 <= text.length; i++) {
    const window = text.slice(i, i + 40);
    if (!shared.some((s) => s.includes(window))) return window;
  }
  return null;
}

describe.skipIf(!distDir)('the search index', () => {
  const lib = loadLibrary(resolve('content'));
  const all = distDir ? fragments() : [];
  const byUrl = (path: string) => all.find((f) => f.url.endsWith(path));

  it('holds each flagged phrase of a lesson as a titled anchor on its note', () => {
    for (const lesson of lib.lessons) {
      const f = byUrl(`/lessons/${lesson.slug}/`);
      expect(f, lesson.slug).toBeDefined();
      const excerpt = lib.excerpts.find((e) => e.slug === lesson.data.excerpt)!;
      for (const a of excerpt.annotations) {
        const anchor = f!.anchors.find((x) => x.id === noteDomId(excerpt.slug, a.id));
        expect(anchor, `${lesson.slug}: ${a.id}`).toBeDefined();
        expect(anchor!.title).toBe(`“${a.text}”`);
        expect(f!.content).toContain(a.note.slice(0, 40));
        // Only the phrase and its note: questions, checks and rewrites stay out of the index.
        // (Checked on words of their own: a rewrite may begin with the phrase it rewrites.)
        for (const extra of [a.question, a.check, a.rewrite]) {
          const own = extra && ownWords(extra, [a.text, a.note]);
          if (own) expect(f!.content, `${lesson.slug}: ${a.id}`).not.toContain(own);
        }
      }
      // The article text itself is not indexed, only its flagged phrases.
      const unflagged = excerpt.text.slice(excerpt.blocks[1].start, excerpt.blocks[1].end);
      const plain = unflagged.split(/\s+/).slice(0, 8).join(' ');
      if (!excerpt.annotations.some((a) => a.start < excerpt.blocks[1].start + plain.length && a.end > excerpt.blocks[1].start)) {
        expect(f!.content).not.toContain(plain);
      }
    }
  });

  it('gives lessons their filters and titles, and leaves out navigation and page chrome', () => {
    const flagship = lib.lessons.find((l) => l.slug === 'staging-up-for-another-assault')!;
    const f = byUrl('/lessons/staging-up-for-another-assault/')!;
    expect(f.meta.title).toBe('Three lenses on a war report');
    expect(f.meta.kind).toBe('Lesson');
    expect(f.filters.type).toEqual(['Lesson']);
    expect(f.filters.level).toEqual([LEVEL_LABELS[flagship.data.level]]);
    expect(f.filters.lens).toHaveLength(3);
    for (const page of all) {
      expect(page.content, page.url).not.toMatch(/Skip to (the )?(main )?content/i);
    }
    // Printables and the projector view duplicate the lesson and are not indexed.
    expect(all.some((p) => /\/(worksheet|answers|present)\/$/.test(p.url))).toBe(false);
    const guide = byUrl('/lessons/staging-up-for-another-assault/guide/')!;
    expect(guide.meta.kind).toBe('Teaching guide');
    // A guide is found by its own parts (discussion questions, say), not by the links and the
    // assignment form that every guide has, nor by the lesson it repeats (indexed on the lesson page).
    expect(guide.content).toContain(flagship.data.discussion[0].slice(0, 40));
    expect(guide.content).not.toMatch(/Review result codes|Assign it/);
    const flagshipExcerpt = lib.excerpts.find((e) => e.slug === flagship.data.excerpt)!;
    expect(guide.content).not.toContain(flagshipExcerpt.annotations[0].note.slice(0, 40));
  });
});
