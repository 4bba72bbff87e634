import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit.ts';
import { clientFor, countRows, createCounty, createTestApp, readXlsx, type Client, type TestEnv } from '../../test/helper.ts';

let env: TestEnv;
let a: Awaited<ReturnType<typeof createCounty>>;
let b: Awaited<ReturnType<typeof createCounty>>;
let admin: Client;

type Seed = { at: string; tenant: 'a' | 'b'; actorId: number; actorName: string; action: string; result: 'success' | 'failure'; summary: string };
/**
 * Entries around CST midnight: 2026-03-01T15:30Z is 23:30 on 1 March in CST, 16:30Z is 00:30 on 2 March.
 */
const SEEDS: Seed[] = [
  { at: '2026-03-01T15:30:00.000Z', tenant: 'a', actorId: 9001, actorName: '张审计', action: 'member.create', result: 'success', summary: '新增委员「李四」' },
  { at: '2026-03-01T16:30:00.000Z', tenant: 'a', actorId: 9002, actorName: '王审计', action: 'member.update', result: 'success', summary: '修改委员「赵六」' },
  { at: '2026-03-05T02:00:00.000Z', tenant: 'a', actorId: 9001, actorName: '张审计', action: 'auth.login_failed', result: 'failure', summary: '登录失败：密码错误' },
  { at: '2026-03-01T10:00:00.000Z', tenant: 'b', actorId: 9003, actorName: '外县审计', action: 'member.create', result: 'success', summary: '新增委员「外县李四」' },
];

beforeAll(async () => {
  env = await createTestApp();
  a = await createCounty(env.db);
  b = await createCounty(env.db);
  admin = (await clientFor(env, a.id, ['county_admin'])).client;
  for (const s of SEEDS) {
    await env.db.insertInto('audit_log').values({
      at: s.at, tenant_id: s.tenant === 'a' ? a.id : b.id, actor_id: s.actorId, actor_name: s.actorName, ip: '10.1.1.1', action: s.action,
      entity: 'member', entity_id: null, result: s.result, summary: s.summary, before_json: null, after_json: null,
    }).execute();
  }
});
afterAll(async () => env.close());

type Item = { summary: string; action: string; actorName: string; result: string; before: unknown; after: unknown };
const search = async (query: string) => {
  const res = await admin.get(`/api/v1/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number };
};
const summaries = async (query: string) => (await search(query)).items.map((i) => i.summary).sort();

describe('the audit log is append-only', () => {
  it('refuses UPDATE and DELETE at the database level', async () => {
    const before = await env.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(before.length).toBeGreaterThan(0);
    await expect(env.db.updateTable('audit_log').set({ summary: '篡改' }).execute()).rejects.toThrow(/append-only/);
    await expect(env.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(env.db.deleteFrom('audit_log').where('id', '=', before[0]!.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET result = 'success' WHERE result = 'failure'`.execute(env.db)).rejects.toThrow(/append-only/);
    expect(await env.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('refuses UPDATE and DELETE of the case timeline too', async () => {
    await env.db.insertInto('case_events').values({
      tenant_id: a.id, case_type: 'test', case_id: 1, transition: 'x', label: '测试', from_state: null, to_state: 'new',
      actor_kind: 'system', actor_id: null, actor_name: null, note: null, data_json: null, at: new Date().toISOString(),
    }).execute();
    await expect(env.db.updateTable('case_events').set({ note: '篡改' }).execute()).rejects.toThrow(/append-only/);
    await expect(env.db.deleteFrom('case_events').execute()).rejects.toThrow(/append-only/);
    expect(await countRows(env.db, 'case_events')).toBe(1);
  });

  it('still accepts new entries, and hides secrets in them', async () => {
    await writeAudit(env.db, { tenantId: a.id, action: 'user.update', summary: '修改用户「保密测试」', after: { password: 'Secret@123', nested: { token: 'abc' }, name: '保密测试' } });
    const row = await env.db.selectFrom('audit_log').selectAll().where('summary', '=', '修改用户「保密测试」').executeTakeFirstOrThrow();
    expect(row.after_json).not.toContain('Secret@123');
    expect(row.after_json).not.toContain('abc');
    expect(JSON.parse(row.after_json!)).toEqual({ password: '[已隐藏]', nested: { token: '[已隐藏]' }, name: '保密测试' });
  });
});

