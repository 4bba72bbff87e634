/**
 * 我的待办: asks every registered case type for the caller's open work (`CaseType.workOf`) and gives one list
 * with counts per tag — the unit portal's page and each role's home queues read it.
 */
import type { Kysely } from 'kysely';
import type { WorkItem, WorkList, WorkTag } from '@xs/core/schemas/work.ts';
import type { Database } from '../../db/database.ts';
import { caseTypes, type CaseType, type WorkViewer } from '../../platform/cases.ts';

/** The most rows one answer carries; `counts` still count every item. */
export const WORK_PAGE_MAX = 500;

type WorkSource = Pick<CaseType, 'name' | 'label'> & { workOf: NonNullable<CaseType['workOf']> };

function sources(): WorkSource[] {
  return caseTypes().flatMap((t) => (t.workOf ? [{ name: t.name, label: t.label, workOf: t.workOf }] : []));
}

/** What was given to the reader personally first (分派给我), then late, then the nearest deadline, then the newest arrival. */
function byUrgency(a: WorkItem, b: WorkItem): number {
  const mine = (i: WorkItem) => i.tags.includes('mine');
  if (mine(a) !== mine(b)) return mine(a) ? -1 : 1;
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt !== b.dueAt) return a.dueAt === null ? 1 : b.dueAt === null ? -1 : a.dueAt < b.dueAt ? -1 : 1;
  return a.since < b.since ? 1 : a.since > b.since ? -1 : 0;
}

export async function myWork(db: Kysely<Database>, who: WorkViewer, filter: { tag?: WorkTag; type?: string }, now = new Date()): Promise<WorkList> {
  const types = sources();
  const all = (await Promise.all(types.map((t) => t.workOf(db, who, now)))).flat();
  const counts: Record<string, number> = {};
  for (const item of all) for (const tag of item.tags) counts[tag] = (counts[tag] ?? 0) + 1;
  const items = all.filter((i) => (!filter.tag || i.tags.includes(filter.tag)) && (!filter.type || i.type === filter.type)).sort(byUrgency);
  return { items: items.slice(0, WORK_PAGE_MAX), counts, types: types.map((t) => ({ name: t.name, label: t.label })) };
}
