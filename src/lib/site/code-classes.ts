/**
 * Shiki colours as classes instead of inline styles, so code samples are
 * highlighted under a strict Content-Security-Policy (no inline styles).
 * Class names encode the colour, so the stylesheet can be generated from the
 * themes alone, independent of which samples were rendered.
 */
import type { ShikiTransformer, ThemeRegistration } from 'shiki';

const cls = (side: 'l' | 'd', color: string) => `sk${side}-${color.replace('#', '').toLowerCase()}`;

export function codeClassTransformer(): ShikiTransformer {
  return {
    name: 'style-to-class',
    pre(node) {
      delete node.properties.style;
      this.addClassToHast(node, 'code-sample');
    },
    span(node) {
      const style = typeof node.properties.style === 'string' ? node.properties.style : '';
      delete node.properties.style;
      for (const decl of style.split(';')) {
        const [prop, value] = decl.split(':').map((s) => s?.trim());
        if (!prop || !value) continue;
        if (prop === '--shiki-light' || prop === 'color') this.addClassToHast(node, cls('l', value));
        else if (prop === '--shiki-dark') this.addClassToHast(node, cls('d', value));
        else if (prop.endsWith('font-style') && value === 'italic') this.addClassToHast(node, 'sk-i');
        else if (prop.endsWith('font-weight') && value === 'bold') this.addClassToHast(node, 'sk-b');
      }
    },
  };
}

export function themeColors(theme: ThemeRegistration): string[] {
  const out = new Set<string>();
  const add = (c: unknown) => {
    if (typeof c === 'string' && /^#[0-9a-f]{3,8}$/i.test(c)) out.add(c.toLowerCase());
  };
  add(theme.colors?.['editor.foreground']);
  for (const t of theme.tokenColors ?? []) add((t.settings as { foreground?: string })?.foreground);
  return [...out].sort();
}

export function codeCss(light: ThemeRegistration, dark: ThemeRegistration): string {
  const rules = [
    `.code-sample { background: ${light.colors?.['editor.background'] ?? '#fff'}; color: ${light.colors?.['editor.foreground'] ?? '#000'}; }`,
    ...themeColors(light).map((c) => `.${cls('l', c)} { color: ${c}; }`),
    '.sk-i { font-style: italic; } .sk-b { font-weight: bold; }',
    '@media (prefers-color-scheme: dark) {',
    `  .code-sample { background: ${dark.colors?.['editor.background'] ?? '#000'}; color: ${dark.colors?.['editor.foreground'] ?? '#fff'}; }`,
    ...themeColors(dark).map((c) => `  .code-sample .${cls('d', c)} { color: ${c}; }`),
    '}',
  ];
  return rules.join('\n') + '\n';
}
