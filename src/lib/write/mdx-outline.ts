/**
 * The lesson workbench runs the project's validator in the browser, where the
 * build's MDX compiler (Sätteri, native code; src/lib/mdx-parser.ts) is not
 * available. validateLibrary takes its MDX parser as an option; the workbench
 * passes this one: a line-level reader of a lesson's block outline
 * (components on their own lines with their literal props, headings, `{…}`
 * lines, raw HTML lines, import/export) in the compiler's node shapes, which
 * is what lesson-rules.ts checks. The workbench writes its own MDX from
 * escaped text and keeps an opened lesson's body as it was; `npm run
 * check:content` still parses every file with the real compiler
 * (tests/unit/mdx-outline.test.ts compares the two on every lesson).
 */
import type { MdxParser } from '../content/lesson-rules.ts';

interface Attr {
  type: 'mdxJsxAttribute';
  name: string;
  value: string | null;
}
interface Node {
  type: string;
  name?: string;
  value?: string;
  depth?: number;
  attributes?: Attr[];
  children: Node[];
  position: { start: { line: number; column: number } };
}

const OPEN = /^\s*<([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z][\w-]*(?:="[^"]*")?)*)\s*(\/?)>\s*$/;
const CLOSE = /^\s*<\/([A-Za-z][A-Za-z0-9]*)\s*>\s*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;

export function mdxOutline(content: string): Node {
  const lines = content.split(/\r?\n/);
  const root: Node = { type: 'root', children: [], position: { start: { line: 1, column: 1 } } };
  const stack: Node[] = [root];
  let i = 0;
  if (/^---\s*$/.test(lines[0] ?? '')) {
    i = lines.findIndex((l, k) => k > 0 && /^---\s*$/.test(l)) + 1;
    if (i === 0) i = lines.length;
  }
  let fence: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const at = { start: { line: i + 1, column: 1 + (line.length - line.trimStart().length) } };
    const top = stack[stack.length - 1];
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      fence = f[1];
      continue;
    }
    let m = CLOSE.exec(line);
    if (m) {
      const k = stack.map((n) => n.name).lastIndexOf(m[1]);
      if (k <= 0) throw new Error(`${i + 1}:${at.start.column}: Unexpected closing tag \`</${m[1]}>\``);
      if (k !== stack.length - 1)
        throw new Error(
          `${i + 1}:${at.start.column}: Unexpected closing tag \`</${m[1]}>\`, expected a closing tag for \`<${stack[stack.length - 1].name}>\``,
        );
      stack.pop();
      continue;
    }
    m = OPEN.exec(line);
    if (m) {
      const attributes = [...m[2].matchAll(/([A-Za-z][\w-]*)(?:="([^"]*)")?/g)].map((a): Attr => ({
        type: 'mdxJsxAttribute',
        name: a[1],
        value: a[2] ?? null,
      }));
      const el: Node = { type: 'mdxJsxFlowElement', name: m[1], attributes, children: [], position: at };
      top.children.push(el);
      if (!m[3]) stack.push(el);
      continue;
    }
    if (/^\s*<[a-zA-Z/!]/.test(line)) {
      top.children.push({ type: 'html', value: line.trim(), children: [], position: at });
      continue;
    }
    if (/^\s*\{[\s\S]*\}\s*$/.test(line)) {
      top.children.push({ type: 'mdxFlowExpression', value: line.trim().slice(1, -1), children: [], position: at });
      continue;
    }
    if (/^\s*(import|export)\s/.test(line) && stack.length === 1) {
      top.children.push({ type: 'mdxjsEsm', value: line, children: [], position: at });
      continue;
    }
    const h = HEADING.exec(line);
    if (h)
      top.children.push({
        type: 'heading',
        depth: h[1].length,
        children: [{ type: 'text', value: h[2], children: [], position: at }],
        position: at,
      });
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1];
    throw new Error(`${open.position.start.line}:${open.position.start.column}: Expected a closing tag for \`<${open.name}>\``);
  }
  return root;
}

export const parseMdxOutline: MdxParser = mdxOutline;
