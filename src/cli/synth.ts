/**
 * Synthetic lessons for the benchmarks, written next to a copy of the real
 * content. Sized like the real ones: excerpts of 500–1,500 words with 20–40
 * anchorable flags; notes of about 60 words with a question (about 16), a way
 * to check on every sourcing gap and half the others (about 30) and a fairer rewrite on most (about
 * 16); about 700 words of lesson prose with two teacher notes; a calm control
 * passage about half as long, with nothing flagged. The wording is
 * generated from word lists, so the vocabulary varies the way real text does.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../lib/learner/random.ts';
import { LEVELS } from '../lib/content/schema.ts';

const WORDS =
  'council officials residents report plan budget water school hospital police road market energy prices workers union company minister election voters campaign district river bridge funding review inspectors data survey figures week month year town city region county service project programme community families shops traffic rail station court judge hearing decision statement meeting members committee agency ministry study researchers scientists teachers pupils parents farmers weather storm flood drought heat harvest factory jobs wages rent housing estate park library museum festival team club season match coach players fans'.split(
    ' ',
  );
const VERBS =
  'said reported confirmed announced warned estimated argued noted added explained suggested described expected planned agreed'.split(
    ' ',
  );
const LOADED = [
  'disastrous',
  'shocking',
  'reckless',
  'outrageous',
  'catastrophic',
  'stunning',
  'brutal',
  'chaotic',
  'scandalous',
  'appalling',
];
const VAGUE = ['according to reports', 'sources say', 'it is believed', 'many people think', 'experts claim', 'insiders suggest'];
const CERTAIN = ['will certainly', 'is bound to', 'will inevitably', 'is sure to', 'will definitely'];

const PROSE =
  'reader readers claim claims evidence source sources named unnamed report reporter article headline figure figures number numbers document documents official officials witness witnesses record records data study survey expert experts check checks question questions detail details word words phrase phrases tone feeling feelings fear anger pride hope doubt trust caution context background history timeline forecast forecasts prediction predictions certainty likely unlikely possible motive motives reason reasons cause effect link links page website office spokesperson statement release interview quote quotes paraphrase summary version original copy draft table chart map photo caption video clip comparison difference similarity pattern trend average total share rate percent estimate range margin error sample method model assumption scenario risk benefit cost cause consequence response reaction decision debate argument opinion view fact facts verification verify confirm compare search trace follow ask asks notice notices weigh weighs judge judges describe describes explain explains support supports suggest suggests imply implies assume assumes'.split(
    ' ',
  );

const FUNCTION_WORDS =
  'the of and to a in is that it for was on as with be by this are not or from at which but have an they you one their has more can will what so if about who would there when'.split(
    ' ',
  );

/**
 * About `n` words of prose in sentences of 10 to 18 words: close to half
 * function words, the rest content words drawn with a skew towards the start
 * of each list, so some words are common and most are rare, as in real text.
 */
function prose(n: number, next: () => number): string {
  const skewed = <T>(list: readonly T[]) => list[Math.floor(next() ** 2 * list.length)];
  const out: string[] = [];
  let count = 0;
  while (count < n) {
    const len = 10 + Math.floor(next() * 9);
    const words = Array.from({ length: len }, () =>
      next() < 0.45 ? skewed(FUNCTION_WORDS) : skewed(next() < 0.7 ? PROSE : WORDS),
    );
    words[0] = words[0].charAt(0).toUpperCase() + words[0].slice(1);
    out.push(`${words.join(' ')}.`);
    count += len;
  }
  return out.join(' ');
}

const yamlString = (v: string) => JSON.stringify(v);

