/**
 * The dashboard numbers and the triage list over a known set of clues built through the API: funnel,
 * satisfaction, groups, periods (CST days), filters, full text, pages, Excel exports and bulk actions.
 */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createTestApp, createTownship, createVenue, type TestEnv } from '../../test/helper.ts';
import { clueAt, createClueWorld, must, submitClue, versionOf, type ClueWorld, type SubmittedClue } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;
let town2: { id: number; name: string };
/** The known set, by letter. */
const k: Record<string, SubmittedClue> = {};

const DAY = 86_400_000;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  town2 = await createTownship(env.db, w.county.id, '河西镇');
  const venue = await createVenue(env.db, w.county.id);
  const t1 = { townshipId: w.county.townshipId };
  const t2 = { townshipId: town2.id };
  // letter: stage, then what the citizen wrote
  k.A = await clueAt(env, w, 'submitted', { ...t1, category: 'roads', content: '解放路与人民路交叉口的红绿灯坏了三天，车辆乱行很危险' });
  k.B = await clueAt(env, w, 'accepted', { ...t1, category: 'environment', channel: 'qr_venue', venueId: venue.id, content: '河道里漂着很多塑料垃圾，希望安排人打捞清理' });
  k.C = await clueAt(env, w, 'forwarded', { ...t2, category: 'roads', content: '河西镇中心街路面塌陷一个大坑，电动车经过容易摔倒' });
  k.D = await clueAt(env, w, 'closed', { ...t1, category: 'roads', contactPhone: '13812340001', consent: true }, 'satisfied');
  k.E = await clueAt(env, w, 'closed', { ...t2, category: 'environment', content: '菜市场门口垃圾清运不及时，夏天臭味很大，苍蝇很多' }, 'unsatisfied');
  k.F = await clueAt(env, w, 'closed', { ...t1, category: 'environment' }, 'basically');
  k.G = await clueAt(env, w, 'submitted', { ...t2, category: 'other', content: '希望县里多举办一些广场舞比赛活动丰富生活' });
  await must(env, w.staff, k.G.id, 'decline', { reason: '不属于政协工作范围' });
  k.H = await clueAt(env, w, 'accepted', { ...t1, category: 'education', content: '希望在城北新建一所公办幼儿园，孩子上学路太远' });
  await must(env, w.staff, k.H.id, 'convert', { kind: 'topic', title: '城北学前教育资源布局' });
  k.I = await clueAt(env, w, 'resolved', { ...t2, category: 'roads' });
  // Two clues from early 2025; K was sent at 04:00 on 1 February, China time (still 31 January in UTC).
  k.J = await submitClue(env, w.county, { ...t1, category: 'health' });
  k.K = await submitClue(env, w.county, { ...t1, category: 'health' });
  await env.db.updateTable('clues').set({ created_at: '2025-01-15T02:00:00.000Z' }).where('id', '=', k.J.id).execute();
  await env.db.updateTable('clues').set({ created_at: '2025-01-31T20:00:00.000Z' }).where('id', '=', k.K.id).execute();
  // A is overdue for triage; D took a week (five working days) from receipt to resolution.
  await env.db.updateTable('clues').set({ due_at: new Date(Date.now() - DAY).toISOString() }).where('id', '=', k.A.id).execute();
  const d = await env.db.selectFrom('clues').select('resolved_at').where('id', '=', k.D.id).executeTakeFirstOrThrow();
  await env.db.updateTable('clues').set({ created_at: new Date(Date.parse(d.resolved_at!) - 7 * DAY).toISOString() }).where('id', '=', k.D.id).execute();
});
afterAll(async () => env.close());

const ids = (...letters: string[]) => letters.map((l) => k[l]!.id).sort((a, b) => a - b);
const listIds = (res: LightMyRequestResponse) => (res.json().items as { id: number }[]).map((i) => i.id).sort((a, b) => a - b);

