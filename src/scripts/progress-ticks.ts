/** Shows "Done" / "In progress" next to lessons, from progress saved on this device. */
import { loadProgress } from './progress-store.ts';

const { progress } = loadProgress();
for (const el of document.querySelectorAll<HTMLElement>('.path-status[data-slug]')) {
  const lesson = progress.lessons[el.dataset.slug ?? ''];
  if (!lesson) continue;
  const started = Object.values(lesson.steps).some((s) => s.checked || s.marks.length > 0 || (s.other?.length ?? 0) > 0);
  const state = lesson.done ? 'done' : started ? 'started' : '';
  if (!state) continue;
  el.dataset.state = state;
  el.textContent = state === 'done' ? '✓ Done' : '◐ In progress';
}
