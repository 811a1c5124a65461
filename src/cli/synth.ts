/**
 * Synthetic lessons for the benchmarks: realistic excerpts (500–1,500 words,
 * 20–40 anchorable flags each) written next to a copy of the real content.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../lib/random.ts';

const WORDS =
  'council officials residents report plan budget water school hospital police road market energy prices workers union company minister election voters campaign district river bridge funding review inspectors data survey figures week month year town city region county service project programme community families shops traffic rail station court judge hearing decision statement meeting members committee agency ministry study researchers scientists teachers pupils parents farmers weather storm flood drought heat harvest factory jobs wages rent housing estate park library museum festival team club season match coach players fans'.split(
    ' ',
  );
const VERBS = 'said reported confirmed announced warned estimated argued noted added explained suggested described expected planned agreed'.split(' ');
const LOADED = ['disastrous', 'shocking', 'reckless', 'outrageous', 'catastrophic', 'stunning', 'brutal', 'chaotic', 'scandalous', 'appalling'];
const VAGUE = ['according to reports', 'sources say', 'it is believed', 'many people think', 'experts claim', 'insiders suggest'];
const CERTAIN = ['will certainly', 'is bound to', 'will inevitably', 'is sure to', 'will definitely'];

function sentence(next: () => number): string {
  const w = () => WORDS[Math.floor(next() * WORDS.length)];
  const s = `The ${w()} ${VERBS[Math.floor(next() * VERBS.length)]} that the ${w()} ${w()} would affect ${w()} and ${w()} in the ${w()}`;
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** One synthetic lesson: an excerpt of `words` words with `anns` unique, anchorable flags. */
function synthLesson(i: number, next: () => number) {
  const targetWords = 500 + Math.floor(next() * 1000);
  const annCount = 20 + Math.floor(next() * 21);
  const paras: string[] = [];
  const anns: string[] = [];
  let words = 0;
  let para: string[] = [];
  let k = 0;
  while (words < targetWords) {
    let s = sentence(next);
    if (k < annCount && next() < 0.5) {
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
      anns.push(`- id: flag-${k}\n  quote: "${phrase}"\n  lens: ${lens}\n  note: Synthetic note ${k} explaining why "${phrase}" is flagged in this text.\n  question: Who says so, and how could you check it?\n  check: Look for the original source.`);
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
  const excerpt = `---\ntitle: "Synthetic report ${i}"\nconstructed: true\ndate: 2026-01\nprovenance: "Generated for benchmarks."\n---\nSynthetic report ${i} on local services\n\n${paras.join('\n\n')}\n`;
  const lesson = `---\ntitle: "Synthetic lesson ${i}"\nsummary: "A generated lesson for the build benchmark."\nlevel: ${['intro', 'intermediate', 'advanced'][i % 3]}\nminutes: ${15 + (i % 4) * 10}\naudience: [benchmark]\ntopic: ${['Economy', 'Local news', 'Public health', 'Technology'][i % 4]}\nexcerpt: ${slug}\nquestions: ["Who says so?"]\nobjectives: ["Spot gaps."]\nkeyPoints: ["Ask who says so."]\ndiscussion: ["What would you check first?"]\nmisconceptions: ["Strong words mean false news."]\n---\n\nGenerated context.\n\n<Walkthrough>\n\n<Step lens="sourcing-gap">\nFind the sources.\n</Step>\n\n<Step lens="emotive-language">\nFind the loaded words.\n</Step>\n\n<Step lens="unsupported-prediction">\nFind the forecasts.\n</Step>\n\n</Walkthrough>\n\n<AnnotatedExcerpt />\n\n## Debrief\n\nDone.\n`;
  return { slug, excerpt, yaml: anns.join('\n') + '\n', lesson, words, anns: anns.length };
}

export function makeSite(root: string, n: number): { dir: string; words: number; anns: number } {
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
    words += l.words;
    anns += l.anns;
  }
  return { dir, words, anns };
}

