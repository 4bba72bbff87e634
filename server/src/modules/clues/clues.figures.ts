/**
 * Unit figures and the city's county comparison. A unit is measured on its assignments (转办): each forward of a
 * clue to it opens one, which ends when the unit replies or returns the clue. 按期 means the reply came by the
 * deadline in force (the forward's deadline, moved by any granted extension). Figures are read from the clue
 * timeline, so a clue forwarded twice counts for both units.
 */
import type { Kysely } from 'kysely';
import { cstDate } from '@xs/core/calendar.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { countiesOf, requireCounty, tenantKind, unitsOf } from '../orgs/orgs.read.ts';
import { clueStats, type StatsPeriod } from './clues.stats.ts';

export interface UnitFigures {
  unitId: number;
  unitName: string;
  /** 交办数: forwards to the unit in the period. */
  assigned: number;
  /** 已答复 */
  replied: number;
  /** 按期答复 */
  onTime: number;
  /** 按期办结率 (%): on-time replies of the replies and the open assignments already past their deadline. */
  onTimeRate: number | null;
  /** 超期数: replied late, or open and past the deadline now. */
  overdue: number;
  /** 退回数 */
  returned: number;
  /** 在办 */
  open: number;
  rated: number;
  /** 满意率 (%): (满意 + 基本满意) / 评价数, of the clues the unit answered. */
  satisfactionRate: number | null;
  /** 1 = best: by on-time rate, then satisfaction, then fewer overdue. */
  rank: number;
}

const pct = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : null);
const ORDERED = ['forward', 'grant_extension', 'reply', 'return', 'rehandle'];

/** Figures of every unit that had an assignment in the period (forwards between `from` and `to`, CST days). */
export async function unitFigures(db: Kysely<Database>, tenantId: number, period: StatsPeriod, now = new Date()): Promise<{ period: StatsPeriod; rows: UnitFigures[]; total: Omit<UnitFigures, 'unitId' | 'unitName' | 'rank'> }> {
  const events = await db.selectFrom('case_events').select(['case_id', 'transition', 'data_json', 'at'])
    .where('tenant_id', '=', tenantId).where('case_type', '=', 'clue').where('transition', 'in', ORDERED)
    .orderBy('case_id').orderBy('id').execute();
  const clues = await db.selectFrom('clues').select(['id', 'state', 'unit_id', 'rating', 'due_at'])
    .where('tenant_id', '=', tenantId).where('forwarded_at', 'is not', null).execute();
  const clueById = new Map(clues.map((c) => [c.id, c]));
  const from = period.from ? new Date(`${period.from}T00:00:00+08:00`).toISOString() : '';
  const to = period.to ? new Date(`${period.to}T23:59:59.999+08:00`).toISOString() : '9999';
  const nowIso = now.toISOString();

  type Acc = { assigned: number; replied: number; onTime: number; lateOpen: number; overdue: number; returned: number; open: number; rated: number; good: number };
  const acc = new Map<number, Acc>();
  const get = (u: number) => {
    let a = acc.get(u);
    if (!a) acc.set(u, (a = { assigned: 0, replied: 0, onTime: 0, lateOpen: 0, overdue: 0, returned: 0, open: 0, rated: 0, good: 0 }));
    return a;
  };
  // One open assignment per clue at a time: the unit, its deadline, whether it counts in the period.
  let current: { clueId: number; unitId: number; dueAt: string | null; counted: boolean } | null = null;
  const lastReplier = new Map<number, number>();
  const close = () => {
    if (!current) return;
    const clue = clueById.get(current.clueId);
    if (current.counted && clue && clue.state === 'forwarded' && clue.unit_id === current.unitId) {
      const a = get(current.unitId);
      a.open += 1;
      if (current.dueAt && current.dueAt < nowIso) { a.overdue += 1; a.lateOpen += 1; }
    }
    current = null;
  };
  let prevClue = -1;
  for (const e of events) {
    if (e.case_id !== prevClue) { close(); prevClue = e.case_id; }
    const data = e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : {};
    const dueAt = typeof data.dueAt === 'string' ? data.dueAt : null;
    switch (e.transition) {
      case 'forward': {
        close();
        const unitId = Number(data.unitId);
        if (!unitId) break;
        const counted = e.at >= from && e.at <= to;
        current = { clueId: e.case_id, unitId, dueAt, counted };
        if (counted) get(unitId).assigned += 1;
        break;
      }
      case 'grant_extension':
        if (current && dueAt) current.dueAt = dueAt;
        break;
      case 'rehandle': {
        // Sent back for a better answer: the same unit again, under the deadline the clue now has.
        const unitId = Number(data.unitId) || lastReplier.get(e.case_id);
        if (unitId) current = { clueId: e.case_id, unitId, dueAt: clueById.get(e.case_id)?.due_at ?? null, counted: false };
        break;
      }
      case 'reply':
      case 'return': {
        if (!current) break;
        if (current.counted) {
          const a = get(current.unitId);
          if (e.transition === 'return') a.returned += 1;
          else {
            a.replied += 1;
            if (!current.dueAt || e.at <= current.dueAt) a.onTime += 1;
            else a.overdue += 1;
          }
        }
        if (e.transition === 'reply') lastReplier.set(e.case_id, current.unitId);
        current = null;
        break;
      }
    }
  }
  close();
  for (const c of clues) {
    const u = lastReplier.get(c.id);
    if (!u || !c.rating || !acc.has(u)) continue;
    const a = get(u);
    a.rated += 1;
    if (c.rating !== 'unsatisfied') a.good += 1;
  }
  const names = new Map((await unitsOf(db, tenantId, { includeInactive: true })).map((u) => [u.id, u.name]));
  const shape = (a: Acc) => ({
    assigned: a.assigned, replied: a.replied, onTime: a.onTime, onTimeRate: pct(a.onTime, a.replied + a.lateOpen), overdue: a.overdue,
    returned: a.returned, open: a.open, rated: a.rated, satisfactionRate: pct(a.good, a.rated),
  });
  const rows = [...acc.entries()].map(([unitId, a]) => ({ unitId, unitName: names.get(unitId) ?? `单位 ${unitId}`, ...shape(a), rank: 0 }));
  rows.sort((x, y) => (y.onTimeRate ?? -1) - (x.onTimeRate ?? -1) || (y.satisfactionRate ?? -1) - (x.satisfactionRate ?? -1)
    || x.overdue - y.overdue || y.assigned - x.assigned || x.unitName.localeCompare(y.unitName, 'zh'));
  rows.forEach((r, i) => { r.rank = i + 1; });
  const sum = [...acc.values()].reduce<Acc>((s, a) => {
    for (const k of Object.keys(s) as (keyof Acc)[]) s[k] += a[k];
    return s;
  }, { assigned: 0, replied: 0, onTime: 0, lateOpen: 0, overdue: 0, returned: 0, open: 0, rated: 0, good: 0 });
  return { period, rows, total: shape(sum) };
}