describe('audit search', () => {
  it('shows only the own county\'s entries', async () => {
    const all = await search('pageSize=200');
    expect(all.items.map((i) => i.summary)).toContain('新增委员「李四」');
    expect(all.items.map((i) => i.summary)).not.toContain('新增委员「外县李四」');
    expect(all.total).toBe(Number((await env.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', a.id).executeTakeFirstOrThrow()).n));
    expect(await summaries(`q=${encodeURIComponent('外县')}`)).toEqual([]);
  });

  it('filters by free text over summary, action and actor name', async () => {
    expect(await summaries(`q=${encodeURIComponent('李四')}`)).toEqual(['新增委员「李四」']);
    expect(await summaries(`q=${encodeURIComponent('王审计')}`)).toEqual(['修改委员「赵六」']);
    expect(await summaries('q=login_failed')).toEqual(['登录失败：密码错误']);
    // LIKE wildcards typed by the user are text, not patterns.
    expect(await summaries('q=%25')).toEqual([]);
  });

  it('filters by action prefix, actor and result', async () => {
    expect(await summaries('action=member')).toEqual(['修改委员「赵六」', '新增委员「李四」'].sort());
    expect(await summaries('action=member.create')).toEqual(['新增委员「李四」']);
    expect(await summaries('actorId=9001')).toEqual(['新增委员「李四」', '登录失败：密码错误'].sort());
    expect(await summaries('actorId=9003')).toEqual([]);
    expect(await summaries('result=failure&actorId=9001')).toEqual(['登录失败：密码错误']);
  });

  it('filters by CST calendar days', async () => {
    expect(await summaries('from=2026-03-01&to=2026-03-01')).toEqual(['新增委员「李四」']);
    expect(await summaries('from=2026-03-02&to=2026-03-02')).toEqual(['修改委员「赵六」']);
    expect(await summaries('from=2026-03-02&to=2026-03-31')).toEqual(['修改委员「赵六」', '登录失败：密码错误'].sort());
    expect(await summaries('to=2026-02-28')).toEqual([]);
  });

  it('pages newest first', async () => {
    const first = await search('from=2026-03-01&to=2026-03-31&pageSize=2&page=1');
    const second = await search('from=2026-03-01&to=2026-03-31&pageSize=2&page=2');
    expect(first.total).toBe(3);
    expect(first.items.map((i) => i.summary)).toEqual(['登录失败：密码错误', '修改委员「赵六」']);
    expect(second.items.map((i) => i.summary)).toEqual(['新增委员「李四」']);
  });

  it('refuses malformed filters with 400 in Chinese', async () => {
    for (const q of ['action=member%3B%20drop', 'from=2026-13-45', 'result=maybe', 'actorId=-1', 'pageSize=100000', 'unknown=1']) {
      const res = await admin.get(`/api/v1/audit?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('records API changes with their before and after', async () => {
    const created = await admin.post('/api/v1/orgs/sectors', { name: '审计界' });
    expect(created.statusCode).toBe(201);
    const hit = (await search('action=sector.create')).items;
    expect(hit).toHaveLength(1);
    expect(hit[0]).toMatchObject({ summary: '新增界别「审计界」', result: 'success', after: { name: '审计界' }, actorName: '测试county_admin' });
  });
});

describe('audit export', () => {
  it('exports the filtered entries of the own county as a real xlsx', async () => {
    const res = await admin.get('/api/v1/audit/export?action=member');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    // Beijing time (16:30 UTC is 00:30 the next day on the office's clock) and the actions' Chinese names.
    expect(rows).toEqual([
      ['时间（北京时间）', '操作人', 'IP', '操作类型', '结果', '描述'],
      ['2026-03-02 00:30:00', '王审计', '10.1.1.1', '修改委员', '成功', '修改委员「赵六」'],
      ['2026-03-01 23:30:00', '张审计', '10.1.1.1', '新增委员', '成功', '新增委员「李四」'],
    ]);
  });

  it('is not open to roles without audit.read', async () => {
    const { client: staff } = await clientFor(env, a.id, ['staff']);
    expect((await staff.get('/api/v1/audit/export')).statusCode).toBe(403);
    expect((await staff.get('/api/v1/audit')).statusCode).toBe(403);
  });

  it('a city admin reads the city\'s own log, not a county\'s', async () => {
    const { client: city } = await clientFor(env, a.cityId, ['city_admin']);
    const res = await city.get('/api/v1/audit?action=member&pageSize=200');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });
});