async function sheetRows(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('GET /clues/stats', () => {
  it('counts the funnel, satisfaction, handling days and overdue clues', async () => {
    const res = await w.staff.get('/api/v1/clues/stats');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    // received A–K; adopted B C D E F H I; sent onward C D E F I and H (converted); resolved D F I (E was reopened)
    expect(s.funnel).toEqual({ received: 11, adopted: 7, forwarded: 6, converted: 1, resolved: 3 });
    expect(s.satisfaction).toEqual({ satisfied: 1, basically: 1, unsatisfied: 1, rate: 66.7 });
    // D five working days, F and I the same day.
    expect(s.avgHandlingDays).toBe(1.7);
    expect(s.overdueOpen).toBe(1);
    expect(s.conversionsQueued).toBe(1);
  });

  it('groups by category, township and channel', async () => {
    const s = (await w.staff.get('/api/v1/clues/stats')).json();
    const by = (groups: { key: unknown; received: number; adopted: number; resolved: number }[]) =>
      Object.fromEntries(groups.map((g) => [String(g.key), [g.received, g.adopted, g.resolved]]));
    expect(by(s.byCategory)).toEqual({ roads: [4, 3, 2], environment: [3, 3, 1], health: [2, 0, 0], other: [1, 0, 0], education: [1, 1, 0] });
    expect(s.byCategory[0]).toMatchObject({ key: 'roads', label: '道路设施' });
    expect(by(s.byTownship)).toEqual({ [w.county.townshipId]: [7, 4, 2], [town2.id]: [4, 3, 1] });
    expect(s.byTownship.map((g: { label: string }) => g.label)).toEqual(['城关镇', '河西镇']);
    expect(by(s.byChannel)).toEqual({ h5: [10, 6, 3], qr_venue: [1, 1, 0] });
    expect(s.byMonth.slice(0, 2)).toEqual([{ month: '2025-01', received: 1, resolved: 0 }, { month: '2025-02', received: 1, resolved: 0 }]);
  });

  it('takes a period in China days', async () => {
    const jan = (await w.staff.get('/api/v1/clues/stats?from=2025-01-01&to=2025-01-31')).json();
    expect(jan.funnel.received).toBe(1);
    expect(jan.byCategory).toEqual([{ key: 'health', label: '医疗卫生', received: 1, adopted: 0, resolved: 0 }]);
    expect((await w.staff.get('/api/v1/clues/stats?from=2025-02-01&to=2025-02-01')).json().funnel.received).toBe(1);
    expect((await w.staff.get('/api/v1/clues/stats?to=2025-12-31')).json().funnel.received).toBe(2);
    expect((await w.staff.get('/api/v1/clues/stats?from=2026-01-01')).json().funnel.received).toBe(9);
    const empty = (await w.staff.get('/api/v1/clues/stats?from=2024-01-01&to=2024-12-31')).json();
    expect(empty).toMatchObject({ funnel: { received: 0 }, satisfaction: { rate: null }, avgHandlingDays: null, byCategory: [] });
    const bad = await w.staff.get('/api/v1/clues/stats?from=2025-02-30x');
    expect(bad.statusCode).toBe(400);
  });

  it('counts only the caller\'s county, and needs stats.read', async () => {
    const other = await createClueWorld(env);
    expect((await other.staff.get('/api/v1/clues/stats')).json().funnel.received).toBe(0);
    const leader = (await clientFor(env, w.county.id, ['leader'])).client;
    expect((await leader.get('/api/v1/clues/stats')).json().funnel.received).toBe(11);
    expect((await w.handler.get('/api/v1/clues/stats')).statusCode).toBe(403);
    expect((await w.handler.get('/api/v1/clues/stats/export')).statusCode).toBe(403);
  });

  it('exports the numbers as a real .xlsx', async () => {
    const res = await w.staff.get('/api/v1/clues/stats/export?from=2026-01-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(['分组', '项目', '收到/数值', '采纳', '办结']);
    const find = (group: string, label: string) => rows.find((r) => r[0] === group && r[1] === label);
    expect(find('总体', '收到线索')?.[2]).toBe(9);
    expect(find('总体', '办结')?.[2]).toBe(3);
    expect(find('总体', '满意率(%)')?.[2]).toBe(66.7);
    expect(find('按类别', '道路设施')?.slice(2)).toEqual([4, 3, 2]);
    expect(find('按乡镇', '河西镇')?.slice(2)).toEqual([4, 3, 1]);
  });
});

describe('GET /clues (triage list)', () => {
  const get = (qs: string) => w.staff.get(`/api/v1/clues?pageSize=200&${qs}`);

  it('gives totals by state and township that match the rows, through submissions, transitions and deletions', async () => {
    const x = await createClueWorld(env);
    const check = async () => {
      for (const qs of ['', 'state=submitted', 'state=accepted', 'state=open', `townshipId=${x.county.townshipId}`, `townshipId=${x.county.townshipId}&state=open`]) {
        const res = await x.staff.get(`/api/v1/clues?pageSize=200&${qs}`);
        expect(res.json().total, qs).toBe(listIds(res).length);
      }
    };
    const [c1, c2] = [await submitClue(env, x.county), await submitClue(env, x.county)];
    await check();
    await must(env, x.staff, c1.id, 'accept');
    await check();
    expect((await x.staff.get('/api/v1/clues?state=accepted')).json().total).toBe(1);
    // Rows removed outside the workflow (a data correction) leave the counts right too.
    await env.db.deleteFrom('clues').where('id', '=', c2.id).execute();
    await check();
    expect((await x.staff.get('/api/v1/clues')).json().total).toBe(1);
  });

  it('filters by state, open, category, township, channel, unit and overdue', async () => {
    expect(listIds(await get('state=submitted'))).toEqual(ids('A', 'J', 'K'));
    expect(listIds(await get('state=declined'))).toEqual(ids('G'));
    expect(listIds(await get('state=open'))).toEqual(ids('A', 'B', 'C', 'E', 'J', 'K'));
    expect(listIds(await get('category=environment'))).toEqual(ids('B', 'E', 'F'));
    expect(listIds(await get(`townshipId=${town2.id}`))).toEqual(ids('C', 'E', 'G', 'I'));
    expect(listIds(await get('channel=qr_venue'))).toEqual(ids('B'));
    expect(listIds(await get(`unitId=${w.unit.id}&state=open`))).toEqual(ids('C', 'E'));
    expect(listIds(await get('overdue=1'))).toEqual(ids('A'));
    const notOverdue = await get('overdue=0');
    expect(notOverdue.json().total).toBe(10);
    expect(listIds(notOverdue)).not.toContain(k.A!.id);
    expect(listIds(await get('state=open&category=roads&overdue=1'))).toEqual(ids('A'));
    expect(listIds(await get('from=2025-01-01&to=2025-01-31'))).toEqual(ids('J'));
    const item = (await get('overdue=1')).json().items[0];
    expect(item).toMatchObject({ overdue: true, state: 'submitted', stateLabel: '待受理', categoryLabel: '道路设施', townshipName: '城关镇' });
  });

  it('finds clues by Chinese words, and not by unrelated ones', async () => {
    expect(listIds(await get(`q=${encodeURIComponent('垃圾清运 菜市场')}`))).toEqual(ids('E'));
    expect(listIds(await get(`q=${encodeURIComponent('幼儿园')}`))).toEqual(ids('H'));
    expect(listIds(await get(`q=${encodeURIComponent('红绿灯 交叉口')}`))).toEqual(ids('A'));
    expect(listIds(await get(`q=${encodeURIComponent('养老院 护工')}`))).toEqual([]);
    expect(listIds(await get(`q=${encodeURIComponent('垃圾清运 幼儿园')}`))).toEqual([]);
    // Words and filters together; the tracking code works too.
    expect(listIds(await get(`q=${encodeURIComponent('垃圾')}&townshipId=${w.county.townshipId}`))).toEqual(ids('B'));
    expect(listIds(await get(`q=${k.G!.code.toLowerCase()}`))).toEqual(ids('G'));
  });

  it('pages through everything once, newest first', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = (await w.staff.get(`/api/v1/clues?pageSize=4&page=${page}`)).json();
      expect(res).toMatchObject({ total: 11, page, pageSize: 4 });
      expect(res.items).toHaveLength(page < 3 ? 4 : 3);
      seen.push(...res.items.map((i: { id: number }) => i.id));
    }
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect([...seen].sort((a, b) => a - b)).toEqual(ids(...Object.keys(k)));
    expect((await w.staff.get('/api/v1/clues?pageSize=4&page=4')).json().items).toEqual([]);
  });

  it('exports the filtered list as a real .xlsx with masked phones', async () => {
    const res = await w.staff.get('/api/v1/clues/export?category=roads');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(expect.arrayContaining(['查询码', '类别', '内容', '状态', '联系电话']));
    const codeCol = (rows[0] as string[]).indexOf('查询码');
    const phoneCol = (rows[0] as string[]).indexOf('联系电话');
    expect(rows.slice(1).map((r) => r[codeCol]).sort()).toEqual(['A', 'C', 'D', 'I'].map((l) => k[l]!.code).sort());
    const d = rows.find((r) => r[codeCol] === k.D!.code)!;
    expect(d[phoneCol]).toBe('138****0001');
    expect(Buffer.from(res.rawPayload).includes(Buffer.from('13812340001'))).toBe(false);
  });
});

