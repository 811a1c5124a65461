/**
 * The practice lab's worker: runs the analyser (src/lib/lab/lab.ts) off the main
 * thread, one rule at a time, and says which rule it is on, so the page
 * (src/scripts/lab.ts) can stop it when one rule takes too long, name that
 * rule, and carry on with the rest in a fresh worker.
 *
 * In:  { type: 'run', id, text, rules, from }  (from: the first rule to run)
 * Out: { type: 'rule', id, index }             (about to run rules[index])
 *      { type: 'found', id, index, cues }      (its matches; overlaps not yet resolved)
 *      { type: 'end', id }
 */
import { analysisContext, matchRule, type LabRule } from '../lib/lab/lab.ts';

interface Run {
  type: 'run';
  id: number;
  text: string;
  rules: LabRule[];
  from: number;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<Run>) => void) | null; postMessage: (m: unknown) => void };

scope.onmessage = (e) => {
  const { id, text, rules, from } = e.data;
  if (e.data.type !== 'run') return;
  const ctx = analysisContext(text);
  for (let index = from; index < rules.length; index++) {
    scope.postMessage({ type: 'rule', id, index });
    scope.postMessage({ type: 'found', id, index, cues: matchRule(ctx, rules[index]) });
  }
  scope.postMessage({ type: 'end', id });
};
