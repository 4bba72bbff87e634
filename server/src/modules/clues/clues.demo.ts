/**
 * Demo clues for 嵩县: a few hundred realistic reports in every state, with consistent timelines,
 * spread over the last four months. Each step is planned by the real workflow, so states, deadlines
 * and events agree with what the app itself would have written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CLUE_CATEGORIES, CLUE_WORKFLOW, type ClueCategory, type ClueState, type ClueTransition, type ConversionKind } from '@xs/core/schemas/clues.ts';
import { conversionTitle } from '@xs/core/clue-titles.ts';
import { recordConversion } from './clues.conversions.ts';
import { applyClockPlans, planInitialClocks, planTransition, type Actor, type ClockState, type TransitionPlan } from '@xs/core/workflow.ts';
import { writeClocks } from '../../platform/workflow.ts';
import { askCoUnits } from './clues.counits.ts';
import { EMPTY_CALENDAR } from '@xs/core/calendar.ts';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CluesTable } from './clues.table.ts';
import { clueSearchTokens, ensurePlaceNames } from './clues.similar.ts';

const ROADS = ['滨河路', '幸福街', '白云大道', '平安街', '伊河大道', '嵩州公园路', '人民路', '新华街'];
const TEMPLATES: [ClueCategory, string, string][] = [
  ['utilities', '{road}{n}号附近的路灯已经坏了半个多月，晚上一片漆黑，老人孩子出门很不安全，希望尽快修好。', '县城市管理局'],
  ['utilities', '{village}这几天一直停水，打电话问也没人说清楚什么时候恢复，群众做饭洗衣都成问题。', '县水利局'],
  ['roads', '{road}和{road2}交叉口路面塌陷了一个大坑，下雨积水看不见，已经有电动车摔倒。', '县住建局'],
  ['roads', '{village}到镇上的村道坑坑洼洼，拉农产品的车经常陷进去，请求修缮。', '县交通运输局'],
  ['traffic', '{road}学校门口上下学时段车辆乱停，孩子过马路很危险，建议增加交警疏导和减速带。', '县公安局交警大队'],
  ['traffic', '县城滨河公园到{road}这段路没有打通，上下班高峰堵车非常严重，希望尽快打通道路。', '县住建局'],
  ['traffic', '{village}没有公交车，老人去县城看病要走很远，建议开通或延伸公交线路。', '县交通运输局'],
  ['environment', '{village}村口的垃圾堆了好几天没人拉，天热臭气熏天，苍蝇很多。', '县城市管理局'],
  ['environment', '{road}附近有饭店油烟直排，楼上住户窗户都不敢开。', '县生态环境分局'],
  ['environment', '{road}夜市噪音太大，每天闹到凌晨一两点，严重影响休息。', '县城市管理局'],
  ['housing', '{road}老旧小区没有电梯，楼里老人多，上下楼很困难，希望能加装电梯。', '县住建局'],
  ['housing', '小区电动车只能飞线充电，很不安全，建议在{road}小区增设充电桩。', '县住建局'],
  ['housing', '{road}小区物业不作为，楼道灯坏了几个月没人修，垃圾也不按时清理。', '县住建局'],
  ['health', '{village}卫生室常用的慢性病药经常缺货，老人买药要跑到县城。', '县卫健委'],
  ['health', '建议在{village}组织义诊，很多老人有高血压糖尿病但很少体检。', '县卫健委'],
  ['education', '{road}附近小学放学时间早，家长接送困难，建议开展课后托管服务。', '县教育局'],
  ['elderly', '{village}留守老人多，吃饭成问题，建议建设老年食堂或幸福院。', '县民政局'],
  ['social', '我是灵活就业人员，想咨询{village}怎么办理养老保险，跑了几次没办成。', '县人社局'],
  ['agriculture', '{village}的灌溉水渠堵塞多年，今年旱情重，庄稼浇不上水。', '县农业农村局'],
  ['agriculture', '建议在{village}发展特色种植，需要农技专家下乡指导和销路支持。', '县农业农村局'],
  ['safety', '{road}一处围墙开裂倾斜，紧挨着人行道，随时可能倒塌，请尽快处理。', '县住建局'],
  ['economy', '{road}农贸市场秤不准，有商户缺斤少两，建议加强监管。', '县市场监督管理局'],
  ['culture', '建议在{village}修缮老戏台，恢复传统庙会，带动乡村旅游。', '县文化广电和旅游局'],
  ['other', '建议政协多到{village}来听听群众意见，有些问题反映多次没有下文。', '县民政局'],
];
const NAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];

/** Paths to each final state; the last step leaves the clue where the demo wants it. */
const PATHS: [ClueState, ClueTransition[], number][] = [
  ['submitted', [], 40],
  ['needs_info', ['request_info'], 10],
  ['accepted', ['accept'], 20],
  ['forwarded', ['accept', 'forward'], 55],
  ['returned', ['accept', 'forward', 'return'], 5],
  ['replied', ['accept', 'forward', 'reply'], 20],
  ['resolved', ['accept', 'forward', 'reply', 'resolve'], 30],
  ['closed', ['accept', 'forward', 'reply', 'resolve', 'rate'], 150],
  ['declined', ['decline'], 30],
  ['merged', ['merge'], 15],
  ['converted', ['accept', 'convert'], 12],
];

