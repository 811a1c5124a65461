/**
 * The opener of every lesson: "Who is behind this, and what kind of text is
 * it?" Pure data and feedback, shared by the component (no-JS answer) and the
 * small custom element that answers a learner's choice.
 */
import { GENRES, GENRE_LABELS, type Genre } from '../content/genres.ts';
import type { ExcerptMeta } from '../content/schema.ts';

/** What each kind of text is for, and the signs that give it away (one sentence each). */
export const GENRE_SIGNS: Record<Genre, string> = {
  news: 'A news report tells you what happened, who says so and how they know, and keeps the writer’s own views out.',
  opinion:
    'An opinion piece argues for the writer’s view; it is usually labelled Opinion, Comment or Column, often with the writer’s name and photo.',
  analysis:
    'An analysis explains or interprets events, trends and forecasts; it is often labelled Analysis or Explainer, and should say what its judgements rest on.',
  sponsored:
    'Sponsored content is paid for by a company or group that wants something from you; look for Sponsored, Advertisement, Paid partnership or “in association with”.',
  'press-release':
    'A press release is written by an organisation about itself, for journalists or for its own website; it speaks for that organisation.',
  'social-post':
    'A social-media post is written by one account on a platform; anyone can post, and nobody checked it before it went out.',
};

/** "a news report", "opinion": how a kind of text reads after "presented as". */
export const GENRE_PHRASE: Record<Genre, string> = {
  news: 'a news report',
  opinion: 'an opinion piece',
  analysis: 'analysis',
  sponsored: 'sponsored content',
  'press-release': 'a press release',
  'social-post': 'a social-media post',
};

/** Lateral reading: how a learner finds out who is behind a text, by leaving it. */
export const LATERAL_STEPS: readonly string[] = [
  'Search for the outlet’s name on its own, in a new tab, and read what others (encyclopedias, press-freedom or fact-checking groups, other news organisations) say about it.',
  'Read its About page: who owns it, who funds it, and does it say it checks facts or corrects mistakes?',
  'Look for a label near the headline: News, Opinion, Analysis, Sponsored, Advertisement, Press release.',
  'Look for a byline and search the writer’s name: what else have they written, and for whom?',
];

export const GENRE_CHOICES: readonly { value: Genre; label: string }[] = GENRES.map((g) => ({
  value: g,
  label: GENRE_LABELS[g],
}));

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
 * The answer to one choice. Right: say so and why. Also defensible (the
 * excerpt's `genreAlso`): say it is a fair reading, with the excerpt's note.
 * Wrong: say what the chosen kind of text would look like, so the learner
 * can look again; never scold.
 */
export function genreFeedback(chosen: string, actual: Genre, also: readonly Genre[] = [], note?: string): ChoiceFeedback {
  if (!isGenre(chosen)) return { correct: false, message: 'Choose one of the kinds of text listed.' };
  if (chosen === actual) {
    return { correct: true, message: `Yes: this is presented as ${GENRE_PHRASE[actual]}. ${GENRE_SIGNS[actual]}` };
  }
  if (also.includes(chosen)) {
    return {
      correct: true,
      message: note ? `A fair reading. ${note}` : `A fair reading; it is presented as ${GENRE_PHRASE[actual]}.`,
    };
  }
  return {
    correct: false,
    message: `Look again. ${GENRE_SIGNS[chosen]} Do you see those signs here? Check the label, the outlet and who is speaking.`,
  };
}
