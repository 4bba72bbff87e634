/**
 * The triage queue remembered between the list and a clue: the ids of the list page the user came from
 * (for 上一条 / 下一条 on the detail page) and the list's URL with its filters (for 返回列表).
 */
const KEY = 'xs.clues.queue';

export interface Queue {
  ids: number[];
  listUrl: string;
}

export function saveQueue(q: Queue): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(q));
  } catch {
    // Private mode or full storage: the detail page simply shows no 上一条 / 下一条.
  }
}

export function loadQueue(): Queue | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Queue>;
    if (!Array.isArray(v.ids) || typeof v.listUrl !== 'string' || !v.listUrl.startsWith('/')) return null;
    return { ids: v.ids.filter((x): x is number => typeof x === 'number'), listUrl: v.listUrl };
  } catch {
    return null;
  }
}

/** The clues before and after `id` in the remembered queue. */
export function neighbours(id: number): { prev: number | null; next: number | null; listUrl: string; position: string | null } {
  const q = loadQueue();
  if (!q) return { prev: null, next: null, listUrl: '/clues', position: null };
  const i = q.ids.indexOf(id);
  if (i < 0) return { prev: null, next: null, listUrl: q.listUrl, position: null };
  return {
    prev: i > 0 ? q.ids[i - 1] : null,
    next: i < q.ids.length - 1 ? q.ids[i + 1] : null,
    listUrl: q.listUrl,
    position: `${i + 1} / ${q.ids.length}`,
  };
}