describe('POST /clues/bulk', () => {
  it('accepts several and reports each failure with its reason', async () => {
    const bw = await createClueWorld(env);
    const [a, b, c, stale, done] = await Promise.all([1, 2, 3, 4, 5].map(() => submitClue(env, bw.county)));
    await must(env, bw.staff, done!.id, 'decline', { reason: '重复反映' });
    const res = await bw.staff.post('/api/v1/clues/bulk', {
      transition: 'accept',
      items: [
        { id: a!.id, version: 1 }, { id: b!.id, version: 1 }, { id: c!.id, version: 1 },
        { id: stale!.id, version: 5 }, { id: done!.id, version: await versionOf(env, done!.id) }, { id: k.A!.id, version: await versionOf(env, k.A!.id) },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.done.sort()).toEqual([a!.id, b!.id, c!.id].sort());
    expect(body.failed.map((f: { id: number }) => f.id)).toEqual([stale!.id, done!.id, k.A!.id]);
    for (const f of body.failed) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.failed[0].message).toContain('刚刚已被他人处理');
    expect(body.failed[2].message).toContain('不存在');
    const states = await env.db.selectFrom('clues').select(['id', 'state']).where('id', 'in', [a!.id, b!.id, c!.id, stale!.id, k.A!.id]).execute();
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({
      [a!.id]: 'accepted', [b!.id]: 'accepted', [c!.id]: 'accepted', [stale!.id]: 'submitted', [k.A!.id]: 'submitted',
    });

    const fwd = await bw.staff.post('/api/v1/clues/bulk', { transition: 'forward', unitId: bw.unit.id, items: [{ id: a!.id, version: 2 }, { id: b!.id, version: 2 }] });
    expect(fwd.json()).toEqual({ done: [a!.id, b!.id], failed: [] });
    expect((await bw.handler.get('/api/v1/unit/clues')).json().total).toBe(2);
  });

  it('refuses a bulk decline without a reason and a bulk forward without a unit, before touching any clue', async () => {
    const bw = await createClueWorld(env);
    const c = await submitClue(env, bw.county);
    const decline = await bw.staff.post('/api/v1/clues/bulk', { transition: 'decline', items: [{ id: c.id, version: 1 }] });
    expect(decline.statusCode).toBe(400);
    expect(decline.json().fields).toEqual([expect.objectContaining({ path: 'reason' })]);
    const forward = await bw.staff.post('/api/v1/clues/bulk', { transition: 'forward', items: [{ id: c.id, version: 1 }] });
    expect(forward.statusCode).toBe(400);
    expect(forward.json().fields).toEqual([expect.objectContaining({ path: 'unitId' })]);
    expect((await bw.staff.post('/api/v1/clues/bulk', { transition: 'resolve', items: [{ id: c.id, version: 1 }] })).statusCode).toBe(400);
    expect((await bw.staff.post('/api/v1/clues/bulk', { transition: 'accept', items: [] })).statusCode).toBe(400);
    expect(await versionOf(env, c.id)).toBe(1);
    expect((await bw.handler.post('/api/v1/clues/bulk', { transition: 'accept', items: [{ id: c.id, version: 1 }] })).statusCode).toBe(403);
  });
});
