/**
 * Demo 协商议事: the seed's stories at their real stages, run through the module's own use-cases (汝阳 小柏路
 * warning signs by 微协商; 伊滨 寇店镇 green-belt rubbish via 委员会客厅; 新安 village-clinic medicines with the
 * 308-clinic target part way; 西工 行署路 old-compound renovation by 有事好商量; 老城's annual plan), and the
 * seed's counts as history rows that the dashboard's definitions count back: 偃师 126 topics / 142 problems
 * since 2023; 瀍河 86 微协商 / 106 problems this year; 新安 56 consultation activities / 79 service
 * activities with 20,000+ people served. (The history rows are inserted directly, without timelines.)
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '@xs/core/workflow.ts';
import { MeetingCreateSchema, QaCreateSchema, TopicActionSchema, TopicCreateSchema, type MeetingKind, type TopicFormat } from '@xs/core/schemas/consultations.ts';
import type { Db } from '../../db/database.ts';
import type { DemoContext } from '../../platform/module.ts';
import { actOnTask, reportProgress } from '../tasks/tasks.service.ts';
import { addQa, createMeeting, holdMeeting, qaToTask } from './meetings.service.ts';
import { signUp } from './public.service.ts';
import { actOnTopic, createTopic, type ConsultActor } from './topics.service.ts';

async function county(db: Db, name: string) {
  const c = await db.selectFrom('orgs').select('id').where('kind', '=', 'county').where('name', '=', name).executeTakeFirst();
  if (!c) return null;
  const admin = await db.selectFrom('users').select(['id', 'display_name']).where('tenant_id', '=', c.id).where('roles', 'like', '%county_admin%').orderBy('id').executeTakeFirst();
  if (!admin) return null;
  const who: ConsultActor = { tenantId: c.id, actor: { id: admin.id, name: admin.display_name, roles: ['county_admin'] } satisfies Actor };
  const place = async (n: string) => (await db.selectFrom('orgs').select('id').where('tenant_id', '=', c.id).where('name', '=', n).executeTakeFirst())?.id ?? null;
  const unit = async (n: string) => (await db.selectFrom('units').select('id').where('tenant_id', '=', c.id).where('name', '=', n).executeTakeFirstOrThrow()).id;
  const member = async (n: string) => (await db.selectFrom('members').select('id').where('tenant_id', '=', c.id).where('name', '=', n).executeTakeFirst())?.id;
  return { id: c.id, who, place, unit, member };
}

async function step(db: Db, who: ConsultActor, id: number, name: string, body: Record<string, unknown> = {}) {
  const t = await db.selectFrom('topics').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  await actOnTopic(db, who, id, name, TopicActionSchema.parse({ version: t.version, ...body }));
}

async function meeting(db: Db, who: ConsultActor, topicId: number, kind: MeetingKind, title: string, at: string, hold: { minutes?: string; findings?: string; beneficiaries?: number }, extra: Record<string, unknown> = {}) {
  const m = await createMeeting(db, who, MeetingCreateSchema.parse({ kind, title, topicId, startsAt: at, ...extra }));
  await holdMeeting(db, who, m.id, { version: 1, minutes: hold.minutes ?? null, findings: hold.findings ?? null, beneficiaries: hold.beneficiaries ?? null });
  return m.id;
}

/** A task made from a Q&A commitment, walked by the unit's (system-made) actor to `until`. */
async function qaTask(db: Db, who: ConsultActor, meetingId: number, qa: Record<string, unknown>, until: 'assigned' | 'in_progress' | 'verified', progress?: { note: string; value?: number }) {
  const d = await addQa(db, who, meetingId, QaCreateSchema.parse(qa));
  const item = d.qa[d.qa.length - 1]!;
  const { taskId } = await qaToTask(db, who, meetingId, item.id);
  if (until === 'assigned') return taskId;
  const unitId = item.unitId!;
  const unitActor = { tenantId: who.tenantId, unitId, actor: { id: who.actor.id, name: `${item.unitName ?? ''}办理员`, roles: ['unit_handler'], unitId } satisfies Actor };
  const v = async () => (await db.selectFrom('tasks').select('version').where('id', '=', taskId).executeTakeFirstOrThrow()).version;
  await actOnTask(db, unitActor, taskId, 'start', { version: await v() });
  await reportProgress(db, unitActor, taskId, { version: await v(), note: progress?.note ?? '已办结', value: progress?.value ?? null });
  if (until === 'in_progress') return taskId;
  await actOnTask(db, unitActor, taskId, 'submit', { version: await v(), reason: '已完成，请核验' });
  await actOnTask(db, who, taskId, 'verify', { version: await v() });
  return taskId;
}

