/**
 * localStorage that never throws: a missing, disabled, full or broken store
 * degrades to memory for this visit, and the caller is told once.
 */
const memory = new Map<string, string>();

export function readStore(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

/** Returns false when the value could only be kept in memory. */
export function writeStore(key: string, value: string): boolean {
  memory.set(key, value);
  try {
    window.localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
