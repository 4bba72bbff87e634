/**
 * Proposal figures by named definitions (the city view reuses them): each figure says in Chinese what it counts,
 * and every breakdown (session, category, unit, sector) computes the same figures from the same state counts.
 */
import { sql, type Kysely } from 'kysely';
import { ADOPTED_CLASSES, PROPOSAL_STATES, type DashboardQuery, type ProposalListQuery, type ProposalState } from '@xs/core/schemas/proposals.ts';
import { PROPOSAL_RESULT_SCHEMES, type ProposalResultScheme } from '@xs/core/proposal-results.ts';
import type { Database } from '../../db/database.ts';
import { getSetting } from '../../platform/settings.ts';
import { names, sectorsOfMembers } from '../orgs/orgs.read.ts';
import { listProposals, type Who } from './proposals.service.ts';
import { overdueCount, unsatisfiedCount } from './proposals.watch.ts';

type Db = Kysely<Database>;

const REGISTERED: ProposalState[] = ['registered', 'assigned', 'replied', 'rehandling', 'closed'];
const HANDLED: ProposalState[] = ['replied', 'rehandling', 'closed'];

/** The named figure definitions: what each counts, in words a report can quote. */
export const PROPOSAL_FIGURES = {
  submitted: { label: '提交提案', definition: '提交审查的提案（不含草稿和联名确认中的）' },
  registered: { label: '立案', definition: '经审查立案并编号的提案' },
  notRegistered: { label: '不予立案', definition: '审查后不予立案的提案' },
  merged: { label: '并案', definition: '并入其他提案办理的提案' },
  handled: { label: '已办复', definition: '承办单位已全部答复的立案提案（含待评价、重新办理和已办结）' },
  closed: { label: '已办结', definition: '提案人评价后办结的提案' },
  adopted: { label: '建议被采纳', definition: '已办复且办理结果为采纳类别的提案（四类制 A、B、C，三类制 A、B）' },
  registerRate: { label: '立案率', definition: '立案数 ÷ 已审查数（立案＋不予立案＋并案）' },
  replyRate: { label: '办复率', definition: '已办复数 ÷ 立案数' },
  adoptRate: { label: '采纳率', definition: '建议被采纳数 ÷ 已办复数' },
  satisfaction: { label: '满意率', definition: '对办理结果评价为满意或基本满意的人次 ÷ 评价人次（每件取最近一轮评价）' },
  overdue: { label: '超期', definition: '已过期限仍未完成的计时件次（附议确认、联系提案人、会办意见、答复、评价）' },
  unsatisfied: { label: '不满意评价', definition: '对办理工作或办理结果评价为不满意的人次（各轮都计）' },
} as const;
export type FigureName = keyof typeof PROPOSAL_FIGURES;

interface Counts { submitted: number; registered: number; notRegistered: number; merged: number; handled: number; closed: number; adopted: number }

function emptyCounts(): Counts {
  return { submitted: 0, registered: 0, notRegistered: 0, merged: 0, handled: 0, closed: 0, adopted: 0 };
}

function add(c: Counts, state: ProposalState, resultClass: string | null, n: number, adopted: readonly string[]) {
  if (state === 'draft' || state === 'cosigning') return;
  c.submitted += n;
  if (REGISTERED.includes(state)) c.registered += n;
  if (state === 'not_registered') c.notRegistered += n;
  if (state === 'merged') c.merged += n;
  if (HANDLED.includes(state)) {
    c.handled += n;
    if (resultClass && adopted.includes(resultClass)) c.adopted += n;
  }
  if (state === 'closed') c.closed += n;
}

const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);

function withRates(c: Counts) {
  return {
    ...c,
    registerRate: rate(c.registered, c.registered + c.notRegistered + c.merged),
    replyRate: rate(c.handled, c.registered),
    adoptRate: rate(c.adopted, c.handled),
  };
}
export type FigureRow = ReturnType<typeof withRates>;

/** The proposals a figure request covers: one session, one term, or one year (by submission). */
function scoped(db: Db, tenantId: number, f: DashboardQuery) {
  let q = db.selectFrom('proposals as p').where('p.tenant_id', '=', tenantId).where('p.state', 'not in', ['draft', 'cosigning']);
  if (f.sessionId) q = q.where('p.session_id', '=', f.sessionId);
  if (f.termId) q = q.where('p.session_id', 'in', (eb) => eb.selectFrom('proposal_sessions').select('id').where('term_id', '=', f.termId!).where('tenant_id', '=', tenantId));
  if (f.year) q = q.where('p.year', '=', f.year);
  return q;
}

