/** Reading and writing learner progress on this device. */
import { parseProgress, type Progress } from '../lib/learner/progress.ts';
import { PROGRESS_KEY, unreadableKey } from '../lib/learner/storage-keys.ts';
import { readStore, writeStore } from './store.ts';

export function loadProgress(): { progress: Progress; corrupt: boolean } {
  const raw = readStore(PROGRESS_KEY);
  const result = parseProgress(raw);
  // Keep unreadable data aside rather than overwrite it: nothing is lost.
  if (result.corrupt && raw !== null) writeStore(unreadableKey(PROGRESS_KEY), raw);
  return result;
}

export function saveProgress(progress: Progress): boolean {
  return writeStore(PROGRESS_KEY, JSON.stringify(progress));
}
