/**
 * In the browser, the workbench's validator reads lesson MDX with
 * src/lib/write/mdx-outline.ts instead of the build's compiler. It must see every
 * lesson as the compiler does, and report what the lesson rules forbid.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLessonMdx } from '../../src/lib/content/lesson-rules.ts';
import { mdxOutline, parseMdxOutline } from '../../src/lib/write/mdx-outline.ts';
import { parseMdx } from '../../src/lib/content/mdx-parser.ts';

interface N {
  type: string;
  name?: string | null;
  depth?: number;
  value?: unknown;
  attributes?: { name?: string; value?: unknown }[];
  children?: N[];
}
const text = (n: N): string =>
  n.type === 'text' && typeof n.value === 'string' ? n.value : (n.children ?? []).map(text).join('');
/** Components (with props) and headings, in order and nesting. */
function skeleton(n: N, depth = 0): string[] {
  const here =
    n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement'
      ? [`${'  '.repeat(depth)}<${n.name} ${(n.attributes ?? []).map((a) => `${a.name}=${String(a.value)}`).join(' ')}>`]
      : n.type === 'heading'
        ? [`${'  '.repeat(depth)}h${n.depth} ${text(n).trim()}`]
        : [];
  const inner = n.type.startsWith('mdxJsx') ? depth + 1 : depth;
  return [...here, ...(n.children ?? []).flatMap((c) => skeleton(c, inner))];
}

const lessons = readdirSync('content/lessons');

describe('the browser outline reader of lesson MDX', () => {
  it.each(lessons)('reads %s as the build compiler does', (f) => {
    const src = readFileSync(`content/lessons/${f}`, 'utf8');
    const outline = skeleton(mdxOutline(src));
    expect(outline.length).toBeGreaterThan(3);
    expect(outline).toEqual(skeleton(parseMdx(src) as N));
    const r = checkLessonMdx(`content/lessons/${f}`, src, parseMdxOutline);
    expect(r.issues).toEqual([]);
    expect(r.shape).toEqual(checkLessonMdx(`content/lessons/${f}`, src, parseMdx).shape);
    expect(r.shape).toMatchObject({ hasControlStep: true, hasAnnotatedExcerpt: true, hasDebrief: true });
  });

  it('reports what the lesson rules forbid', () => {
    const fm = '---\ntitle: x\n---\n';
    const check = (body: string) => checkLessonMdx('l.mdx', fm + body, parseMdxOutline);
    expect(check('<Walkthrough>\n<Step lens="sourcing-gap">\nText\n</Walkthrough>\n').issues[0].problem).toMatch(/not valid MDX/);
    expect(check('<iframe src="https://example.org" />\n').issues[0].problem).toMatch(/raw `<iframe>` is not allowed/);
    expect(check('<Widget />\n').issues[0].problem).toMatch(/not one of the lesson components/);
    expect(
      check('<Step lens="nope">\n</Step>\n')
        .issues.map((i) => i.problem)
        .join(' '),
    ).toMatch(/outside `<Walkthrough>`[\s\S]*unknown lens/);
    expect(check('{1 + 1}\n').issues[0].problem).toMatch(/expression/);
    expect(check('import X from "y"\n').issues[0].problem).toMatch(/import/);
    expect(check('Text\n\n## Debrief\n\nDone.\n').shape!.hasDebrief).toBe(true);
    expect(check('```\n## Debrief\n```\n').shape!.hasDebrief).toBe(false);
  });
});
