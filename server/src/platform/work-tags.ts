/** Shared date rules of the work queues, so every case type tags 今天到期 and 即将到期 alike (China time). */
import { cstDate } from '@xs/core/calendar.ts';

/** 即将到期: due within this many calendar days (and not yet late). */
export const DUE_SOON_DAYS = 3;
/** 新交办: came to the unit within this many days and nothing done on it yet. */
export const NEW_DAYS = 3;

export function isDueToday(dueAt: string | null, now: Date): boolean {
  return !!dueAt && dueAt >= now.toISOString() && cstDate(new Date(dueAt)) === cstDate(now);
}

export function isDueSoon(dueAt: string | null, now: Date): boolean {
  return !!dueAt && dueAt >= now.toISOString() && new Date(dueAt).getTime() - now.getTime() <= DUE_SOON_DAYS * 86_400_000;
}

export function isRecent(at: string | null, now: Date, days = NEW_DAYS): boolean {
  return !!at && now.getTime() - new Date(at).getTime() <= days * 86_400_000;
}

/** The last of `transitions` on each case, from its timeline rows (ordered by id). */
export function lastOf<R extends { case_id: number; transition: string }>(rows: readonly R[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of rows) out.set(r.case_id, r.transition);
  return out;
}