/**
 * Each proposal's latest evaluated round, counted by handling and result: the evaluations of a round are joined to
 * the round's maximum per proposal (a grouped subquery, not a subquery per evaluation row, which PostgreSQL ran
 * as 30,000 lookups in the bench). Only replied proposals have evaluations, so the whole county needs no join.
 */
function latestEvaluations(db: Db, tenantId: number, f: DashboardQuery) {
  const proposalIds = f.sessionId || f.termId || f.year ? scoped(db, tenantId, f).select('p.id') : null;
  let last = db.selectFrom('proposal_evaluations').select(['proposal_id', (eb) => eb.fn.max('round').as('r')]).where('tenant_id', '=', tenantId).groupBy('proposal_id');
  let q = db.selectFrom('proposal_evaluations as e').where('e.tenant_id', '=', tenantId);
  if (proposalIds) {
    last = last.where('proposal_id', 'in', proposalIds);
    q = q.where('e.proposal_id', 'in', proposalIds);
  }
  return q.innerJoin(last.as('l'), (j) => j.onRef('l.proposal_id', '=', 'e.proposal_id').onRef('l.r', '=', 'e.round'))
    .select(['e.handling', 'e.result', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['e.handling', 'e.result']).execute();
}

/** Totals and breakdowns by session, category, unit and sector, with result-class shares and satisfaction. */
export async function dashboard(db: Db, tenantId: number, f: DashboardQuery) {
  const scheme: ProposalResultScheme = await getSetting(db, tenantId, 'proposal.resultClasses');
  const adopted = ADOPTED_CLASSES[scheme];
  const base = scoped(db, tenantId, f);
  const scope = { sessionId: f.sessionId, termId: f.termId, year: f.year };
  const narrowed = !!(f.sessionId || f.termId || f.year);
  // Totals, sessions and categories come from one pass (the covering index proposals_figures), folded below.
  const [bySessionCategory, bySector, byUnit, evals, key, overdue, unsatisfied] = await Promise.all([
    base.select(['p.session_id', 'p.category', 'p.state', 'p.result_class', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['p.session_id', 'p.category', 'p.state', 'p.result_class']).execute(),
    // By sector: the proposal's own (written on a sector's behalf), else its first proposer's (read through the orgs API below).
    base.select(['p.sector_id', 'p.lead_member_id', 'p.state', 'p.result_class', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['p.sector_id', 'p.lead_member_id', 'p.state', 'p.result_class']).execute(),
    // Assignments exist only for registered proposals, so the whole county's are counted straight from the covering
    // index (proposal_assignments_unit_role); a session, term or year narrows them to its proposals.
    (narrowed ? db.selectFrom('proposal_assignments as a').where('a.proposal_id', 'in', base.select('p.id')) : db.selectFrom('proposal_assignments as a'))
      .where('a.tenant_id', '=', tenantId).where('a.state', '!=', 'withdrawn')
      .select(['a.unit_id as k', 'a.role', 'a.state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['a.unit_id', 'a.role', 'a.state']).execute(),
    latestEvaluations(db, tenantId, f),
    base.where('p.key_year', 'is not', null).select(['p.id', 'p.code', 'p.title', 'p.state', 'p.key_year', 'p.key_leader', 'p.result_class']).orderBy('p.id').execute(),
    // The drill-down figures are the totals of the 超期 and 不满意 lists they open.
    overdueCount(db, tenantId, scope),
    unsatisfiedCount(db, tenantId, scope),
  ]);

  const total = emptyCounts();
  const classes = new Map<string, number>();
  for (const r of bySessionCategory) {
    add(total, r.state, r.result_class, Number(r.n), adopted);
    if (HANDLED.includes(r.state) && r.result_class) classes.set(r.result_class, (classes.get(r.result_class) ?? 0) + Number(r.n));
  }
  const group = <K extends string | number | null>(rows: { k: K; state: ProposalState; result_class: string | null; n: number | string }[]) => {
    const m = new Map<K, Counts>();
    for (const r of rows) {
      if (!m.has(r.k)) m.set(r.k, emptyCounts());
      add(m.get(r.k)!, r.state, r.result_class, Number(r.n), adopted);
    }
    return m;
  };
  const sessions = group(bySessionCategory.map((r) => ({ ...r, k: r.session_id })));
  const memberSectors = await sectorsOfMembers(db, tenantId, bySector.filter((r) => r.sector_id === null).map((r) => r.lead_member_id));
  const sectors = group(bySector.map((r) => ({ k: r.sector_id ?? (r.lead_member_id ? memberSectors.get(r.lead_member_id) ?? null : null), state: r.state, result_class: r.result_class, n: r.n })));
  const units = new Map<number, { assigned: number; lead: number; co: number; separate: number; replied: number }>();
  for (const r of byUnit) {
    const u = units.get(r.k) ?? { assigned: 0, lead: 0, co: 0, separate: 0, replied: 0 };
    const n = Number(r.n);
    u.assigned += n;
    u[r.role] += n;
    if (r.state === 'replied' || r.state === 'viewed') u.replied += n;
    units.set(r.k, u);
  }
  const [sessionRows, n] = await Promise.all([
    db.selectFrom('proposal_sessions').select(['id', 'name', 'opens_on']).where('tenant_id', '=', tenantId).execute(),
    names(db, tenantId, { units: [...units.keys()], sectors: [...sectors.keys()] }),
  ]);
  const sectorNames = n.sectors;
  let evalTotal = 0;
  let happy = 0;
  const satisfaction = { handling: { satisfied: 0, basically: 0, unsatisfied: 0 }, result: { satisfied: 0, basically: 0, unsatisfied: 0 } };
  for (const e of evals) {
    const k = Number(e.n);
    evalTotal += k;
    satisfaction.handling[e.handling] += k;
    satisfaction.result[e.result] += k;
    if (e.result !== 'unsatisfied') happy += k;
  }
  const handled = total.handled;
  return {
    figures: PROPOSAL_FIGURES,
    scheme,
    total: { ...withRates(total), satisfaction: rate(happy, evalTotal), evaluations: evalTotal, overdue, unsatisfied },
    classes: PROPOSAL_RESULT_SCHEMES[scheme].classes.map((c) => ({ code: c.code, label: c.label, count: classes.get(c.code) ?? 0, share: rate(classes.get(c.code) ?? 0, handled) })),
    satisfaction,
    bySession: sessionRows.filter((s) => sessions.has(s.id)).sort((a, b) => a.opens_on.localeCompare(b.opens_on))
      .map((s) => ({ id: s.id, name: s.name, ...withRates(sessions.get(s.id)!) })),
    byCategory: [...group(bySessionCategory.map((r) => ({ ...r, k: r.category }))).entries()].map(([k, c]) => ({ name: k ?? '未分类', ...withRates(c) })).sort((a, b) => b.submitted - a.submitted),
    bySector: [...sectors.entries()].map(([k, c]) => ({ id: k, name: k ? sectorNames.get(k) ?? '—' : '未分界别', ...withRates(c) })).sort((a, b) => b.submitted - a.submitted),
    byUnit: [...units.entries()].map(([k, u]) => ({ id: k, name: n.units.get(k) ?? '—', ...u, replyRate: rate(u.replied, u.assigned) })).sort((a, b) => b.assigned - a.assigned),
    keyProposals: key.map((k) => ({ id: k.id, code: k.code, title: k.title, state: k.state, stateLabel: PROPOSAL_STATES[k.state].label, year: k.key_year, leader: k.key_leader, resultClass: k.result_class })),
  };
}
export type ProposalDashboard = Awaited<ReturnType<typeof dashboard>>;

/** The list's rows for Excel, with each proposal's units (every page, capped). */
export async function exportRows(db: Db, who: Who, f: ProposalListQuery) {
  const { items } = await listProposals(db, who, { ...f, page: 1, pageSize: 200 });
  const more = [];
  for (let page = 2; items.length + more.length < 20_000; page++) {
    const r = await listProposals(db, who, { ...f, page, pageSize: 200 });
    if (!r.items.length) break;
    more.push(...r.items);
  }
  const all = [...items, ...more];
  const ids = all.map((i) => i.id);
  const units = ids.length
    ? await db.selectFrom('proposal_assignments as a').select(['a.proposal_id', 'a.role', 'a.unit_id'])
      .where('a.tenant_id', '=', who.tenantId).where('a.state', '!=', 'withdrawn').where(sql<boolean>`a.proposal_id IN (${sql.join(ids)})`).orderBy('a.id').execute()
    : [];
  const unitNames = (await names(db, who.tenantId, { units: units.map((u) => u.unit_id) })).units;
  const label = { lead: '主办', co: '会办', separate: '分办' } as const;
  return all.map((i) => ({ ...i, units: units.filter((u) => u.proposal_id === i.id).map((u) => `${unitNames.get(u.unit_id) ?? '—'}（${label[u.role]}）`).join('、') }));
}