interface DemoEvent {
  transition: string;
  label: string;
  from: string | null;
  to: string;
  actor: string;
  kind: 'user' | 'public';
  actorId: number | null;
  note: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

const SEED = 20261129;
let seed = SEED;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export async function seedDemoClues(db: Db, ctx: { songxianId: number; now: Date }) {
  // The same clues on every call, whatever ran before in the process (test files share one).
  seed = SEED;
  const tenantId = ctx.songxianId;
  if (!tenantId) return;
  const townships = await db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('kind', '=', 'township').execute();
  const villages = await db.selectFrom('orgs').select(['id', 'name', 'parent_id']).where('tenant_id', '=', tenantId).where('kind', '=', 'village').execute();
  const units = await db.selectFrom('units').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();
  const venues = await db.selectFrom('venues').select(['id', 'township_id']).where('tenant_id', '=', tenantId).execute();
  const analyzer = await ensurePlaceNames(db, tenantId);
  const staffUser = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'songxian.staff').executeTakeFirstOrThrow();
  const unitUser = await db.selectFrom('users').select(['id', 'display_name', 'unit_id']).where('username', '=', 'songxian.unit').executeTakeFirstOrThrow();
  const staff: Actor = { id: staffUser.id, name: staffUser.display_name, roles: ['staff'] };
  const unitIdOf = (name: string) => units.find((u) => u.name === name)?.id ?? units[0]!.id;

  await db.insertInto('clue_routing_rules').values([
    { tenant_id: tenantId, category: 'traffic', keywords: '交警 乱停 红绿灯 减速带', unit_id: unitIdOf('县公安局交警大队'), note: '交通秩序' },
    { tenant_id: tenantId, category: null, keywords: '路灯 垃圾 油烟 噪音 占道', unit_id: unitIdOf('县城市管理局'), note: '城市管理' },
    { tenant_id: tenantId, category: 'health', keywords: null, unit_id: unitIdOf('县卫健委'), note: '医疗卫生' },
    { tenant_id: tenantId, category: 'utilities', keywords: '停水 供水 漏水', unit_id: unitIdOf('县水利局'), note: '供水' },
  ]).execute();

