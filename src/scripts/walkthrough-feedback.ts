/**
 * The walkthrough's feedback: counts and explanations after Check, the
 * summary, discernment and the result code. Loaded on the first Check (or at
 * once when saved progress has checked steps), so the lesson page starts with
 * only the marking code.
 */
import {
  describeDiscernment,
  describeTally,
  describeUnflagged,
  tally,
  type StepResult,
  type Target,
} from '../lib/learner/score.ts';
import { copyField } from './clipboard.ts';
import type { Step, Surface, Walkthrough } from './walkthrough.ts';

const LENS_NAMES: Record<string, string> = {
  'sourcing-gap': 'a sourcing gap',
  'emotive-language': 'emotive language',
  'unsupported-prediction': 'an unsupported prediction',
};

const $ = <T extends Element>(root: ParentNode, sel: string) => root.querySelector<T>(sel);

/** Results of a lens step on the lesson's text, and flags it put on the careful report. */
export function outcome(wt: Walkthrough, step: Step): { main: StepResult | null; careful: StepResult | null } {
  const mainPart = step.parts.find((p) => p.surface.which === 'main');
  const otherPart = step.parts.find((p) => p.surface.which === 'other');
  return { main: mainPart ? wt.partResult(step, mainPart) : null, careful: otherPart ? wt.partResult(step, otherPart) : null };
}

/**
 * What a step reports: found/total on the lesson's text and marks on words not flagged there.
 * The comparison step ('control') reports the careful report: its flagged phrases found in any
 * lens step, and every mark on words it does not flag.
 */
export function stepTally(
  wt: Walkthrough,
  step: Step,
): { found: number; total: number; falseAlarms: number; missedIds: string[]; ranges: [number, number][] } {
  if (step.lens === 'any') {
    if (step.parts.length > 0) {
      const r = wt.partResult(step, step.parts[0]);
      return { ...tally(r), missedIds: r.missed, ranges: r.falseAlarms.map((f) => [f.a, f.b]) };
    }
    const other = wt.surfaces.find((s) => s.which === 'other');
    const lensSteps = wt.steps.filter((s) => s.lens !== 'any' && wt.stepState(s).checked);
    const scored = (other?.data.anns ?? []).filter(
      (a) => a.s !== false && a.lenses.some((l) => lensSteps.some((s) => s.lens === l)),
    );
    const found = new Set<string>();
    const ranges: [number, number][] = [];
    for (const s of lensSteps) {
      const { careful } = outcome(wt, s);
      if (!careful) continue;
      careful.found.forEach((id) => found.add(id));
      for (const f of careful.falseAlarms) ranges.push([f.a, f.b]);
    }
    const missedIds = scored.filter((a) => !found.has(a.id)).map((a) => a.id);
    return { found: scored.length - missedIds.length, total: scored.length, falseAlarms: ranges.length, missedIds, ranges };
  }
  const { main } = outcome(wt, step);
  const r = main ?? { found: [], missed: [], partial: [], arguable: [], defensible: [], falseAlarms: [] };
  return { ...tally(r), missedIds: r.missed, ranges: r.falseAlarms.map((f) => [f.a, f.b]) };
}

/** The result code holds only checked steps: counts, missed phrase numbers and unflagged-mark ranges. */
export async function makeCode(wt: Walkthrough) {
  const status = $<HTMLElement>(wt, '.wt-code-status');
  try {
    const { encodeResult } = await import('../lib/learner/result-code.ts');
    const other = wt.surfaces.find((s) => s.which === 'other');
    const main = wt.surfaces.find((s) => s.which === 'main')!;
    const steps = wt.steps
      .filter((s) => wt.stepState(s).checked)
      .map((s) => {
        const t = stepTally(wt, s);
        const anns = (s.lens === 'any' ? other : main)?.data.anns ?? [];
        return {
          id: s.id,
          found: t.found,
          missed: t.total - t.found,
          falseAlarms: t.falseAlarms,
          missedNumbers: t.missedIds.map((id) => anns.find((a) => a.id === id)?.n ?? 0).filter((n) => n > 0),
          falseAlarmRanges: t.ranges,
        };
      });
    const name = $<HTMLInputElement>(wt, '.wt-name')?.value ?? '';
    const code = encodeResult({ lesson: wt.lesson, fp: wt.dataset.fp ?? '', name, steps });
    const box = $<HTMLElement>(wt, '.wt-code-box');
    const area = $<HTMLTextAreaElement>(wt, '.wt-code');
    if (box && area) {
      area.value = code;
      box.hidden = false;
      area.focus();
      area.select();
    }
    if (status)
      status.textContent = `Result code ready for ${steps.length} step${steps.length === 1 ? '' : 's'}. Copy it and send it to your teacher.`;
  } catch {
    if (status) status.textContent = 'The result code could not be made. Your results are still saved on this device.';
  }
}

