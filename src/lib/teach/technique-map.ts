/**
 * How this site's techniques line up with three frameworks teachers meet
 * elsewhere. Descriptions are our own summaries, not quotations:
 * - SemEval-2020 Task 11 (detection of propaganda techniques in news
 *   articles) annotated 14 technique classes in English news text;
 * - Walton's critical questions for the argument from expert opinion;
 * - the Associated Press's rules for using anonymous sources.
 * A unit test checks that every technique page has an entry here.
 */

export const SEMEVAL = {
  'loaded-language': 'Loaded language',
  'name-calling': 'Name calling or labelling',
  repetition: 'Repetition',
  'exaggeration-minimisation': 'Exaggeration or minimisation',
  doubt: 'Doubt',
  'fear-prejudice': 'Appeal to fear or prejudice',
  'flag-waving': 'Flag-waving',
  'causal-oversimplification': 'Causal oversimplification',
  slogans: 'Slogans',
  authority: 'Appeal to authority',
  'black-and-white': 'Black-and-white fallacy',
  'thought-terminating': 'Thought-terminating cliché',
  'whataboutism-strawman-red-herring': 'Whataboutism, straw man or red herring',
  'bandwagon-reductio': 'Bandwagon or reductio ad Hitlerum',
} as const;
export type SemEvalId = keyof typeof SEMEVAL;

/** Walton's six critical questions for an appeal to expert opinion, in our words. */
export const WALTON = {
  expertise: 'Expertise: how credible is the source as an expert?',
  field: 'Field: is the source an expert in the field the claim belongs to?',
  opinion: 'Opinion: what exactly did the source say, and does it imply the claim?',
  trustworthiness: 'Trustworthiness: is the source personally reliable, or biased by a stake?',
  consistency: 'Consistency: does the claim agree with what other experts say?',
  evidence: 'Backup evidence: is the source’s assertion based on evidence?',
} as const;
export type WaltonId = keyof typeof WALTON;

/** The AP's conditions for anonymous sources, summarised in our words. */
export const AP_ANONYMOUS = {
  information: 'Only information, not opinion or speculation, and only when it is vital to the story.',
  'only-way': 'Only when the information cannot be had any other way than by granting anonymity.',
  'direct-knowledge': 'Only from a source who is reliable and in a position to know first-hand.',
  'say-why': 'The story says why the source was granted anonymity and describes them as precisely as possible.',
  'no-attacks': 'Anonymous sources are not used to make personal attacks or pejorative judgements.',
} as const;
export type ApId = keyof typeof AP_ANONYMOUS;

export interface TechniqueMapping {
  semeval: SemEvalId[];
  walton: WaltonId[];
  ap: ApId[];
  /** One line for teachers: how the correspondence works, or why there is none. */
  note?: string;
}

export const TECHNIQUE_MAP: Record<string, TechniqueMapping> = {
  // Who says so?
  'sourcing-gap': {
    semeval: [],
    walton: ['evidence'],
    ap: [],
    note: 'SemEval labels rhetoric in the text; missing sources are a journalism standard, closest to Walton’s call for backup evidence.',
  },
  'vague-attribution': {
    semeval: [],
    walton: ['expertise', 'opinion'],
    ap: ['direct-knowledge', 'say-why'],
    note: '“Reports say” names no source whose expertise or knowledge could be judged.',
  },
  'anonymous-source': {
    semeval: [],
    walton: ['trustworthiness'],
    ap: ['information', 'only-way', 'direct-knowledge', 'say-why', 'no-attacks'],
    note: 'The AP rules are the checklist: is anonymity justified and explained?',
  },
  'unlinked-document': {
    semeval: [],
    walton: ['opinion', 'evidence'],
    ap: [],
    note: 'You cannot check what the document says, so you cannot tell whether it implies the claim.',
  },
  'unsourced-number': { semeval: [], walton: ['evidence'], ap: [] },
  'missing-evidence': { semeval: [], walton: ['evidence'], ap: [] },
  'self-interested-source': {
    semeval: [],
    walton: ['trustworthiness'],
    ap: [],
    note: 'Walton’s trustworthiness question: does the source gain if you believe them?',
  },
  bandwagon: { semeval: ['bandwagon-reductio'], walton: ['consistency'], ap: [] },
  'irrelevant-authority': {
    semeval: ['authority'],
    walton: ['field', 'expertise'],
    ap: [],
    note: 'Walton’s field question is the test: expert, but in what?',
  },
  'headline-overreach': {
    semeval: ['exaggeration-minimisation'],
    walton: ['opinion'],
    ap: [],
    note: 'The headline claims more than the source in the body said.',
  },
  // How is it said?
  'emotive-language': { semeval: ['loaded-language'], walton: [], ap: [] },
  'loaded-words': { semeval: ['loaded-language'], walton: [], ap: [] },
  hyperbole: { semeval: ['exaggeration-minimisation'], walton: [], ap: [] },
  'name-calling': {
    semeval: ['name-calling'],
    walton: [],
    ap: ['no-attacks'],
    note: 'When an unnamed source does the name-calling, the AP rule against anonymous attacks applies too.',
  },
  'dehumanising-imagery': { semeval: ['name-calling', 'loaded-language'], walton: [], ap: [] },
  'fear-appeal': { semeval: ['fear-prejudice'], walton: [], ap: [] },
  'attacking-the-messenger': {
    semeval: ['whataboutism-strawman-red-herring', 'name-calling'],
    walton: ['trustworthiness'],
    ap: ['no-attacks'],
    note: 'Turns Walton’s trustworthiness question into an attack instead of a check.',
  },
  repetition: { semeval: ['repetition'], walton: [], ap: [] },
  minimisation: { semeval: ['exaggeration-minimisation'], walton: [], ap: [] },
  'casting-doubt': { semeval: ['doubt'], walton: [], ap: [] },
  'flag-waving': { semeval: ['flag-waving', 'fear-prejudice'], walton: [], ap: [] },
  // How could they know?
  'unsupported-prediction': { semeval: [], walton: ['evidence'], ap: [] },
  'certainty-without-evidence': {
    semeval: ['thought-terminating'],
    walton: ['evidence'],
    ap: [],
    note: '“The science is settled” ends the question instead of answering it.',
  },
  'guessed-motive': {
    semeval: [],
    walton: ['evidence'],
    ap: ['information'],
    note: 'A motive is a kind of speculation; the AP keeps even sourced speculation out of anonymous quotes.',
  },
  'presupposed-outcome': { semeval: [], walton: ['evidence'], ap: [] },
  'speculation-as-fact': { semeval: [], walton: ['evidence'], ap: ['information'] },
  'slippery-slope': { semeval: ['causal-oversimplification', 'fear-prejudice'], walton: [], ap: [] },
  'false-dilemma': { semeval: ['black-and-white'], walton: [], ap: [] },
  'unsupported-cause': { semeval: ['causal-oversimplification'], walton: ['evidence'], ap: [] },
};

/** SemEval classes this site has no technique for, with why (so teachers see the gap). */
export const SEMEVAL_NOT_COVERED: Partial<Record<SemEvalId, string>> = {
  slogans: 'Short catchphrases; in these lessons they are treated as loaded words or repetition.',
};
