/**
 * Lessons are content, not code. A lesson's MDX is parsed with the same
 * compiler the build uses (Sätteri, which @astrojs/mdx runs), and its syntax
 * tree is walked: only Markdown and the documented lesson components with
 * literal props are allowed. Also the editorial rules every lesson keeps
 * (discussion, misconceptions, control passage, walkthrough, debrief) and the
 * scaffold's placeholders. Pure: callers pass file contents in.
 */
import type { ContentIssue } from './issues.ts';
import { LENS_IDS, isLensId, type LensId } from './lenses.ts';
import type { Lesson } from './schema.ts';

/** The components a lesson may use, and the props each accepts (all literal text). */
export const LESSON_COMPONENTS: Record<string, { props: readonly string[]; required?: readonly string[]; flags?: readonly string[] }> = {
  Walkthrough: { props: [] },
  Step: { props: ['lens', 'title'], required: ['lens'] },
  ControlStep: { props: [] },
  TeacherNote: { props: ['title'] },
  AnnotatedExcerpt: { props: ['which', 'label', 'open'], flags: ['open'] },
};
const COMPONENT_LIST = Object.keys(LESSON_COMPONENTS).join(', ');
const CODE_ELEMENTS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'frame', 'frameset', 'link', 'meta', 'base', 'form', 'svg', 'math']);
const UNSAFE_SCHEMES = new Set(['javascript', 'data', 'vbscript', 'file', 'blob']);

/** Every scaffold placeholder starts with this, so an unedited scaffold cannot be published. */
export const PLACEHOLDER = 'TODO:';

interface Node {
  type: string;
  name?: string | null;
  value?: unknown;
  url?: string;
  depth?: number;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Node[];
  position?: { start: { line: number; column: number } };
}

/** A walkthrough step: a lens (`<Step lens="…">`) or the control passage (`<ControlStep>`). */
export type StepId = LensId | 'control';

export interface LessonShape {
  /** Lenses of the walkthrough's steps, in order. */
  steps: string[];
  /** The walkthrough's steps in the lesson's order, each once: the one list pages, result codes and tests use. */
  walkthrough: StepId[];
  hasControlStep: boolean;
  hasAnnotatedExcerpt: boolean;
  usesControl: boolean;
  hasDebrief: boolean;
}

function text(node: Node): string {
  if (typeof node.value === 'string' && node.type === 'text') return node.value;
  return (node.children ?? []).map(text).join('');
}

/** The scheme of a URL as a browser would read it (ignoring spaces and control characters), lower-case. */
export function urlScheme(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007F]+/g, ''));
  return m ? m[1].toLowerCase() : null;
}

/**
 * Parse a lesson file (frontmatter included, so line numbers are the file's)
 * and check its body. Returns the problems and, when it parsed, its shape.
 */
/**
 * Parses MDX into mdast. The build and check:content pass the build's own
 * compiler (src/lib/content/mdx-parser.ts, Node only); the browser workbench has none
 * and skips the body checks, which the build still makes.
 */
export type MdxParser = (content: string) => unknown;