const topic = (db: Db, who: ConsultActor, body: Record<string, unknown>) => createTopic(db, who, TopicCreateSchema.parse(body));

async function ruyang(db: Db) {
  const c = await county(db, '汝阳县政协');
  if (!c) return;
  const t = await topic(db, c.who, { title: '瑞云大道东段与小柏路交汇处安装减速警示装置', source: 'member', sourceNote: '委员赵德芳、程江浩调研发现', format: 'micro', level: 'township', placeId: await c.place('城关镇') });
  await step(db, c.who, t.id, 'brief', { briefing: '小柏路加宽工程施工中，丁字路口无法安装信号灯，瑞云大道东段车速较快，已发生多起交通事故。' });
  await step(db, c.who, t.id, 'onsite');
  const members = [await c.member('赵德芳'), await c.member('程江浩')].filter((x): x is number => !!x);
  const m = await meeting(db, c.who, t.id, 'consult', '小柏路口交通安全“微协商”', '2026-05-12T01:30:00Z', { minutes: '委员、群众代表与县交警大队、县交运局现场共提共答，交警大队当场承诺安装减速警示装置。' }, { memberIds: members, address: '瑞云大道与小柏路交汇处' });
  await qaTask(db, c.who, m, { question: '丁字路口车速快、没有信号灯，能否先装减速警示装置？', askedBy: '赵德芳', askerKind: 'member', unitId: await c.unit('县交警大队'),
    answer: '信号灯待小柏路加宽完工后安装，先行设置减速带和警示标志。', commitment: '瑞云大道东段与小柏路交汇处安装减速警示装置', days: 10 }, 'verified');
  await step(db, c.who, t.id, 'commit');
  await step(db, c.who, t.id, 'feedback');
  await step(db, c.who, t.id, 'summarize', { summary: '会后不久，该路段的减速警示装置已装好，过往车辆明显减速。' });
  await step(db, c.who, t.id, 'publish');
}

async function yibin(db: Db) {
  const c = await county(db, '伊滨区政协工委');
  if (!c) return;
  const venue = (await db.selectFrom('venues').select('id').where('tenant_id', '=', c.id).where('name', '=', '寇店镇委员会客厅').executeTakeFirst())?.id ?? null;
  const t = await topic(db, c.who, { title: '寇店镇李家村北大谷路两侧绿化带垃圾堆放整治', source: 'venue', format: 'parlour', level: 'village', placeId: await c.place('李家村'), venueId: venue });
  await step(db, c.who, t.id, 'brief', { briefing: '北大谷路两侧绿化带长期堆放垃圾，影响苗木生长和环境美观，易燃垃圾存在火灾隐患。' });
  await step(db, c.who, t.id, 'collect');
  await step(db, c.who, t.id, 'survey', { survey: '委员会客厅接待日收集李家村群众意见 12 条，均反映绿化带垃圾问题。' });
  await step(db, c.who, t.id, 'propose');
  await step(db, c.who, t.id, 'approve');
  await step(db, c.who, t.id, 'research');
  await meeting(db, c.who, t.id, 'inspection', '北大谷路绿化带现场察看', '2026-06-03T01:00:00Z', { findings: '两侧绿化带约 800 米有建筑和生活垃圾堆放点 6 处。' });
  await step(db, c.who, t.id, 'roundtable');
  const m = await meeting(db, c.who, t.id, 'reception', '委员会客厅协商：绿化带垃圾怎么管', '2026-06-04T01:00:00Z', { minutes: '区环卫公司、区城市管理局与群众代表协商：立即清理，建立常态化保洁和巡查机制。' }, { venueId: venue });
  await step(db, c.who, t.id, 'outcome', { outcome: '立即清理绿化带垃圾；环卫公司建立常态化保洁，城管加强巡查。' });
  await step(db, c.who, t.id, 'decide');
  await step(db, c.who, t.id, 'submit_report');
  await step(db, c.who, t.id, 'record_decision', { decision: 'adopted' });
  await step(db, c.who, t.id, 'implement');
  await qaTask(db, c.who, m, { question: '绿化带里的垃圾什么时候能清走？', askedBy: '李家村村民', askerKind: 'citizen', unitId: await c.unit('区环卫公司'),
    answer: '会后立即组织工人和清运车辆清理。', commitment: '清理北大谷路两侧绿化带垃圾', days: 1 }, 'verified', { note: '当天已清理完毕，清运垃圾 6 车' });
  await step(db, c.who, t.id, 'feedback');
  await step(db, c.who, t.id, 'summarize', { summary: '会后环卫公司立即组织工人和清运车辆清理绿化带内垃圾，当天清理完毕，并建立常态化保洁机制。' });
  await step(db, c.who, t.id, 'publish');
}