/** The last `months` CST months up to and including now's, oldest first (YYYY-MM). */
export function lastMonths(now: Date, months: number): string[] {
  const [y, m] = cstDate(now).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

export interface CountyFigures {
  tenantId: number;
  name: string;
  received: number;
  adopted: number;
  forwarded: number;
  resolved: number;
  adoptionRate: number | null;
  resolvedRate: number | null;
  satisfactionRate: number | null;
  onTimeRate: number | null;
  overdueOpen: number;
  returned: number;
  avgHandlingDays: number | null;
  trend: { month: string; received: number; resolved: number }[];
  /** 1 = best; 0 for a county with no clues in the period. */
  rank: number;
}

/**
 * For the city: its counties like for like — the same definitions as each county's own dashboard and unit figures —
 * ranked, with each county's month-by-month received and resolved over the last 12 months.
 */
export async function cityComparison(db: Kysely<Database>, cityId: number, period: StatsPeriod, now = new Date()) {
  if ((await tenantKind(db, cityId)) !== 'city') throw new AppError('forbidden', '只有市政协可以查看各县区对比');
  const months = lastMonths(now, 12);
  const rows: CountyFigures[] = [];
  for (const c of await countiesOf(db, cityId)) {
    const s = await clueStats(db, c.id, period);
    const u = await unitFigures(db, c.id, period, now);
    const byMonth = new Map(s.byMonth.map((m) => [m.month, m]));
    rows.push({
      tenantId: c.id, name: c.name, received: s.funnel.received, adopted: s.funnel.adopted, forwarded: s.funnel.forwarded, resolved: s.funnel.resolved,
      adoptionRate: pct(s.funnel.adopted, s.funnel.received), resolvedRate: pct(s.funnel.resolved, s.funnel.forwarded),
      satisfactionRate: s.satisfaction.rate, onTimeRate: u.total.onTimeRate, overdueOpen: s.overdueOpen, returned: u.total.returned,
      avgHandlingDays: s.avgHandlingDays,
      trend: months.map((m) => ({ month: m, received: byMonth.get(m)?.received ?? 0, resolved: byMonth.get(m)?.resolved ?? 0 })),
      rank: 0,
    });
  }
  // Ranked on how well clues are handled, not on how many arrive (a big county is not better for being big).
  const score = (r: CountyFigures) => (r.onTimeRate ?? 0) * 0.4 + (r.satisfactionRate ?? 0) * 0.4 + (r.resolvedRate ?? 0) * 0.2;
  const ranked = [...rows].sort((a, b) => score(b) - score(a) || b.received - a.received);
  let n = 0;
  for (const r of ranked) r.rank = r.received ? ++n : 0;
  return { period, months, rows: ranked };
}

/** The county a document or report is for, by name (for headings). */
export async function countyName(db: Kysely<Database>, tenantId: number): Promise<string> {
  return (await requireCounty(db, tenantId)).name;
}
