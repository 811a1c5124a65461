/**
 * The opener of every lesson: "Who is behind this, and what kind of text is
 * it?" Pure data and feedback, shared by the component (no-JS answer) and the
 * small custom element that answers a learner's choice.
 */
import { GENRES, GENRE_LABELS, type ExcerptMeta, type Genre } from './schema.ts';

/** What each kind of text is for, and the signs that give it away. */
export const GENRE_SIGNS: Record<Genre, string> = {
  news: 'reports what happened, who says so and how they know; the writer’s own views should stay out',
  opinion: 'argues for the writer’s view; usually labelled Opinion, Comment or Column, often with the writer’s photo',
  analysis: 'explains or interprets events, forecasts and trends; labelled Analysis or Explainer, and should still say what its judgements rest on',
  sponsored: 'paid for by a company or group that wants something from you; look for Sponsored, Advertisement, Paid partnership or “in association with”',
  'press-release': 'written by an organisation about itself and sent to journalists or posted on its own site; it speaks for that organisation',
  'social-post': 'written by one account on a social platform; anyone can post, and nobody checked it before it went out',
};

/** Lateral reading: how a learner finds out who is behind a text, by leaving it. */
export const LATERAL_STEPS: readonly string[] = [
  'Search for the outlet’s name on its own, in a new tab, and read what others (encyclopedias, press-freedom or fact-checking groups, other news organisations) say about it.',
  'Read its About page: who owns it, who funds it, and does it say it checks facts or corrects mistakes?',
  'Look for a label near the headline: News, Opinion, Analysis, Sponsored, Advertisement, Press release.',
  'Look for a byline and search the writer’s name: what else have they written, and for whom?',
];

export const GENRE_CHOICES: readonly { value: Genre; label: string }[] = GENRES.map((g) => ({ value: g, label: GENRE_LABELS[g] }));

export function isGenre(v: unknown): v is Genre {
  return typeof v === 'string' && (GENRES as readonly string[]).includes(v);
}

/** The outlet's name as the learner would see it: the publisher field up to its first comma. */
export function publisherName(meta: Pick<ExcerptMeta, 'publisher'>): string {
  const p = meta.publisher.trim();
  const cut = p.search(/,|\s\(/);
  return (cut > 0 ? p.slice(0, cut) : p).trim();
}

export interface ChoiceFeedback {
  correct: boolean;
  message: string;
}

/**
 * The answer to one choice. Right: say so and why. Wrong: say what the chosen
 * kind of text would look like, so the learner can look again; never scold.
 */
export function genreFeedback(chosen: string, actual: Genre): ChoiceFeedback {
  if (!isGenre(chosen)) return { correct: false, message: 'Choose one of the kinds of text listed.' };
  if (chosen === actual) {
    return { correct: true, message: `Yes: this is presented as ${GENRE_LABELS[actual].toLowerCase()}. A text of this kind ${GENRE_SIGNS[actual]}.` };
  }
  return {
    correct: false,
    message: `Look again. ${GENRE_LABELS[chosen]} ${GENRE_SIGNS[chosen]}. Do you see those signs here? Check the label, the outlet and who is speaking.`,
  };
}
