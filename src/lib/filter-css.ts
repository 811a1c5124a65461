/**
 * CSS that filters the lessons list with radio buttons and :has(), so the
 * list is filterable without JavaScript.
 */
export interface FilterGroup {
  key: string;
  values: string[];
}

const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;

export function filterInputId(key: string, index: number): string {
  return `lf-${key}-${index}`;
}

export function filterCss(groups: readonly FilterGroup[]): string {
  return groups
    .flatMap((g) =>
      g.values.map(
        (v, i) =>
          `.lesson-index:has(#${filterInputId(g.key, i)}:checked) .lesson-card:not([data-${g.key}=${cssString(v)}]) { display: none; }`,
      ),
    )
    .join('\n');
}