async function xinan(db: Db) {
  const c = await county(db, '新安县政协');
  if (!c) return;
  await db.insertInto('settings').values({ tenant_id: c.id, key: 'consult.rhythm', value_json: JSON.stringify('odd_sector_even_township'), updated_at: new Date().toISOString(), updated_by: null }).execute();
  const t = await topic(db, c.who, { title: '村卫生室药品供应保障', source: 'member', sourceNote: '医药卫生界委员', format: 'sector', level: 'county', planYear: 2026, planMonth: 3 });
  await step(db, c.who, t.id, 'brief', { briefing: '县卫健委通报：全县 308 个村卫生室常用药品配送不及时，群众买药难。' });
  await step(db, c.who, t.id, 'collect');
  await step(db, c.who, t.id, 'survey', { survey: '医药卫生界委员走访 4 个乡镇 32 个村卫生室，收集意见 60 条。' });
  await step(db, c.who, t.id, 'propose');
  await step(db, c.who, t.id, 'approve');
  await step(db, c.who, t.id, 'research');
  await meeting(db, c.who, t.id, 'research', '村卫生室药品供应调研', '2026-03-10T01:00:00Z', { findings: '常用慢性病药缺货率高，配送周期长达两周。' });
  await step(db, c.who, t.id, 'roundtable');
  const members = (await Promise.all(['王新子', '关勇', '刘洪峰', '李新'].map((n) => c.member(n)))).filter((x): x is number => !!x);
  const m = await meeting(db, c.who, t.id, 'sector', '医药卫生界界别协商：村卫生室药品供应', '2026-03-24T01:00:00Z', { minutes: '委员与县卫健委、县医疗保障局和两家医药配送公司协商，同意开通药品商城 App，向全县 308 个村卫生室定时按需配送。' }, { memberIds: members });
  await step(db, c.who, t.id, 'outcome', { outcome: '两家医药配送公司向全县 308 个村卫生室开通药品商城 App 业务，药品定时、按需送达。' });
  await step(db, c.who, t.id, 'decide');
  await step(db, c.who, t.id, 'submit_report');
  await step(db, c.who, t.id, 'record_decision', { decision: 'adopted', instruction: '请县卫健委牵头，年内覆盖全部村卫生室。' });
  await step(db, c.who, t.id, 'implement');
  await qaTask(db, c.who, m, { question: '药品商城何时覆盖全部村卫生室？', askedBy: '刘洪峰', askerKind: 'member', unitId: await c.unit('县卫健委'), answer: '分批接入，年内全覆盖。',
    commitment: '药品商城 App 覆盖全县村卫生室', days: 120, measureLabel: '开通药品商城的村卫生室', measureTarget: 308 }, 'in_progress', { note: '仓头镇、五头镇、正村镇已全部接入', value: 196 });
}