export async function copyCode(wt: Walkthrough) {
  const area = $<HTMLTextAreaElement>(wt, '.wt-code');
  const status = $<HTMLElement>(wt, '.wt-code-status');
  if (!area || !status) return;
  await copyField(area, status, 'code', 'Copied. Paste it wherever your teacher asked for it.');
}

/** The words of a run as printed, punctuation and all. */
export function words(wt: Walkthrough, surface: Surface, a: number, b: number): string {
  const first = surface.tokens[a];
  const last = surface.tokens[Math.max(a, b - 1)];
  if (!first || !last) return '';
  const range = document.createRange();
  range.setStartBefore(first);
  range.setEndAfter(last);
  return range.toString().replace(/\s+/g, ' ').trim();
}

/**
 * A phrase's note card. On the lesson page each card is on the page once, under the annotated text;
 * a step's answers link to it (Step.astro), and the control step's answers hold their own.
 */
export function card(wt: Walkthrough, id: string): HTMLElement | null {
  const li = $<HTMLElement>(wt, `.answers li[data-ann="${CSS.escape(id)}"]`);
  if (!li) return null;
  return $<HTMLElement>(li, '.ann-card') ?? linkedCard(li);
}

function linkedCard(li: HTMLElement): HTMLElement | null {
  const link = $<HTMLAnchorElement>(li, '.ann-link a[href^="#"]');
  if (!link) return null;
  return document.getElementById(decodeURIComponent(link.hash.slice(1)))?.querySelector<HTMLElement>('.ann-card') ?? null;
}

/** After Check, a step's answers show a copy of each phrase's card in place of the link to it. */
export function fillCard(li: HTMLElement) {
  const link = $<HTMLElement>(li, ':scope > .ann-link');
  const found = link && linkedCard(li);
  if (!link || !found) return;
  const copy = found.cloneNode(true) as HTMLElement;
  const back = $<HTMLElement>(copy, '.ann-back a');
  if (back) back.textContent = 'See it in the annotated text';
  link.replaceWith(copy);
}

export function note(wt: Walkthrough, id: string): string {
  return card(wt, id)?.querySelector('.ann-note')?.textContent?.trim() ?? '';
}

export function keyWords(wt: Walkthrough, surface: Surface, t: Target): string {
  const runs: string[] = [];
  const keys = t.k ?? [];
  for (let i = 0; i < keys.length; i++) {
    let j = i;
    while (j + 1 < keys.length && keys[j + 1] === keys[j] + 1) j++;
    runs.push(`“${words(wt, surface, keys[i], keys[j] + 1)}”`);
    i = j;
  }
  return runs.join(', ');
}

export function item(wt: Walkthrough, prefix: string, quote: string, rest: string, kind: string): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.kind = kind;
  const strong = document.createElement('strong');
  strong.textContent = prefix;
  const q = document.createElement('q');
  q.textContent = quote;
  li.append(strong, ' ', q, rest);
  return li;
}

