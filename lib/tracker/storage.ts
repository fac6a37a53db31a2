// localStorage/sessionStorage access that never throws: a full quota or a blocked store only loses
// persistence, never the call that was being made.
import type { StorageLike } from "./env";

export function readItem(s: StorageLike | null, key: string): string | null {
  try {
    return s ? s.getItem(key) : null;
  } catch {
    return null;
  }
}

export function writeItem(s: StorageLike | null, key: string, value: string): void {
  try {
    if (s) s.setItem(key, value);
  } catch {
    // Quota exceeded or storage disabled.
  }
}

export function removeItem(s: StorageLike | null, key: string): void {
  try {
    if (s) s.removeItem(key);
  } catch {
    // Storage disabled.
  }
}