async function xigong(db: Db) {
  const c = await county(db, '西工区政协');
  if (!c) return;
  const t = await topic(db, c.who, { title: '行署路2号院、4号院老旧小区改造', source: 'member', format: 'talk', level: 'village', placeId: await c.place('行署路社区') });
  await step(db, c.who, t.id, 'brief', { briefing: '行署路2号院、4号院建成年代久，停车难、无电梯，列入老旧小区改造计划。' });
  await step(db, c.who, t.id, 'onsite');
  const m = await meeting(db, c.who, t.id, 'consult', '“有事好商量”协商议事会：老旧小区改造', '2025-09-16T06:00:00Z', { minutes: '居民代表与区住建局围绕停车改造、电梯加装深入沟通，两院打通组团改造。' });
  await qaTask(db, c.who, m, { question: '两个院子能不能打通，统一规划停车？', askedBy: '居民代表', askerKind: 'citizen', unitId: await c.unit('区住建局'), answer: '两院组团改造，统一规划停车位。', commitment: '行署路2号院、4号院组团改造停车设施', days: 90 }, 'verified');
  await qaTask(db, c.who, m, { question: '老人上下楼难，能否加装电梯？', askedBy: '居民代表', askerKind: 'citizen', unitId: await c.unit('区住建局'), answer: '按意愿征集结果分单元加装。', commitment: '符合条件的单元加装电梯', days: 120 }, 'verified');
  await step(db, c.who, t.id, 'commit');
  await step(db, c.who, t.id, 'feedback');
  await step(db, c.who, t.id, 'summarize', { summary: '改造结束后，两院相邻“小院子”组团变身“大社区”，环境大变化、资源可共享。' });
  await step(db, c.who, t.id, 'publish');
}

async function laocheng(db: Db) {
  const c = await county(db, '老城区政协');
  if (!c) return;
  const plan: [string, TopicFormat, number][] = [
    ['推进“汉服+”相关产业发展，做强汉服经济', 'special', 3], ['我为老城文旅发展献一策', 'counterpart', 5], ['非遗文化保护传承', 'parlour', 7],
    ['古城夜间经济提质', 'sector', 9], ['老旧街区业态提升', 'invite', 11],
  ];
  for (const [title, format, month] of plan) await topic(db, c.who, { title, source: 'party_gov', format, level: 'county', planYear: 2026, planMonth: month });
  await db.insertInto('consult_plans').values({ tenant_id: c.id, year: 2026, approved_at: '2026-01-20T02:00:00.000Z', approved_by: c.who.actor.name }).execute();
}

