/**
 * <ml-booster-due>: reveals the "booster due" notice when progress on this
 * device says one is due. The scheduler is loaded only for a learner who
 * finished a lesson long enough ago for a booster to be due, so the page
 * stays light for everyone else.
 */
import { loadProgress } from './progress-store.ts';
import { BOOSTER_KEY } from '../lib/learner/storage-keys.ts';
import { readStore } from './store.ts';

const DAY_MS = 86_400_000;

class BoosterDue extends HTMLElement {
  connectedCallback() {
    void this.check().catch(() => {
      // No notice is better than a broken page.
    });
  }

  private async check() {
    const now = Date.now();
    const { progress } = loadProgress();
    const firstMs = Number(this.dataset.firstDays ?? '3') * DAY_MS;
    if (!Object.values(progress.lessons).some((l) => l.done !== undefined && l.done + firstMs <= now)) return;
    const { dueLessons, parseBoosters } = await import('../lib/learner/booster.ts');
    // Booster history is only read here; the booster page sets unreadable data aside.
    const { state } = parseBoosters(readStore(BOOSTER_KEY));
    const known = (this.dataset.lessons ?? '').split(' ').filter(Boolean);
    this.hidden = dueLessons(progress, state, now, known).length === 0;
  }
}

if (!customElements.get('ml-booster-due')) customElements.define('ml-booster-due', BoosterDue);