function sentence(next: () => number): string {
  const w = () => WORDS[Math.floor(next() * WORDS.length)];
  const s = `The ${w()} ${VERBS[Math.floor(next() * VERBS.length)]} that the ${w()} ${w()} would affect ${w()} and ${w()} in the ${w()}`;
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** One synthetic lesson: an excerpt of `words` words with `anns` unique, anchorable flags. */
function synthLesson(i: number, next: () => number, size?: { words: number; anns: number }) {
  const targetWords = size?.words ?? 500 + Math.floor(next() * 1000);
  const annCount = size?.anns ?? 20 + Math.floor(next() * 21);
  const paras: string[] = [];
  const anns: string[] = [];
  let words = 0;
  let para: string[] = [];
  let k = 0;
  while (words < targetWords) {
    let s = sentence(next);
    // Flags spread through a long text; in the others, about every other sentence until there are enough.
    if (k < annCount && next() < (size ? (annCount * 16) / targetWords : 0.5)) {
      const kind = k % 3;
      const tag = `${['Northfield', 'Easton', 'Westbury', 'Southmoor'][k % 4]} ${100 + i * 50 + k}`;
      const phrase =
        kind === 0
          ? `${VAGUE[k % VAGUE.length]} in ${tag}`
          : kind === 1
            ? `a ${LOADED[k % LOADED.length]} decision for ${tag}`
            : `${tag} ${CERTAIN[k % CERTAIN.length]} change`;
      s = `${s.slice(0, -1)}, and ${phrase}.`;
      const lens = ['sourcing-gap', 'emotive-language', 'unsupported-prediction'][kind];
      const fields = [
        `- id: flag-${k}`,
        `  quote: ${yamlString(phrase)}`,
        `  lens: ${lens}`,
        `  note: ${yamlString(`“${phrase}” is flagged here. ${prose(55, next)}`)}`,
        `  question: ${yamlString(`${prose(15, next).slice(0, -1)}?`)}`,
      ];
      if (kind === 0 || next() < 0.5) fields.push(`  check: ${yamlString(prose(30, next))}`);
      if (next() < 0.9) fields.push(`  rewrite: ${yamlString(prose(15, next))}`);
      anns.push(fields.join('\n'));
      k++;
    }
    para.push(s);
    words += s.split(/\s+/).length;
    if (para.length >= 4) {
      paras.push(para.join(' '));
      para = [];
    }
  }
  if (para.length) paras.push(para.join(' '));
  const slug = `synthetic-${String(i).padStart(4, '0')}`;
  const front = (title: string) =>
    `---\ntitle: "${title}"\nconstructed: true\ngenre: news\npublisher: "A newsroom invented for benchmarks"\ndate: 2026-01\nprovenance: "Generated for benchmarks."\n---\n`;
  const excerpt = `${front(`Synthetic report ${i}`)}Synthetic report ${i} on local services\n\n${paras.join('\n\n')}\n`;
  // The control passage (every lesson has one): a calm text with nothing flagged, about half as long.
  const calm: string[] = [];
  for (let w = 0; w < targetWords / 2;) {
    const p = Array.from({ length: 4 }, () => sentence(next)).join(' ');
    calm.push(p);
    w += p.split(/\s+/).length;
  }
  const control = `${front(`Synthetic control ${i}`)}Synthetic control report ${i}\n\n${calm.join('\n\n')}\n`;
  const list = (count: number, words: number) =>
    `[${Array.from({ length: count }, () => yamlString(prose(words, next))).join(', ')}]`;
  const lesson = [
    '---',
    `title: "Synthetic lesson ${i}"`,
    `summary: ${yamlString(prose(25, next))}`,
    `level: ${LEVELS[i % 3]}`,
    `minutes: ${15 + (i % 4) * 10}`,
    'audience: [benchmark]',
    `topic: ${['Economy', 'Local news', 'Public health', 'Technology'][i % 4]}`,
    `excerpt: ${slug}`,
    `control: ${slug}-control`,
    `questions: ${list(3, 10)}`,
    `objectives: ${list(3, 12)}`,
    `keyPoints: ${list(3, 14)}`,
    `discussion: ${list(3, 14)}`,
    `misconceptions: ${list(2, 14)}`,
    '---',
    '',
    prose(90, next),
    '',
    '<TeacherNote>',
    prose(80, next),
    '</TeacherNote>',
    '',
    '<Walkthrough>',
    '',
    ...['sourcing-gap', 'emotive-language', 'unsupported-prediction'].flatMap((lens) => [
      `<Step lens="${lens}">`,
      prose(70, next),
      '</Step>',
      '',
    ]),
    '<ControlStep>',
    prose(50, next),
    '</ControlStep>',
    '',
    '</Walkthrough>',
    '',
    '<AnnotatedExcerpt />',
    '',
    '## Debrief',
    '',
    prose(120, next),
    '',
    '<TeacherNote title="Answers that deserve credit">',
    prose(90, next),
    '</TeacherNote>',
    '',
  ].join('\n');
  return { slug, excerpt, control, yaml: anns.join('\n') + '\n', lesson, words, anns: anns.length };
}

/**
 * `n` synthetic lessons next to a copy of the real content. `long` adds one
 * more lesson of that many words (with a flag about every 100 words), like the
 * longest real articles, to measure the heaviest lesson page.
 */
export function makeSite(
  root: string,
  n: number,
  long?: number,
): { dir: string; words: number; anns: number; longSlug?: string } {
  const dir = mkdtempSync(join(tmpdir(), `rnc-bench-${n}-`));
  const content = join(dir, 'content');
  cpSync(join(root, 'content'), content, { recursive: true });
  const next = seededRandom(n);
  let words = 0;
  let anns = 0;
  for (let i = 0; i < n; i++) {
    const l = synthLesson(i, next);
    writeFileSync(join(content, 'excerpts', `${l.slug}.md`), l.excerpt);
    writeFileSync(join(content, 'excerpts', `${l.slug}.yaml`), l.yaml);
    writeFileSync(join(content, 'lessons', `${l.slug}.mdx`), l.lesson);
    writeFileSync(join(content, 'excerpts', `${l.slug}-control.md`), l.control);
    writeFileSync(join(content, 'excerpts', `${l.slug}-control.yaml`), '[]\n');
    words += l.words;
    anns += l.anns;
  }
  if (long) {
    const l = synthLesson(n, next, { words: long, anns: Math.round(long / 100) });
    writeFileSync(join(content, 'excerpts', `${l.slug}.md`), l.excerpt);
    writeFileSync(join(content, 'excerpts', `${l.slug}.yaml`), l.yaml);
    writeFileSync(join(content, 'lessons', `${l.slug}.mdx`), l.lesson);
    writeFileSync(join(content, 'excerpts', `${l.slug}-control.md`), l.control);
    writeFileSync(join(content, 'excerpts', `${l.slug}-control.yaml`), '[]\n');
    return { dir, words: words + l.words, anns: anns + l.anns, longSlug: l.slug };
  }
  return { dir, words, anns };
}