export function renderCheck(wt: Walkthrough, step: Step) {
  const st = wt.stepState(step);
  const t = stepTally(wt, step);
  const { careful } = outcome(wt, step);
  const missedCount = t.total - t.found;
  step.el.classList.add('is-checked');
  step.el.classList.toggle('is-revealed', st.revealed || missedCount === 0);
  const other = wt.surfaces.find((s) => s.which === 'other');
  const carefulFlags = careful?.falseAlarms.length ?? 0;

  const lines: string[] = [];
  if (step.lens === 'any' && step.parts.length === 0) {
    lines.push(`${step.label}: ${other ? `${wt.textName('other')} is the careful report.` : ''}`);
    const d = discernment(wt);
    if (d) lines.push(`In the steps you checked, ${d}.`);
    if (t.falseAlarms === 0 && t.total - t.found === 0) lines.push('Well judged: you left the careful report alone.');
  } else {
    lines.push(`${step.label}: ${describeTally(t)}${other && step.lens !== 'any' ? ` in ${wt.textName('main')}` : ''}.`);
    if (other && step.lens !== 'any') {
      lines.push(
        `${wt.textName('other')} is the careful report${carefulFlags > 0 ? `: you put ${carefulFlags} mark${carefulFlags === 1 ? '' : 's'} on words it does not flag` : ', and you left it alone'}.`,
      );
    }
    if (step.lens === 'any' && t.total === 0 && t.falseAlarms === 0) lines.push('Well judged: this passage needs no flags.');
  }
  if (missedCount > 0 && !st.revealed && step.parts.length > 0) {
    const first = step.parts[0].targets.find((x) => x.id === t.missedIds[0]);
    const surface = step.parts[0].surface;
    if (first && st.hints >= 1) {
      const block = surface.data.blocks.filter((b) => b >= 0 && b <= first.a).length - 1;
      lines.push(
        `Hint: ${missedCount} still to find in ${wt.textName(surface.which)}. One is in ${block === 0 ? 'the headline' : `paragraph ${block}`}.`,
      );
    }
    if (first && st.hints >= 2) lines.push(`Hint: it starts with “${words(wt, surface, first.a, first.a + 1)}”.`);
    if (!wt.assignment.answers) lines.push('Your teacher will go through the answers. You can try again before you hand in.');
    else if (st.hints < 2 && wt.assignment.hints) lines.push('Try again, ask for a hint, or show the answers.');
    else if (st.hints < 2) lines.push('Try again, or show the answers.');
  }
  const fb = $<HTMLElement>(step.el, '.wt-feedback');
  if (fb) {
    fb.tabIndex = -1;
    fb.replaceChildren(
      ...lines.map((l, i) => {
        const p = document.createElement('p');
        p.textContent = l;
        if (i === 0) p.className = 'wt-score';
        return p;
      }),
    );
  }

  // One line per thing marked that is not simply "found": why it is or is not flagged here.
  const alarms = $<HTMLElement>(step.el, '.wt-alarms');
  if (alarms) {
    const items: HTMLLIElement[] = [];
    const lensName = LENS_NAMES[step.lens] ?? 'anything';
    for (const p of step.parts) {
      const r = wt.partResult(step, p);
      const s = p.surface;
      const where = other ? ` (${wt.textName(s.which)})` : '';
      for (const id of r.partial) {
        const tg = p.targets.find((x) => x.id === id)!;
        items.push(
          item(
            wt,
            'Part of a flagged phrase:',
            words(wt, s, tg.a, tg.b),
            `${where}. You marked part of it, but not the words doing the work: ${keyWords(wt, s, tg)}. Mark one of those to count it.`,
            'partial',
          ),
        );
      }
      for (const id of r.arguable) {
        const tg = p.targets.find((x) => x.id === id)!;
        const why = note(wt, id);
        items.push(
          item(
            wt,
            'Arguable:',
            words(wt, s, tg.a, tg.b),
            `${where}. Here is why this lesson does not score it${why ? `: ${why}` : '.'} It does not count for or against you.`,
            'arguable',
          ),
        );
      }
      for (const d of r.defensible) {
        items.push(
          item(
            wt,
            'Fair to flag:',
            words(wt, s, d.a, d.b),
            `${where}. ${d.reason} The lesson does not score it, so it does not count against you.`,
            'defensible',
          ),
        );
      }
      for (const fa of r.falseAlarms) {
        let why =
          step.lens === 'any' ? ' is fine as it is: nothing here needs a flag.' : ` is not flagged as ${lensName}${where}.`;
        if (fa.otherLenses?.length)
          why += ` Good eye, though: it is flagged as ${fa.otherLenses.map((l) => LENS_NAMES[l]).join(' and ')}, which is another step.`;
        else if (fa.nearId) {
          const near = p.targets.find((x) => x.id === fa.nearId)!;
          why += ` You are close: it touches the flagged phrase “${words(wt, s, near.a, near.b)}”.`;
        } else if (step.lens !== 'any') why += ' Nothing flagged is there.';
        items.push(item(wt, 'Marked but not flagged here:', words(wt, s, fa.a, fa.b), why, 'unflagged'));
      }
    }
    alarms.replaceChildren(...items);
    alarms.hidden = items.length === 0 || !wt.assignment.answers;
    if (!alarms.hidden) alarms.setAttribute('aria-label', 'About the words you marked');
  }

  const answers = $<HTMLDetailsElement>(step.el, 'details.answers');
  if (answers) {
    answers.open = true;
    const where = $<HTMLElement>(answers, '.answers-where');
    if (where) where.hidden = true;
    const parts = step.parts.length > 0 ? step.parts : [];
    const resultFor = (id: string) => {
      for (const p of parts) {
        const r = wt.partResult(step, p);
        if (r.found.includes(id)) return 'found';
        if (r.missed.includes(id)) return 'missed';
      }
      return step.lens === 'any' ? (t.missedIds.includes(id) ? 'missed' : 'found') : 'missed';
    };
    for (const li of answers.querySelectorAll<HTMLElement>('li[data-ann]')) {
      fillCard(li);
      const state = li.dataset.scored === 'false' ? 'arguable' : resultFor(li.dataset.ann!);
      li.dataset.state = state;
      let label = li.querySelector<HTMLElement>(':scope > .wt-state');
      if (!label) {
        label = document.createElement('p');
        label.className = 'wt-state';
        li.prepend(label);
      }
      label.textContent = state === 'found' ? '✓ Found' : state === 'missed' ? '✗ Missed' : '~ Arguable (not scored)';
    }
    const summary = $<HTMLElement>(answers, 'summary');
    if (summary && step.lens !== 'any')
      summary.textContent =
        st.revealed || missedCount === 0 ? 'All the answers, with notes' : `Notes on what you found (${t.found})`;
  }
  const show = (sel: string, on: boolean) => {
    const b = $<HTMLElement>(step.el, sel);
    if (b) b.hidden = !on;
  };
  const answersOn = wt.assignment.answers;
  show('[data-act=hint]', wt.assignment.hints && missedCount > 0 && !st.revealed && st.hints < 2 && step.parts.length > 0);
  show('[data-act=reveal]', answersOn && missedCount > 0 && !st.revealed);
  step.el.classList.toggle('answers-off', !answersOn);
  show('[data-act=retry]', step.parts.length > 0);
  show('.wt-next', true);
  const nextBtn = $<HTMLElement>(step.el, '[data-act=next]');
  if (nextBtn) nextBtn.textContent = wt.steps.indexOf(step) === wt.steps.length - 1 ? 'See your results' : 'Next step';
  if (wt.current() === step) wt.paintMarks(step);
}

