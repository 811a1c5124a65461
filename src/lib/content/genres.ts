/**
 * What kind of text an excerpt is: the first question of every lesson. Kept
 * apart from schema.ts so browser code can use it without bundling zod.
 */
export const GENRES = ['news', 'opinion', 'analysis', 'sponsored', 'press-release', 'social-post'] as const;
export type Genre = (typeof GENRES)[number];
export const GENRE_LABELS: Record<Genre, string> = {
  news: 'News report',
  opinion: 'Opinion',
  analysis: 'Analysis',
  sponsored: 'Sponsored content',
  'press-release': 'Press release',
  'social-post': 'Social-media post',
};
