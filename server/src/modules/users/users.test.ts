import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientFor, countRows, createCounty, createMember, createTestApp, createUnit, createUser, login, readXlsx, TEST_PASSWORD,
  type Client, type TestEnv,
} from '../../test/helper.ts';

let env: TestEnv;
let a: Awaited<ReturnType<typeof createCounty>>;
let b: Awaited<ReturnType<typeof createCounty>>;
let admin: Client;
let adminId: number;

beforeAll(async () => {
  env = await createTestApp();
  a = await createCounty(env.db);
  b = await createCounty(env.db);
  const c = await clientFor(env, a.id, ['county_admin']);
  admin = c.client;
  adminId = c.user.id;
});
afterAll(async () => env.close());

const sessionsOf = async (userId: number) => (await env.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;
const NEW_USER = { displayName: '新同事', roles: ['staff'], password: 'Welcome@2026' };

describe('users', () => {
  it('lists the own county\'s users only, with masked phones and no password hashes', async () => {
    const mine = await createUser(env.db, a.id, ['staff']);
    await env.db.updateTable('users').set({ phone: '13712345678' }).where('id', '=', mine.id).execute();
    const theirs = await createUser(env.db, b.id, ['staff']);
    const res = await admin.get('/api/v1/users');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; phone: string | null }[];
    expect(items.map((u) => u.id)).toContain(mine.id);
    expect(items.map((u) => u.id)).not.toContain(theirs.id);
    expect(items.find((u) => u.id === mine.id)?.phone).toBe('137****5678');
    expect(res.body).not.toContain('13712345678');
    expect(res.body).not.toContain('argon2');
    expect(res.body).not.toContain(theirs.username);

    // LIKE wildcards typed into the search box match only themselves.
    const underscore = await createUser(env.db, a.id, ['staff'], { username: 'under_score' });
    await createUser(env.db, a.id, ['staff'], { username: 'under.score' });
    expect((await admin.get('/api/v1/users?q=under_s')).json().items.map((u: { id: number }) => u.id)).toEqual([underscore.id]);
    expect((await admin.get('/api/v1/users?q=%25')).json().items).toEqual([]);

    const admins = (await admin.get('/api/v1/users?role=county_admin')).json().items.map((u: { id: number }) => u.id);
    expect(admins).toContain(adminId);
    expect(admins).not.toContain(mine.id);
  });

  it('searches usernames ignoring case, on both dialects, within the own county', async () => {
    const mixed = await createUser(env.db, a.id, ['staff'], { username: 'ZhangWei.Case' });
    const lower = await createUser(env.db, a.id, ['staff'], { username: 'zhangwei.case2' });
    await createUser(env.db, b.id, ['staff'], { username: 'ZHANGWEI.case3' });
    const found = async (q: string) => (await admin.get(`/api/v1/users?q=${encodeURIComponent(q)}`)).json().items.map((u: { id: number }) => u.id);
    for (const q of ['zhangwei.case', 'ZHANGWEI.CASE', 'ZhAnGwEi.CaSe']) expect(await found(q), q).toEqual([mixed.id, lower.id]);
    expect(await found('wei.Case2')).toEqual([lower.id]);
  });

  it('creates a user who can log in, audits it without the password', async () => {
    const res = await admin.post('/api/v1/users', { ...NEW_USER, username: 'new.colleague', phone: '13600001234' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: 'new.colleague', roles: ['staff'], active: true, phone: '136****1234', version: 1 });
    expect(res.body).not.toContain('Welcome@2026');
    expect((await env.db.selectFrom('users').select('tenant_id').where('username', '=', 'new.colleague').executeTakeFirstOrThrow()).tenant_id).toBe(a.id);
    const audit = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('entity_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(audit.after_json).not.toContain('Welcome@2026');
    const c = await login(env.app, 'new.colleague', 'Welcome@2026');
    expect((await c.get('/api/v1/auth/me')).json().tenant.id).toBe(a.id);
  });

  it('refuses a username already taken, in any county, with 409', async () => {
    const taken = await createUser(env.db, b.id, ['staff']);
    const before = await countRows(env.db, 'users');
    const res = await admin.post('/api/v1/users', { ...NEW_USER, username: taken.username });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'conflict', message: '用户名已被使用', fields: [{ path: 'username' }] });
    expect(await countRows(env.db, 'users')).toBe(before);
  });

  it('refuses city roles in a county, a unit handler without a unit, and another county\'s unit or member', async () => {
    const theirUnit = await createUnit(env.db, b.id);
    const theirMember = await createMember(env.db, b.id);
    const before = await countRows(env.db, 'users');
    const city = await admin.post('/api/v1/users', { ...NEW_USER, username: 'wants.city', roles: ['city_admin'] });
    expect(city.statusCode).toBe(400);
    expect(city.json().fields).toEqual([{ path: 'roles', message: expect.stringContaining('市政协管理员') }]);
    const noUnit = await admin.post('/api/v1/users', { ...NEW_USER, username: 'no.unit', roles: ['unit_handler'] });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().fields).toEqual([{ path: 'unitId', message: '承办单位用户须选择所属单位' }]);
    const foreign = await admin.post('/api/v1/users', { ...NEW_USER, username: 'foreign.refs', roles: ['unit_handler'], unitId: theirUnit.id, memberId: theirMember.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().fields).toEqual([{ path: 'unitId', message: '所选承办单位不存在' }, { path: 'memberId', message: '所选委员不存在' }]);
    expect(await countRows(env.db, 'users')).toBe(before);

    const { client: cityAdmin } = await clientFor(env, a.cityId, ['city_admin']);
    const countyRole = await cityAdmin.post('/api/v1/users', { ...NEW_USER, username: 'city.staff', roles: ['staff'] });
    expect(countyRole.statusCode).toBe(400);
    expect((await cityAdmin.post('/api/v1/users', { ...NEW_USER, username: 'city.viewer', roles: ['city_viewer'] })).statusCode).toBe(201);
  });

  it('makes a unit handler the unit’s 负责人, only with a unit, and ends the role when the user leaves the unit', async () => {
    const unit = await createUnit(env.db, a.id);
    const created = await admin.post('/api/v1/users', { ...NEW_USER, username: 'unit.lead', roles: ['unit_handler'], unitId: unit.id, unitLead: true });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ unitId: unit.id, unitLead: true });
    const noUnit = await admin.post('/api/v1/users', { ...NEW_USER, username: 'lead.nounit', unitLead: true });
    expect(noUnit.json().fields).toEqual([{ path: 'unitLead', message: '单位负责人须属于一个承办单位' }]);
    const plain = await createUser(env.db, a.id, ['staff']);
    expect((await admin.patch(`/api/v1/users/${plain.id}`, { unitLead: true, version: 1 })).json().fields).toEqual([{ path: 'unitLead', message: '单位负责人须属于一个承办单位' }]);
    const u = created.json() as { id: number; version: number };
    const left = await admin.patch(`/api/v1/users/${u.id}`, { roles: ['staff'], unitId: null, version: u.version });
    expect(left.json()).toMatchObject({ unitId: null, unitLead: false });
  });

  it('refuses a stale version with 409 and leaves the user unchanged', async () => {
    const u = await createUser(env.db, a.id, ['staff']);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { displayName: '改过一次', version: 1 })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/users/${u.id}`, { displayName: '过期修改', roles: ['leader'], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale_version', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(await env.db.selectFrom('users').select(['display_name', 'roles', 'version']).where('id', '=', u.id).executeTakeFirst())
      .toEqual({ display_name: '改过一次', roles: '["staff"]', version: 2 });
  });

  it('answers 404 for another county\'s user and changes nothing', async () => {
    const theirs = await createUser(env.db, b.id, ['staff']);
    const res = await admin.patch(`/api/v1/users/${theirs.id}`, { active: false, version: 1 });
    expect(res.statusCode).toBe(404);
    expect(await env.db.selectFrom('users').select(['active', 'version']).where('id', '=', theirs.id).executeTakeFirst()).toEqual({ active: 1, version: 1 });
  });

  it('disabling a user ends their sessions and stops their logins', async () => {
    const u = await createUser(env.db, a.id, ['staff']);
    const session = await login(env.app, u.username);
    const res = await admin.patch(`/api/v1/users/${u.id}`, { active: false, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().active).toBe(false);
    expect(await sessionsOf(u.id)).toBe(0);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(login(env.app, u.username)).rejects.toThrow(/401/);
  });

  it('changing roles ends the user\'s sessions so new permissions apply at once', async () => {
    const u = await createUser(env.db, a.id, ['county_admin']);
    const session = await login(env.app, u.username);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { roles: ['staff'], version: 1 })).statusCode).toBe(200);
    expect((await session.get('/api/v1/users')).statusCode).toBe(401);
    const again = await login(env.app, u.username);
    expect((await again.get('/api/v1/users')).statusCode).toBe(403);
  });

  it('an admin password reset ends sessions and makes the user change it at next login', async () => {
    const u = await createUser(env.db, a.id, ['staff']);
    const session = await login(env.app, u.username);
    const res = await admin.patch(`/api/v1/users/${u.id}`, { password: 'Reset@2026x', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(login(env.app, u.username, TEST_PASSWORD)).rejects.toThrow(/401/);
    const fresh = await login(env.app, u.username, 'Reset@2026x');
    expect((await fresh.get('/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    const audit = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.update').where('entity_id', '=', u.id).executeTakeFirstOrThrow();
    expect(audit.summary).toContain('重置密码');
    expect(audit.after_json).not.toContain('Reset@2026x');
  });

  it('an admin cannot disable themself or drop their own admin role', async () => {
    for (const body of [{ active: false, version: 1 }, { roles: ['staff'], version: 1 }]) {
      const res = await admin.patch(`/api/v1/users/${adminId}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0].message).toContain('不能停用自己');
    }
    expect((await env.db.selectFrom('users').select(['active', 'roles']).where('id', '=', adminId).executeTakeFirstOrThrow())).toEqual({ active: 1, roles: '["county_admin"]' });
  });

  it('exports the own county\'s users as a real xlsx', async () => {
    const county = await createCounty(env.db);
    const { client, user } = await clientFor(env, county.id, ['county_admin']);
    const other = await createUser(env.db, county.id, ['staff', 'leader']);
    await createUser(env.db, b.id, ['staff']);
    const res = await client.get('/api/v1/users/export');
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['用户名', '姓名', '角色', '状态', '最近登录', '单位负责人']);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      [user.username, '测试county_admin', '县区管理员', '启用'],
      [other.username, '测试staffleader', '机关工作人员、领导', '启用'],
    ]);
  });
});