export function checkLessonMdx(path: string, content: string, parse?: MdxParser): { issues: ContentIssue[]; shape: LessonShape | null } {
  const issues: ContentIssue[] = [];
  if (!parse) return { issues, shape: null };
  let root: Node;
  try {
    root = parse(content) as Node;
  } catch (e) {
    const raw = (e as Error).message;
    const m = /^(\d+):(\d+):\s*([\s\S]*?)(?:\s*\(\d+:\d+\))?(?:\s*\([\w:-]+\))?$/.exec(raw);
    const problem = (m ? m[3] : raw).replace(/\s*\(note:[^)]*\)/, '');
    issues.push({
      file: path,
      line: m ? Number(m[1]) : undefined,
      problem: `the lesson is not valid MDX: ${problem}`,
      fix: /closing tag/.test(raw)
        ? 'close every component you open, e.g. <Step lens="..."> … </Step>, with blank lines around the tags'
        : /after `<`|before name/.test(raw)
          ? 'write "less than" as &lt; in text; HTML comments are not allowed, and links are written [text](https://…)'
          : 'check the line for an unclosed tag, a stray { or }, or a < that is not a component',
    });
    return { issues, shape: null };
  }

  const shape: LessonShape = { steps: [], walkthrough: [], hasControlStep: false, hasAnnotatedExcerpt: false, usesControl: false, hasDebrief: false };
  const at = (n: Node) => n.position?.start.line;
  const add = (n: Node, problem: string, fix: string) => issues.push({ file: path, line: at(n), problem, fix });

  const walk = (node: Node, parents: string[]) => {
    switch (node.type) {
      case 'mdxjsEsm':
        add(node, '`import`/`export` is not allowed in a lesson: lessons are content, not code', `remove the line; the lesson components (${COMPONENT_LIST}) are available without importing them`);
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const v = typeof node.value === 'string' ? node.value : '';
        if (/^\s*\/\*[\s\S]*\*\/\s*$/.test(v) && !/\*\/[\s\S]*\/\*/.test(v)) return; // {/* a comment */}
        add(node, `\`{${v.length > 30 ? `${v.slice(0, 30)}…` : v}}\` is an expression: lessons cannot run code`, 'write the text itself; to show a literal brace, write \\{ or \\}');
        return;
      }
      case 'html':
        add(node, 'raw HTML is not allowed in a lesson', `use Markdown and the lesson components (${COMPONENT_LIST})`);
        return;
      case 'link':
      case 'image':
      case 'definition': {
        const scheme = urlScheme(node.url ?? '');
        if (scheme && UNSAFE_SCHEMES.has(scheme)) {
          add(node, `a ${scheme}: link is not allowed in a lesson (${node.type === 'image' ? 'image' : 'link'} to "${(node.url ?? '').slice(0, 40)}")`, 'link to a page with https://, or to a page of this site with a path such as /glossary/');
          return;
        }
        break;
      }
      case 'heading':
        if (node.depth === 2 && text(node).trim().toLowerCase() === 'debrief') shape.hasDebrief = true;
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name ?? '';
        const spec = LESSON_COMPONENTS[name];
        if (!spec) {
          const lower = name.toLowerCase();
          add(
            node,
            name === ''
              ? 'a fragment `<>` is not allowed in a lesson'
              : CODE_ELEMENTS.has(lower)
                ? `a raw \`<${name}>\` is not allowed in a lesson: lessons cannot run code or embed other pages`
                : `\`<${name}>\` is not one of the lesson components`,
            `use Markdown for formatting, and only the documented components: ${COMPONENT_LIST}`,
          );
          return;
        }
        let ok = true;
        const values: Record<string, string | null> = {};
        for (const attr of node.attributes ?? []) {
          if (attr.type !== 'mdxJsxAttribute' || !attr.name) {
            add(node, `\`<${name}>\` has a spread \`{…}\` of props: lessons cannot run code`, 'write each prop as name="text"');
            ok = false;
            continue;
          }
          if (/^on/i.test(attr.name)) {
            add(node, `the event-handler attribute \`${attr.name}\` on \`<${name}>\` is not allowed: lessons cannot run code`, 'remove it; the walkthrough already does everything interactive');
            ok = false;
            continue;
          }
          if (!spec.props.includes(attr.name)) {
            add(node, `\`<${name}>\` has no prop \`${attr.name}\``, spec.props.length ? `use only ${spec.props.map((p) => `\`${p}\``).join(', ')}` : `write \`<${name}>\` without props`);
            ok = false;
            continue;
          }
          if (attr.value !== null && attr.value !== undefined && typeof attr.value !== 'string') {
            add(node, `the prop \`${attr.name}\` of \`<${name}>\` is an expression: lessons cannot run code`, `write it as literal text, e.g. ${attr.name}="…"`);
            ok = false;
            continue;
          }
          if ((attr.value === null || attr.value === undefined) && !spec.flags?.includes(attr.name)) {
            add(node, `the prop \`${attr.name}\` of \`<${name}>\` has no value`, `write ${attr.name}="…"`);
            ok = false;
            continue;
          }
          values[attr.name] = attr.value ?? null;
        }
        for (const r of spec.required ?? []) {
          if (ok && !(r in values)) {
            add(node, `\`<${name}>\` needs the prop \`${r}\``, r === 'lens' ? `write <Step lens="…"> with one of ${LENS_IDS.join(', ')}` : `add ${r}="…"`);
            ok = false;
          }
        }
        if (name === 'Step' || name === 'ControlStep') {
          if (!parents.includes('Walkthrough')) add(node, `\`<${name}>\` is outside \`<Walkthrough>\``, `put every <Step> and the <ControlStep> between <Walkthrough> and </Walkthrough>`);
        }
        if (name === 'Step' && typeof values.lens === 'string') {
          if (!isLensId(values.lens)) add(node, `\`<Step lens="${values.lens}">\`: unknown lens`, `use one of ${LENS_IDS.join(', ')}`);
          else {
            shape.steps.push(values.lens);
            if (!shape.walkthrough.includes(values.lens)) shape.walkthrough.push(values.lens);
          }
        }
        if (name === 'ControlStep') {
          shape.hasControlStep = true;
          if (!shape.walkthrough.includes('control')) shape.walkthrough.push('control');
        }
        if (name === 'AnnotatedExcerpt') {
          shape.hasAnnotatedExcerpt = true;
          if ('which' in values && values.which !== 'main' && values.which !== 'control') add(node, `\`<AnnotatedExcerpt which="${values.which}">\`: which must be "main" or "control"`, 'write which="control" for the control passage, or leave it out');
          if (values.which === 'control') shape.usesControl = true;
        }
        if (name === 'ControlStep') shape.usesControl = true;
        for (const c of node.children ?? []) walk(c, [...parents, name]);
        return;
      }
    }
    for (const c of node.children ?? []) walk(c, parents);
  };
  walk(root, []);
  return { issues, shape };
}