  const total = PATHS.reduce((n, p) => n + p[2], 0);
  let made = 0;
  const mergeTargets: number[] = [];
  const planned: { row: Insertable<CluesTable>; events: DemoEvent[]; state: ClueState; clocks: Record<string, ClockState> }[] = [];
  await db.transaction().execute(async (trx) => {
    for (const [finalState, path, count] of PATHS) {
      for (let i = 0; i < count; i++) {
        made += 1;
        const [category, template, unitName] = pick(TEMPLATES);
        const township = pick(townships);
        const townVillages = villages.filter((v) => v.parent_id === township.id);
        const village = townVillages.length ? pick(townVillages) : null;
        const content = template.replace('{road}', pick(ROADS)).replace('{road2}', pick(ROADS)).replace('{n}', String(1 + Math.floor(rand() * 200)))
          .replaceAll('{village}', village ? village.name : `${township.name}${pick(['东', '西', '南', '北'])}村`);
        // Older clues have travelled further along their path.
        const ageDays = Math.floor(1 + 6 * rand() + (path.length / 5) * 100 * rand() + (made / total) * 10);
        let at = new Date(ctx.now.getTime() - ageDays * 86_400_000 - Math.floor(rand() * 10) * 3600_000);
        const createdAt = at.toISOString();
        const hasPhone = rand() < 0.6;
        const venue = rand() < 0.15 ? venues.find((v) => v.township_id === township.id) : undefined;
        let state: ClueState = 'submitted';
        let version = 1;
        const row = {
          tenant_id: tenantId, code: '', secret_hash: createHash('sha256').update(randomBytes(8)).digest('hex'), kind: (category === 'culture' || content.startsWith('建议') ? 'suggestion' : 'problem') as 'problem' | 'suggestion',
          category, channel: venue ? 'qr_venue' as const : pick(['h5', 'h5', 'h5', 'wechat'] as const), content, township_id: township.id, village_id: village?.id ?? null,
          place: null, venue_id: venue?.id ?? null, member_id: null, contact_name: hasPhone ? `${pick(NAMES)}先生` : null,
          contact_phone: hasPhone ? `13${String(Math.floor(100_000_000 + rand() * 899_999_999))}` : null, consent_at: hasPhone ? createdAt : null,
          state: state as ClueState, version, due_at: null as string | null, unit_id: null as number | null, merged_into_id: null as number | null, reply_text: null as string | null,
          rating: null as 'satisfied' | 'basically' | 'unsatisfied' | null, rating_comment: null, supporters: Math.floor(rand() * rand() * 6), published: 0, public_summary: null as string | null,
          recheck_due_at: null as string | null, recheck_result: null, reminded_at: null, extension_days: 0,
          search_tokens: clueSearchTokens({ content, townshipName: township.name, villageName: village?.name, tenantId, townshipId: township.id }, undefined, analyzer), content_hash: createHash('sha256').update(`${made}${content}`).digest('hex'),
          created_at: createdAt, accepted_at: null as string | null, forwarded_at: null as string | null, replied_at: null as string | null, resolved_at: null as string | null, closed_at: null as string | null,
        };
        const events: DemoEvent[] = [
          { transition: 'submit', label: '群众提交', from: null, to: 'submitted', actor: '群众', kind: 'public', actorId: null, note: null, data: { channel: row.channel }, at: createdAt },
        ];
        // Each step runs the workflow's clocks, so the clue's stored clocks are the ones the real path would leave.
        const first = planInitialClocks(CLUE_WORKFLOW, { now: at, calendar: EMPTY_CALENDAR });
        let clocks = applyClockPlans({}, first.clocks);
        row.due_at = first.dueAt;
        const unitId = unitName === '县交通运输局' ? unitUser.unit_id! : unitIdOf(unitName);
        for (const t of path) {
          at = new Date(at.getTime() + (6 + rand() * 70) * 3600_000);
          const isUnit = t === 'reply' || t === 'return';
          const actor: Actor | 'public' = t === 'rate' ? 'public' : isUnit ? { id: unitUser.id, name: unitUser.display_name, roles: ['unit_handler'], unitId } : staff;
          const fields: Record<string, unknown> = { unitId, replyText: 'x', rating: 'satisfied', targetId: 1, kind: 'topic', title: 'x', content: 'x' };
          const plan: TransitionPlan<ClueState> = planTransition(CLUE_WORKFLOW, { state, version, unit_id: row.unit_id }, actor, t, { reason: '演示', fields }, { now: at, calendar: EMPTY_CALENDAR, clocks });
          clocks = applyClockPlans(clocks, plan.clocks ?? []);
          let note: string | null = null;
          let data: Record<string, unknown> | null = null;
          const iso = at.toISOString();
          switch (t) {
            case 'accept': row.accepted_at = iso; break;
            case 'forward': row.unit_id = unitId; row.forwarded_at = iso; data = { unitId, dueAt: plan.dueAt }; break;
            case 'return': note = '该事项不属于本单位职责，建议转交属地乡镇'; data = { unitId }; row.unit_id = null; break;
            case 'reply':
              row.replied_at = iso;
              row.reply_text = row.kind === 'suggestion'
                ? '感谢您的建议。我单位已组织研究，将把这项工作纳入今年的工作计划分步推进，具体安排将通过县政协告知。'
                : '经现场核查，您反映的问题属实。我单位已安排专人处理，目前已整改完毕，后续将加强日常巡查。';
              data = { unitId, replyText: row.reply_text };
              break;
            case 'resolve': row.resolved_at = iso; row.recheck_due_at = row.contact_phone ? new Date(at.getTime() + 28 * 86_400_000).toISOString() : null; break;
            case 'rate': {
              row.rating = rand() < 0.72 ? 'satisfied' : rand() < 0.8 ? 'basically' : 'unsatisfied';
              row.closed_at = iso; data = { rating: row.rating };
              if (rand() < 0.35) { row.published = 1; row.public_summary = content.replace(/\d+号/, '').slice(0, 80); }
              break;
            }
            case 'decline': note = pick(['该问题属于司法诉讼事项，建议通过法律途径解决', '反映内容不具体，无法核实', '该事项已由12345热线受理，请关注热线回复']); break;
            case 'request_info': note = '请补充具体位置（门牌号或附近标志性建筑）'; break;
            case 'merge': data = { targetId: null }; break; // the target is picked when the rows are written, among older ones
            case 'convert': data = { kind: pick(['topic', 'proposal_lead', 'opinion']), title: conversionTitle({ content, kind: row.kind, categoryLabel: CLUE_CATEGORIES[category], townshipName: township.name }) }; break;
          }
          events.push({ transition: t, label: plan.label, from: state, to: plan.to, actor: typeof actor === 'object' ? actor.name : '群众', kind: typeof actor === 'object' ? 'user' : 'public',
            actorId: typeof actor === 'object' ? actor.id : null, note, data, at: iso });
          state = plan.to;
          version += 1;
          if (plan.dueAt !== undefined) row.due_at = plan.dueAt;
        }
        row.state = state;
        row.version = version;
        void finalState;
        row.code = `${createdAt.slice(2, 4)}${createdAt.slice(5, 7)}${createdAt.slice(8, 10)}${String(made).padStart(4, '0').replace(/0/g, 'Z').replace(/1/g, 'X')}`;
        planned.push({ row, events, state, clocks });
      }
    }
    // Written oldest first, as a real county's clues arrive: ids follow time, so the newest-first triage list
    // opens on today's mix of states rather than on one state.
    planned.sort((a, b) => a.row.created_at.localeCompare(b.row.created_at));
    // A richer 转办 on the newest clues 县交通运输局 holds: two urgent ones with 交办意见 and 县公安局交警大队 asked for its
    // views (asked at the forwarding, so the older one's date may be past), one given by the unit's 负责人 to its handler.
    const jt = unitUser.unit_id!;
    const coUnit = unitIdOf('县公安局交警大队');
    const handler = await trx.selectFrom('users').select(['id', 'display_name']).where('tenant_id', '=', tenantId).where('username', '=', 'songxian.handler').executeTakeFirst();
    const held = planned.filter((p) => p.state === 'forwarded' && p.row.unit_id === jt).slice(-3).reverse();
    const withCoUnit = new Set(held.slice(0, 2));
    for (const p of withCoUnit) {
      const note = '请会同县公安局交警大队现场核查，先行设置警示标志，办理情况及时报县政协。';
      p.row.urgency = 'urgent';
      p.row.forward_note = note;
      const fwd = p.events.findLast((e) => e.transition === 'forward')!;
      fwd.data = { ...fwd.data, urgency: 'urgent', forwardNote: note, coUnitIds: [coUnit] };
    }
    const assigned = held[2];
    if (assigned && handler) {
      const fwd = assigned.events.findLast((e) => e.transition === 'forward')!;
      assigned.row.assignee_id = handler.id;
      assigned.row.version = Number(assigned.row.version) + 1;
      assigned.events.push({ transition: 'assign_handler', label: '分派经办人', from: 'forwarded', to: 'forwarded', actor: unitUser.display_name, kind: 'user',
        actorId: unitUser.id, note: '请尽快到现场核实', data: { assigneeId: handler.id, assigneeName: handler.display_name }, at: new Date(Date.parse(fwd.at) + 2 * 3_600_000).toISOString() });
    }
    // 领导督办: the county's leader wrote a 批示 on the two longest-overdue clues still with a unit.
    const leader = await trx.selectFrom('users').select(['id', 'display_name']).where('tenant_id', '=', tenantId).where('username', '=', 'songxian.leader').executeTakeFirst();
    const nowIso = new Date().toISOString();
    const late = planned.filter((p) => p.state === 'forwarded' && p.row.due_at && p.row.due_at < nowIso)
      .sort((a, b) => a.row.due_at!.localeCompare(b.row.due_at!)).slice(0, 2);
    for (const p of leader ? late : []) {
      p.row.version = Number(p.row.version) + 1;
      p.events.push({ transition: 'supervise', label: '领导督办', from: 'forwarded', to: 'forwarded', actor: leader!.display_name, kind: 'user', actorId: leader!.id,
        note: '群众反映时间较长，请承办单位三日内拿出解决方案并答复群众。', data: null, at: new Date(Math.min(Date.parse(p.row.due_at!) + 86_400_000, Date.now() - 3_600_000)).toISOString() });
    }
    for (const planned1 of planned) {
      const { row, events, state, clocks } = planned1;
      if (state === 'merged') {
        row.merged_into_id = mergeTargets.length ? pick(mergeTargets) : null;
        for (const e of events) if (e.transition === 'merge') e.data = { targetId: row.merged_into_id };
      }
      const inserted = await trx.insertInto('clues').values(row).returning('id').executeTakeFirstOrThrow();
      if (['forwarded', 'closed', 'resolved'].includes(state) && mergeTargets.length < 30) mergeTargets.push(inserted.id);
      await trx.insertInto('case_events').values(events.map((e) => ({
        tenant_id: tenantId, case_type: 'clue', case_id: inserted.id, transition: e.transition, label: e.label, from_state: e.from, to_state: e.to,
        actor_kind: e.kind, actor_id: e.actorId, actor_name: e.actor, note: e.note, data_json: e.data ? JSON.stringify(e.data) : null, at: e.at,
      }))).execute();
      await writeClocks(trx, tenantId, 'clue', inserted.id, Object.entries(clocks).flatMap(([name, k]) => [
        { name, op: 'start' as const, anchorAt: k.anchorAt, dueAt: k.dueAt, capAt: k.capAt },
        ...(k.stoppedAt ? [{ name, op: 'stop' as const, at: k.stoppedAt }] : []),
      ]));
      const conv = events.find((e) => e.transition === 'convert');
      if (conv?.data) {
        await recordConversion(trx, { tenantId, clueId: inserted.id, kind: conv.data.kind as ConversionKind, title: String(conv.data.title), actor: staff, at: conv.at });
      }
      if (withCoUnit.has(planned1)) {
        await askCoUnits(trx, { tenantId, actor: staff, ip: null }, { id: inserted.id, code: row.code }, [coUnit], row.due_at ?? null, new Date(row.forwarded_at!));
      }
    }
  });
}
