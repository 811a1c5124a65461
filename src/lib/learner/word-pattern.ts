/**
 * Words as a plain pattern finds them: letters, marks and digits, joined by an apostrophe, dot,
 * comma, hyphen or en dash (the joiners of tokens.ts). The browser can apply it without
 * Intl.Segmenter, whose word boundaries vary with the engine's Unicode data. The lesson page sends
 * a paragraph as plain text only where this finds exactly the words tokenize() found
 * (tokens.ts, patternFindsTokens); the walkthrough wraps those words itself. Kept in its own module
 * so the walkthrough's script carries nothing else.
 */
export const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+(?:['’.,\-–][\p{L}\p{M}\p{N}]+)*/gu;