/** History rows: published topics and their verified tasks, and held meetings, counted by the dashboard's definitions. */
async function history(db: Db, name: string, o: { topics: number; format: TopicFormat; level: 'county' | 'township' | 'village'; from: string; to: string; solved: number; unit: string }) {
  const c = await county(db, name);
  if (!c) return;
  const unitId = await c.unit(o.unit);
  const places = await db.selectFrom('orgs').select('id').where('tenant_id', '=', c.id).where('kind', '=', 'township').execute();
  const span = Date.parse(o.to) - Date.parse(o.from);
  const at = (i: number, n: number) => new Date(Date.parse(o.from) + Math.floor((span * (i + 0.5)) / n)).toISOString();
  const ids: number[] = [];
  for (let i = 0; i < o.topics; i++) {
    const created = at(i, o.topics);
    const r = await db.insertInto('topics').values({
      tenant_id: c.id, code: `tmp-${randomBytes(6).toString('hex')}`, title: `${name.replace(/政协.*/, '')}协商议题 ${i + 1}`, description: null, source: 'venue', source_note: null,
      format: o.format, level: o.level, place_id: o.level === 'county' ? null : (places[i % places.length]?.id ?? null), venue_id: null, state: 'published', version: 1, due_at: null,
      briefing: '情况通报', survey: null, approved_at: null, approved_by: null, outcome: '协商成果', report_sent_at: null, decision: null, instruction: null,
      summary: '已办结并公开', publish_note: null, published_at: created, plan_year: null, plan_month: null, created_by: null, created_at: created,
    }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('topics').set({ code: `YT${created.slice(0, 4)}-${String(r.id).padStart(4, '0')}` }).where('id', '=', r.id).execute();
    ids.push(r.id);
  }
  for (let i = 0; i < o.solved; i++) {
    const parent = ids[i % ids.length]!;
    const done = at(i, o.solved);
    const r = await db.insertInto('tasks').values({
      tenant_id: c.id, code: `tmp-${randomBytes(6).toString('hex')}`, title: `群众急难愁盼问题 ${i + 1}`, description: null, owner_unit_id: unitId, parent_type: 'topic', parent_id: parent,
      state: 'verified', version: 1, due_at: null, measure_label: null, measure_unit: null, measure_target: null, measure_current: null, created_by: null, created_at: done, verified_at: done,
    }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('tasks').set({ code: `RW${done.slice(0, 4)}-${String(r.id).padStart(4, '0')}` }).where('id', '=', r.id).execute();
  }
}

async function meetingsHistory(db: Db, name: string, rows: { kind: MeetingKind; n: number; beneficiaries?: number }[], from: string, to: string) {
  const c = await county(db, name);
  if (!c) return;
  const span = Date.parse(to) - Date.parse(from);
  for (const r of rows) {
    for (let i = 0; i < r.n; i++) {
      const at = new Date(Date.parse(from) + Math.floor((span * (i + 0.5)) / r.n)).toISOString();
      // Beneficiaries spread so that they sum exactly to the total.
      const b = r.beneficiaries == null ? null : Math.floor((r.beneficiaries * (i + 1)) / r.n) - Math.floor((r.beneficiaries * i) / r.n);
      await db.insertInto('meetings').values({
        tenant_id: c.id, topic_id: null, kind: r.kind, title: r.kind === 'service' ? `义诊和送医下乡 ${i + 1}` : `界别协商活动 ${i + 1}`, starts_at: at, venue_id: null, place_id: null,
        address: null, agenda: null, open_public: 0, state: 'held', version: 1, checkin_token: randomBytes(18).toString('base64url'), minutes: '活动纪要', findings: null,
        beneficiaries: b, held_at: at, created_by: null, created_at: at,
      }).execute();
    }
  }
}

/** 嵩县 (the demo accounts' county): an upcoming meeting with 李建国 invited, for the member's phone page. */
async function songxian(db: Db, ctx: DemoContext) {
  const staff = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'songxian.staff').executeTakeFirst();
  const member = await db.selectFrom('users').select('member_id').where('username', '=', 'songxian.member').executeTakeFirst();
  if (!staff || !member?.member_id) return;
  const who: ConsultActor = { tenantId: ctx.songxianId, actor: { id: staff.id, name: staff.display_name, roles: ['staff'] } };
  const t = await topic(db, who, { title: '城区学前教育资源布局', source: 'party_gov', format: 'special', level: 'county', planYear: ctx.now.getFullYear(), planMonth: ctx.now.getMonth() + 1 });
  await step(db, who, t.id, 'brief', { briefing: '县教育局通报城区幼儿园学位供给情况。' });
  await step(db, who, t.id, 'collect');
  const start = new Date(ctx.now.getTime() + 3 * 86_400_000).toISOString();
  await createMeeting(db, who, MeetingCreateSchema.parse({ kind: 'research', title: '城区幼儿园学位调研', topicId: t.id, startsAt: start, memberIds: [member.member_id], agenda: '1. 县教育局介绍情况\n2. 实地察看城北片区\n3. 座谈', openToPublic: true }));
  // An open roundtable where parents may sign up as 群众代表; one has already.
  const round = await createMeeting(db, who, MeetingCreateSchema.parse({
    kind: 'consult', title: '城区学前教育资源布局协商会', topicId: t.id, startsAt: new Date(ctx.now.getTime() + 6 * 86_400_000 + 3600_000).toISOString(),
    address: '县政协三楼协商议事厅', agenda: '1. 县教育局通报城区学位缺口\n2. 委员和家长代表发言\n3. 共提共答', openToPublic: true, capacity: 10,
    publicIntro: '城北片区幼儿园学位紧张，孩子入园难。县政协邀请县教育局和委员一起商量新建、扩建幼儿园的办法，欢迎家长报名作为群众代表参加，现场提问。',
  }));
  const county = await db.selectFrom('orgs').select(['id', 'name']).where('id', '=', ctx.songxianId).executeTakeFirstOrThrow();
  await signUp(db, county, round.id, { name: '刘女士', phone: '13803790001', note: '孩子明年上幼儿园，家住城北', consent: true });
  await songxianOutcome(db, who);
}

/** 嵩县's seed story: 滨河路、平安街、幸福路 rebuilt after several consultations; published while the last road is under way. */
async function songxianOutcome(db: Db, who: ConsultActor) {
  const unit = async (n: string) => (await db.selectFrom('units').select('id').where('tenant_id', '=', who.tenantId).where('name', '=', n).executeTakeFirstOrThrow()).id;
  const t = await topic(db, who, { title: '城区滨河路、平安街、幸福路拥堵改造', source: 'member', sourceNote: '委员从「直通政协」群众反映中提出', format: 'special', level: 'county' });
  await step(db, who, t.id, 'brief', { briefing: '县住建局通报：滨河路、平安街、幸福路车道窄、早晚高峰拥堵，已列入城区道路改造计划。' });
  await step(db, who, t.id, 'collect');
  await step(db, who, t.id, 'survey', { survey: '「直通政协」收到沿线群众反映 23 条，委员走访沿街商户和居民 60 户。' });
  await step(db, who, t.id, 'propose');
  await step(db, who, t.id, 'approve');
  await step(db, who, t.id, 'research');
  await meeting(db, who, t.id, 'inspection', '滨河路、平安街、幸福路现场视察', '2026-04-08T01:00:00Z', { findings: '三条路均为双向两车道，路口无渠化，高峰时段排队超过 500 米。' });
  await step(db, who, t.id, 'roundtable');
  const m = await meeting(db, who, t.id, 'consult', '城区道路拥堵问题专题协商会', '2026-04-22T01:00:00Z',
    { minutes: '委员、县住建局、县交警大队和群众代表协商：三条路拓宽改造，各增加两个车道，施工期间设置绕行指引。' }, { address: '县政协三楼协商议事厅' });
  await step(db, who, t.id, 'outcome', { outcome: '滨河路、平安街、幸福路拓宽改造，各增加两个车道；施工期间设临时停车点和绕行指引。' });
  await step(db, who, t.id, 'decide');
  await step(db, who, t.id, 'submit_report');
  await step(db, who, t.id, 'record_decision', { decision: 'adopted', instruction: '请县住建局抓紧实施，年内完工。' });
  await step(db, who, t.id, 'implement');
  await qaTask(db, who, m, { question: '施工期间车往哪里走、车停在哪里？', askedBy: '沿街商户代表', askerKind: 'citizen', unitId: await unit('县公安局交警大队'),
    answer: '开工前公布绕行线路，设置临时停车点。', commitment: '施工期间设置临时停车点和绕行指引', days: 15 }, 'verified');
  await qaTask(db, who, m, { question: '三条路什么时候能改好？', askedBy: '李建国', askerKind: 'member', unitId: await unit('县住建局'),
    answer: '分段施工，年内全部完工。', commitment: '滨河路、平安街、幸福路拓宽改造，各增加两个车道', days: 180, measureLabel: '完成改造的道路', measureTarget: 3 },
  'in_progress', { note: '滨河路已完工通车，平安街、幸福路正在施工', value: 1 });
  await step(db, who, t.id, 'feedback');
  await step(db, who, t.id, 'summarize', {
    summary: '滨河路、平安街、幸福路改造工程正在紧张施工，每条路增加两个车道。滨河路已完工通车，其余两条路年内完工；施工期间已设临时停车点和绕行指引。',
    publishNote: '群众关切，先公开进度，全部完工后更新',
  });
  await step(db, who, t.id, 'publish');
}

export async function seedDemoConsultations(db: Db, ctx: DemoContext) {
  await ruyang(db);
  await yibin(db);
  await xinan(db);
  await xigong(db);
  await laocheng(db);
  await songxian(db, ctx);
  // 偃师: 126 topics by 有事好商量 since 2023, 140+ problems solved.
  await history(db, '偃师区政协', { topics: 126, format: 'talk', level: 'township', from: '2023-01-05', to: '2026-11-25', solved: 142, unit: '区交通运输局' });
  // 瀍河: 86 微协商 this year, 106 problems solved.
  await history(db, '瀍河区政协', { topics: 86, format: 'micro', level: 'village', from: '2026-01-05', to: '2026-11-25', solved: 106, unit: '区住建局' });
  // 新安: 56 consultation activities (2 of them the clinic story's) and 79 service activities serving 20,000+ people, in two years.
  await meetingsHistory(db, '新安县政协', [{ kind: 'sector', n: 54 }, { kind: 'service', n: 79, beneficiaries: 20_360 }], '2025-01-10', '2026-11-25');
}
