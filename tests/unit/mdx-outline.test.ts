/**
 * In the browser, the workbench's validator reads lesson MDX with
 * src/lib/mdx-outline.ts instead of the native compiler. Here `satteri` is
 * swapped for it as the client build does, and it must see every lesson as
 * the real compiler does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

vi.mock('satteri', () => import('../../src/lib/mdx-outline.ts'));

const { checkLessonMdx } = await import('../../src/lib/lesson-rules.ts');
const real = await vi.importActual<{ mdxToMdast: (s: string, o?: unknown) => unknown }>('satteri');
const { mdxToMdast: outline } = await import('../../src/lib/mdx-outline.ts');

interface N {
  type: string;
  name?: string | null;
  depth?: number;
  value?: unknown;
  attributes?: { name?: string; value?: unknown }[];
  children?: N[];
}
const text = (n: N): string => (n.type === 'text' && typeof n.value === 'string' ? n.value : (n.children ?? []).map(text).join(''));
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
    expect(skeleton(outline(src) as N)).toEqual(skeleton(real.mdxToMdast(src, { features: { gfm: true } }) as N));
    const r = checkLessonMdx(`content/lessons/${f}`, src);
    expect(r.issues).toEqual([]);
    expect(r.shape).toMatchObject({ hasControlStep: true, hasAnnotatedExcerpt: true, hasDebrief: true });
    expect(r.shape!.steps.length).toBeGreaterThan(0);
  });

  it('is what the lesson rules use here, as in the browser', async () => {
    expect((await import('satteri')).mdxToMdast).toBe(outline);
    expect(real.mdxToMdast).not.toBe(outline);
  });

  it('reports what the lesson rules forbid', () => {
    const fm = '---\ntitle: x\n---\n';
    expect(checkLessonMdx('l.mdx', `${fm}<Walkthrough>\n<Step lens="sourcing-gap">\nText\n</Walkthrough>\n`).issues[0].problem).toMatch(/not valid MDX/);
    expect(checkLessonMdx('l.mdx', `${fm}<iframe src="https://example.org" />\n`).issues[0].problem).toMatch(/raw `<iframe>` is not allowed/);
    expect(checkLessonMdx('l.mdx', `${fm}<Widget />\n`).issues[0].problem).toMatch(/not one of the lesson components/);
    expect(checkLessonMdx('l.mdx', `${fm}<Step lens="nope">\n</Step>\n`).issues.map((i) => i.problem).join(' ')).toMatch(/outside `<Walkthrough>`[\s\S]*unknown lens/);
    expect(checkLessonMdx('l.mdx', `${fm}{1 + 1}\n`).issues[0].problem).toMatch(/expression/);
    expect(checkLessonMdx('l.mdx', `${fm}Text\n\n## Debrief\n\nDone.\n`).shape!.hasDebrief).toBe(true);
  });
});
