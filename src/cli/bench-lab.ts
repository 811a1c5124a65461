/**
 * `npm run bench:lab`: precision and recall of the practice lab's rules on
 * the corpora in tests/corpora and on the site's own annotations. Add
 * `--list` to print every miss, trap and unlabelled cue.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRules } from '../lib/content/lab-rules.ts';
import { readCorpus, scoreCorpus, scoreSite, scoreTable } from '../lib/lab/lab-corpus.ts';
import { loadLibrary } from '../lib/content/load.ts';

const root = process.cwd();
const lib = loadLibrary(resolve(root, 'content'), root);
const read = (f: string) => readFileSync(join(root, 'content/lab', f), 'utf8');
const rules = loadRules(read('rules.yaml'), read('lexicon.yaml'), {
  techniques: lib.techniques.map((t) => ({ id: t.id, lens: t.lensId })),
});
const neg = scoreCorpus(readCorpus(join(root, 'tests/corpora/negative')), rules);
const pos = scoreCorpus(readCorpus(join(root, 'tests/corpora/positive')), rules);
const site = scoreSite(lib.excerpts, rules);

console.log(
  `Negative corpus: ${neg.paragraphs} paragraphs, ${neg.words} words: ${neg.suggested} suggested cues (1 per ${neg.suggested ? Math.round(neg.words / neg.suggested) : '∞'} words; target ≤ 1 per 200), ${neg.neutral} neutral or quoted marks, ${neg.traps.length} on labelled traps.`,
);
console.log(`Positive corpus: ${pos.paragraphs} paragraphs, ${pos.words} words.`);
console.log(`Site annotations: ${site.annotations} scored annotations in ${lib.excerpts.length} excerpts.\n`);
console.log(scoreTable(neg, pos, site));
if (process.argv.includes('--list')) {
  const show = (title: string, list: string[]) =>
    console.log(`\n${title} (${list.length}):\n${list.map((l) => `  ${l}`).join('\n')}`);
  show('Negative: suggested cues', neg.unlabelled);
  show('Negative: traps hit', neg.traps);
  show('Positive: missed', pos.missed);
  show('Positive: unlabelled cues', pos.unlabelled);
  show('Site: missed', site.missed);
}
