import { describe, expect, it } from 'vitest';
import { stripIgnored } from '../../src/lib/search/strip-ignored.ts';

describe('stripIgnored', () => {
  it('cuts ignored blocks whole, nested blocks of the same tag included, and keeps everything else', () => {
    const html =
      '<main data-pagefind-body><h1>Title</h1><div class="wt" data-pagefind-ignore><div><div>spans</div></div><p>x</p></div>' +
      '<p>kept</p><section data-pagefind-ignore="all"><h2>gone</h2></section><details class="answers" data-pagefind-ignore open><summary>s</summary></details><p>end</p></main>';
    expect(stripIgnored(html)).toBe('<main data-pagefind-body><h1>Title</h1><p>kept</p><p>end</p></main>');
  });

  it('keeps an ignored block that holds something Pagefind still reads, and inline ignored elements', () => {
    const withFilter =
      '<div data-pagefind-body><div data-pagefind-ignore><span data-pagefind-filter="type:Lesson"></span></div></div>';
    expect(stripIgnored(withFilter)).toBe(withFilter);
    const inline =
      '<div data-pagefind-body><p>a <span data-pagefind-ignore>b</span></p><p class="ann-check" data-pagefind-ignore>c</p></div>';
    expect(stripIgnored(inline)).toBe(inline);
  });

  it('does not mistake a longer tag or attribute name for the one it closes or for the mark', () => {
    const html =
      '<div data-pagefind-body><details data-pagefind-ignore><detailsx>a</detailsx></details><div data-pagefind-ignored="no">b</div></div>';
    expect(stripIgnored(html)).toBe('<div data-pagefind-body><div data-pagefind-ignored="no">b</div></div>');
  });

  it('returns the page whole when a block does not close', () => {
    const html = '<div data-pagefind-body><p>a</p><div data-pagefind-ignore><div>never closed</div>';
    expect(stripIgnored(html)).toBe(html);
  });
});
