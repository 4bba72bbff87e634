/**
 * Exports an office can use: the clue export and the audit export carry Beijing time (what the screen shows), the
 * audit export names actions in Chinese, the clue export has the reply, 办结时间, 附议 and 评价; the member export
 * carries 界别/乡镇/专委会 and imports again as it came out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDateTime } from '@xs/core/calendar.ts';
import { clientFor, createCommittee, createCounty, createSector, createTownship, createTestApp, multipartFile, readXlsx, type TestEnv } from '../../test/helper.ts';
import { clueAt, createClueWorld, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

const col = (rows: string[][], header: string) => {
  const i = rows[0]!.indexOf(header);
  expect(i, `column ${header} in ${rows[0]!.join(',')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i] ?? '');
};

describe('clue export', () => {
  it('shows times in Beijing time and carries reply, 办结时间, 附议 and 评价', async () => {
    const c = await clueAt(env, w, 'closed');
    // A time of day whose UTC and Beijing dates differ: 2026-03-01 18:30 UTC is 03-02 02:30 in Beijing.
    await env.db.updateTable('clues').set({ created_at: '2026-03-01T18:30:00.000Z', supporters: 4 }).where('id', '=', c.id).execute();
    const row = await env.db.selectFrom('clues').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    const res = await w.staff.get('/api/v1/clues/export');
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    const at = col(rows, '查询码').indexOf(c.code);
    expect(col(rows, '提交时间')[at]).toBe('2026-03-02 02:30');
    expect(col(rows, '答复')[at]).toBe(row.reply_text);
    expect(col(rows, '办结时间')[at]).toBe(cstDateTime(row.resolved_at));
    expect(col(rows, '办结时间')[at]).not.toBe(row.resolved_at!.slice(0, 16).replace('T', ' '));
    expect(col(rows, '附议')[at]).toBe('4');
    expect(col(rows, '评价')[at]).toBe('满意');
  });
});

describe('audit export', () => {
  it('shows Beijing time and Chinese action names, not English keys', async () => {
    const admin = await clientFor(env, w.county.id, ['county_admin']);
    await clueAt(env, w, 'forwarded');
    const res = await admin.client.get('/api/v1/audit/export');
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    const actions = col(rows, '操作类型');
    expect(actions).toContain('民意线索·转办');
    for (const a of actions) expect(a).not.toMatch(/^[a-z_]+\.[a-z_]+$/);
    const stored = await env.db.selectFrom('audit_log').select('at').where('tenant_id', '=', w.county.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(col(rows, '时间（北京时间）')[0]).toBe(cstDateTime(stored.at, true));
  });
});

describe('member export', () => {
  it('carries 界别, 乡镇 and 专委会 and imports back unchanged', async () => {
    const county = await createCounty(env.db);
    const admin = (await clientFor(env, county.id, ['county_admin'])).client;
    const sector = await createSector(env.db, county.id, '医药卫生界');
    const township = await createTownship(env.db, county.id, '德亭镇');
    const c1 = await createCommittee(env.db, county.id, '提案委员会');
    const c2 = await createCommittee(env.db, county.id, '社会和法制委员会');
    const made = await admin.post('/api/v1/members', {
      name: '往返委员', gender: 'female', phone: '13912345678', sectorId: sector.id, townshipId: township.id, committeeIds: [c1.id, c2.id], term: '第十一届', title: '县医院院长',
    });
    expect(made.statusCode, made.body).toBe(201);
    const exported = await admin.get('/api/v1/members/export');
    const rows = await readXlsx(exported.rawPayload);
    expect(rows[0]).toEqual(expect.arrayContaining(['界别', '履职小组（乡镇）', '专委会']));
    expect(col(rows, '界别')).toEqual(['医药卫生界']);
    expect(col(rows, '履职小组（乡镇）')).toEqual(['德亭镇']);
    expect(col(rows, '专委会')[0]!.split('、').sort()).toEqual(['提案委员会', '社会和法制委员会'].sort());

    // The same sheet, imported into a county with the same names, gives the same member (its phone was masked on export).
    const next = await createCounty(env.db);
    const admin2 = (await clientFor(env, next.id, ['county_admin'])).client;
    const s2 = await createSector(env.db, next.id, '医药卫生界');
    const t2 = await createTownship(env.db, next.id, '德亭镇');
    const k1 = await createCommittee(env.db, next.id, '提案委员会');
    const k2 = await createCommittee(env.db, next.id, '社会和法制委员会');
    const m = multipartFile(exported.rawPayload);
    const imported = await admin2.request('POST', '/api/v1/members/import', m.body, m.headers);
    expect(imported.statusCode, imported.body).toBe(200);
    const list = (await admin2.get('/api/v1/members')).json() as { items: { name: string; gender: string; sectorId: number; townshipId: number; committeeIds: number[]; term: string; title: string; phone: string | null }[] };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ name: '往返委员', gender: 'female', sectorId: s2.id, townshipId: t2.id, term: '第十一届', title: '县医院院长', phone: null });
    expect(list.items[0]!.committeeIds.sort()).toEqual([k1.id, k2.id].sort());
  });
});