/**
 * Editorial rules every lesson keeps (they used to live in the tests): the
 * teaching guide needs discussion questions and misconceptions, the
 * walkthrough has at least one step and a control passage, and the lesson ends
 * with a debrief.
 */
export function lessonEditorialIssues(path: string, data: Lesson, shape: LessonShape): ContentIssue[] {
  const out: ContentIssue[] = [];
  const add = (problem: string, fix: string) => out.push({ file: path, problem, fix });
  if (data.discussion.length === 0) add('the lesson has no `discussion:` questions for the teaching guide', 'add `discussion:` with at least one question a class could talk about');
  if (data.misconceptions.length === 0) add('the lesson lists no `misconceptions:`', 'add `misconceptions:` with at least one common wrong idea and its correction');
  if (!data.control) add('the lesson has no control passage (`control:`)', 'add `control: <excerpt-slug>` naming a calm, well-sourced text on the same topic, and a <ControlStep> in the walkthrough');
  if (shape.steps.length === 0) add('the lesson has no walkthrough step', 'add <Walkthrough> with at least one <Step lens="…"> … </Step>');
  if (!shape.hasControlStep && data.control) add('the walkthrough has no <ControlStep>', 'add <ControlStep> … </ControlStep> as the last item inside <Walkthrough>');
  if (!shape.hasAnnotatedExcerpt) add('the lesson never shows its annotated excerpt', 'add <AnnotatedExcerpt /> after the walkthrough');
  if (!shape.hasDebrief) add('the lesson has no `## Debrief` section', 'end the lesson with a heading "## Debrief" and a paragraph that brings it together');
  if (shape.usesControl && !data.control) add('the lesson uses the control passage but names none', 'add `control: <excerpt-slug>` to the frontmatter');
  return out;
}

/** Scaffold placeholders left in a file: one issue per file, naming the first line and the count. */
export function placeholderIssues(path: string, content: string): ContentIssue[] {
  const lines = content.split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(PLACEHOLDER) && !/^\s*#/.test(l) ? [i + 1] : []));
  if (hits.length === 0) return [];
  const first = lines[hits[0] - 1].trim();
  return [
    {
      file: path,
      line: hits[0],
      problem: `${hits.length} placeholder${hits.length === 1 ? '' : 's'} from the lesson scaffold ${hits.length === 1 ? 'is' : 'are'} still here, first: ${first.length > 70 ? `${first.slice(0, 70)}…` : first}`,
      fix: `replace every text starting with "${PLACEHOLDER}" with your own (lines ${hits.slice(0, 8).join(', ')}${hits.length > 8 ? ', …' : ''})`,
    },
  ];
}
