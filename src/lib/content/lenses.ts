/** The three lenses every lesson teaches, in teaching order. */
export const LENS_IDS = ['sourcing-gap', 'emotive-language', 'unsupported-prediction'] as const;
export type LensId = (typeof LENS_IDS)[number];

export interface LensInfo {
  id: LensId;
  /** Full name, used in headings and labels. */
  label: string;
  /** One letter shown on marks so the lens never depends on colour. */
  letter: string;
  /** The line style that marks this lens in the excerpt, for the legend. */
  pattern: string;
  /** One-line question a reader asks with this lens. */
  question: string;
}

export const LENSES: Record<LensId, LensInfo> = {
  'sourcing-gap': {
    id: 'sourcing-gap',
    label: 'Sourcing gap',
    letter: 'S',
    pattern: 'dashed underline',
    question: 'Who says so, and could I check it?',
  },
  'emotive-language': {
    id: 'emotive-language',
    label: 'Emotive language',
    letter: 'E',
    pattern: 'wavy underline',
    question: 'Is this word informing me or working on my feelings?',
  },
  'unsupported-prediction': {
    id: 'unsupported-prediction',
    label: 'Unsupported prediction',
    letter: 'P',
    pattern: 'dotted overline',
    question: 'How could the writer know this, and what is the evidence?',
  },
};

export function isLensId(value: unknown): value is LensId {
  return typeof value === 'string' && (LENS_IDS as readonly string[]).includes(value);
}

export function lensLabel(id: LensId): string {
  return LENSES[id].label;
}

/** The careful report's step (the control text, read after the lenses): its id and label. */
export const CONTROL_STEP_ID = 'control';
export const CONTROL_STEP_LABEL = 'Careful report';

/** The label of a walkthrough step by id (a lens or the careful report), or null for an id the site does not know. */
export function stepLabel(id: string): string | null {
  if (isLensId(id)) return LENSES[id].label;
  return id === CONTROL_STEP_ID ? CONTROL_STEP_LABEL : null;
}
