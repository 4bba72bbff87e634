/**
 * The clue dashboard for any period: received → adopted → forwarded/reported → resolved (the 嵩县
 * funnel), satisfaction, average handling days, by category, township, channel and month.
 */
import type { Kysely } from 'kysely';
import { CLUE_CATEGORIES, CLUE_CHANNELS, OPEN_CLUE_STATES } from '@xs/core/schemas/clues.ts';
import { workingDaysBetween } from '@xs/core/calendar.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { getCalendar } from '../../platform/settings.ts';
import { countiesOf, tenantKind } from '../orgs/orgs.read.ts';

const ADOPTED = ['accepted', 'forwarded', 'returned', 'replied', 'resolved', 'closed', 'converted'];
/**
 * Sent onward: forwarded to a unit, or reported as a consultation topic, a proposal lead or an opinion report
 * (转化). The seed's 嵩县 counts both as "报送县委、县政府和有关部门"; `converted` says how many of them were conversions.
 */
const FORWARDED = ['forwarded', 'returned', 'replied', 'resolved', 'closed', 'converted'];

export interface StatsPeriod {
  from?: string;
  to?: string;
}

export async function clueStats(db: Kysely<Database>, tenantId: number, period: StatsPeriod) {
  let q = db.selectFrom('clues').where('tenant_id', '=', tenantId);
  if (period.from) q = q.where('created_at', '>=', new Date(`${period.from}T00:00:00+08:00`).toISOString());
  if (period.to) q = q.where('created_at', '<=', new Date(`${period.to}T23:59:59.999+08:00`).toISOString());
  // One pass over the period's rows (a county sees thousands a year, not millions): simple and exact.
  const rows = await q.select(['state', 'category', 'channel', 'township_id', 'rating', 'created_at', 'accepted_at', 'forwarded_at', 'resolved_at', 'due_at', 'unit_id']).execute();
  const calendar = await getCalendar(db, tenantId);
  const now = new Date().toISOString();
  const adopted = (r: (typeof rows)[number]) => ADOPTED.includes(r.state) || r.accepted_at !== null;
  const resolved = (r: (typeof rows)[number]) => r.resolved_at !== null || r.state === 'resolved';
  const forwarded = (r: (typeof rows)[number]) => FORWARDED.includes(r.state) || r.forwarded_at !== null;

  const group = <K extends string | number>(key: (r: (typeof rows)[number]) => K, label: (k: K) => string) => {
    const m = new Map<K, { key: K; label: string; received: number; adopted: number; resolved: number }>();
    for (const r of rows) {
      const k = key(r);
      const g = m.get(k) ?? { key: k, label: label(k), received: 0, adopted: 0, resolved: 0 };
      g.received += 1;
      if (adopted(r)) g.adopted += 1;
      if (resolved(r)) g.resolved += 1;
      m.set(k, g);
    }
    return [...m.values()].sort((a, b) => b.received - a.received);
  };
  const townships = await db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('kind', '=', 'township').execute();
  const townshipName = new Map(townships.map((t) => [t.id, t.name]));

  const rated = rows.filter((r) => r.rating);
  const count = (v: string) => rated.filter((r) => r.rating === v).length;
  const handled = rows.filter((r) => r.resolved_at);
  const days = handled.map((r) => workingDaysBetween(new Date(r.created_at), new Date(r.resolved_at!), calendar));
  const months = new Map<string, { month: string; received: number; resolved: number }>();
  for (const r of rows) {
    const m = new Date(Date.parse(r.created_at) + 8 * 3600_000).toISOString().slice(0, 7);
    const g = months.get(m) ?? { month: m, received: 0, resolved: 0 };
    g.received += 1;
    if (resolved(r)) g.resolved += 1;
    months.set(m, g);
  }
  return {
    period,
    funnel: {
      received: rows.length,
      adopted: rows.filter(adopted).length,
      forwarded: rows.filter(forwarded).length,
      converted: rows.filter((r) => r.state === 'converted').length,
      resolved: rows.filter(resolved).length,
    },
    satisfaction: {
      satisfied: count('satisfied'),
      basically: count('basically'),
      unsatisfied: count('unsatisfied'),
      /** (满意 + 基本满意) / 评价数 */
      rate: rated.length ? Math.round(((count('satisfied') + count('basically')) / rated.length) * 1000) / 10 : null,
    },
    avgHandlingDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
    overdueOpen: rows.filter((r) => OPEN_CLUE_STATES.includes(r.state) && r.due_at && r.due_at < now).length,
    byCategory: group((r) => r.category, (k) => CLUE_CATEGORIES[k] ?? k),
    byTownship: group((r) => r.township_id, (k) => townshipName.get(k) ?? String(k)),
    byChannel: group((r) => r.channel, (k) => CLUE_CHANNELS[k] ?? k),
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    conversionsQueued: Number((await db.selectFrom('clue_conversions').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId).where('status', '=', 'queued').executeTakeFirstOrThrow()).n),
  };
}

/** For the city: every county's clue figures side by side (the same definitions as the county dashboard). */
export async function clueStatsByCounty(db: Kysely<Database>, cityId: number, period: StatsPeriod) {
  if ((await tenantKind(db, cityId)) !== 'city') throw new AppError('forbidden', '只有市政协可以查看各县区并列数据');
  const counties = await countiesOf(db, cityId);
  const rows = [];
  for (const c of counties) {
    const s = await clueStats(db, c.id, period);
    rows.push({ tenantId: c.id, name: c.name, ...s.funnel, satisfactionRate: s.satisfaction.rate, avgHandlingDays: s.avgHandlingDays, overdueOpen: s.overdueOpen });
  }
  return { period, rows };
}
