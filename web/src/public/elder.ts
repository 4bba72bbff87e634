/**
 * 长辈模式 (RULES.md 适老化): large type, big touch targets, a simpler layout and no pop-ups. Remembered
 * in localStorage; applied as a class on <html> so the CSS does the work.
 */
import { useSyncExternalStore } from 'react';

const KEY = 'xs.h5.elder';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

let elder = read();
document.documentElement.classList.toggle('elder', elder);

export function setElderMode(on: boolean): void {
  elder = on;
  try {
    window.localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.classList.toggle('elder', on);
  for (const l of listeners) l();
}

export function isElderMode(): boolean {
  return elder;
}

export function useElderMode(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => elder,
  );
}