/** "you flagged 9 of 14 problems and 1 thing in the careful report", over checked lens steps. */
export function discernment(wt: Walkthrough): string | null {
  if (!wt.surfaces.some((s) => s.which === 'other')) return null;
  const lensSteps = wt.steps.filter((s) => s.lens !== 'any' && wt.stepState(s).checked);
  if (lensSteps.length === 0) return null;
  let found = 0;
  let total = 0;
  let careful = 0;
  for (const s of lensSteps) {
    const t = stepTally(wt, s);
    found += t.found;
    total += t.total;
    careful += outcome(wt, s).careful?.falseAlarms.length ?? 0;
  }
  return describeDiscernment(found, total, careful);
}

export function renderSummary(wt: Walkthrough) {
  const section = $<HTMLElement>(wt, '.wt-summary');
  const body = $<HTMLElement>(wt, '.wt-summary tbody');
  if (!section || !body) return;
  const checked = wt.steps.filter((s) => wt.stepState(s).checked);
  section.hidden = checked.length === 0;
  body.replaceChildren(
    ...wt.steps.map((s) => {
      const tr = document.createElement('tr');
      const st = wt.stepState(s);
      const t = st.checked ? stepTally(wt, s) : null;
      const cells = [
        s.label,
        t ? (t.total === 0 ? 'nothing to find' : `${t.found} of ${t.total}`) : 'not checked yet',
        t ? String(t.falseAlarms) : '–',
      ];
      cells.forEach((c, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.setAttribute('scope', 'row');
        cell.textContent = c;
        tr.append(cell);
      });
      return tr;
    }),
  );
  const d = discernment(wt);
  const disc = $<HTMLElement>(wt, '.wt-discernment');
  if (disc) {
    disc.textContent = d ? `Telling the two texts apart: ${d}.` : '';
    disc.hidden = !d;
  }
  const note = $<HTMLElement>(wt, '.wt-summary-note');
  if (note) {
    const alarms = checked.reduce((n, s) => n + stepTally(wt, s).falseAlarms, 0);
    note.textContent =
      checked.length < wt.steps.length
        ? `${checked.length} of ${wt.steps.length} steps checked. Your results are saved on this device only.`
        : alarms === 0
          ? 'Lesson complete, with no marks on words that are not flagged: careful reading. Your results are saved on this device only.'
          : `Lesson complete. ${describeUnflagged(alarms)}: flagging too much is a mistake too, so look at why those words were fine. Your results are saved on this device only.`;
  }
}
