import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientFor, countRows, createCommittee, createCounty, createMember, createSector, createTestApp, createTownship, createUnit,
  createVenue, readXlsx, type Client, type TestEnv,
} from '../../test/helper.ts';

let env: TestEnv;
let a: Awaited<ReturnType<typeof createCounty>>;
let b: Awaited<ReturnType<typeof createCounty>>;
let admin: Client;

beforeAll(async () => {
  env = await createTestApp();
  a = await createCounty(env.db);
  b = await createCounty(env.db);
  admin = (await clientFor(env, a.id, ['county_admin'])).client;
});
afterAll(async () => env.close());

const ids = (res: { json: () => unknown }) => (res.json() as { items: { id: number }[] }).items.map((i) => i.id);

describe('tenancy', () => {
  it('lists only the own county\'s places, sectors, committees, units and venues', async () => {
    const own = {
      places: a.townshipId, sectors: (await createSector(env.db, a.id)).id, committees: (await createCommittee(env.db, a.id)).id,
      units: (await createUnit(env.db, a.id)).id, venues: (await createVenue(env.db, a.id)).id,
    };
    const theirs = {
      places: b.townshipId, sectors: (await createSector(env.db, b.id)).id, committees: (await createCommittee(env.db, b.id)).id,
      units: (await createUnit(env.db, b.id)).id, venues: (await createVenue(env.db, b.id)).id,
    };
    for (const kind of Object.keys(own) as (keyof typeof own)[]) {
      const res = await admin.get(`/api/v1/orgs/${kind}?pageSize=500`);
      expect(res.statusCode, kind).toBe(200);
      expect(ids(res), kind).toContain(own[kind]);
      expect(ids(res), kind).not.toContain(theirs[kind]);
    }
    // The county itself is the tenant, not one of its places.
    expect(ids(await admin.get('/api/v1/orgs/places'))).not.toContain(a.id);
  });

  it('refuses references to another county\'s township, member or parent, naming the field', async () => {
    const theirMember = await createMember(env.db, b.id);
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/v1/orgs/units', { name: '引用外县乡镇的单位', kind: 'township_gov', townshipId: b.townshipId }, 'townshipId'],
      ['/api/v1/orgs/venues', { name: '引用外县乡镇的阵地', kind: 'members_lounge', townshipId: b.townshipId }, 'townshipId'],
      ['/api/v1/orgs/venues', { name: '外县委员工作室', kind: 'studio', memberId: theirMember.id }, 'memberId'],
      ['/api/v1/orgs/places', { name: '外县村', kind: 'village', parentId: b.townshipId }, 'parentId'],
      // A village hangs under a township, not under another village or the county.
      ['/api/v1/orgs/places', { name: '村下之村', kind: 'village', parentId: a.villageId }, 'parentId'],
      ['/api/v1/orgs/places', { name: '县下之村', kind: 'village', parentId: a.id }, 'parentId'],
      ['/api/v1/orgs/places', { name: '无上级的村', kind: 'village' }, 'parentId'],
    ];
    for (const [url, body, field] of cases) {
      const before = await countRows(env.db, url.endsWith('places') ? 'orgs' : url.endsWith('units') ? 'units' : 'venues');
      const res = await admin.post(url, body);
      expect(res.statusCode, `${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json().fields).toEqual([{ path: field, message: expect.stringMatching(/^所选.*不存在$/) }]);
      expect(await countRows(env.db, url.endsWith('places') ? 'orgs' : url.endsWith('units') ? 'units' : 'venues')).toBe(before);
    }
    const unit = await createUnit(env.db, a.id);
    const patch = await admin.patch(`/api/v1/orgs/units/${unit.id}`, { townshipId: b.townshipId, version: 1 });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().fields[0].path).toBe('townshipId');
    expect((await env.db.selectFrom('units').select(['township_id', 'version']).where('id', '=', unit.id).executeTakeFirstOrThrow())).toEqual({ township_id: null, version: 1 });
  });

  it('answers 404 for another county\'s row', async () => {
    const unit = await createUnit(env.db, b.id);
    const res = await admin.get(`/api/v1/orgs/units/${unit.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(unit.name);
  });
});

describe('places', () => {
  it('creates a township under the county and a village under a township', async () => {
    const t = await admin.post('/api/v1/orgs/places', { name: '新城镇', kind: 'township', parentId: a.villageId, sort: 3 });
    expect(t.statusCode, t.body).toBe(201);
    // A township always hangs under the county, whatever parent the caller sent.
    expect(t.json()).toMatchObject({ name: '新城镇', kind: 'township', parentId: a.id, sort: 3, version: 1 });
    const v = await admin.post('/api/v1/orgs/places', { name: '新村', kind: 'village', parentId: t.json().id });
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json()).toMatchObject({ kind: 'village', parentId: t.json().id });
    const villages = await admin.get(`/api/v1/orgs/places?kind=village&parentId=${t.json().id}`);
    expect(villages.json().items.map((i: { name: string }) => i.name)).toEqual(['新村']);
    const audit = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'place.create').where('entity_id', '=', t.json().id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ tenant_id: a.id, summary: expect.stringContaining('新城镇') });
  });

  it('refuses a second township of the same name with 409 and a Chinese message', async () => {
    const before = await countRows(env.db, 'orgs');
    const res = await admin.post('/api/v1/orgs/places', { name: '城关镇', kind: 'township' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'conflict', message: '同一上级下已有同名的乡镇/村', fields: [{ path: 'name' }] });
    expect(await countRows(env.db, 'orgs')).toBe(before);
    // Another county may have its own 城关镇 (createCounty made one for each).
    expect(b.townshipId).not.toBe(a.townshipId);
  });

  it('refuses a PATCH with a stale version with 409 and leaves the row unchanged', async () => {
    const t = await createTownship(env.db, a.id);
    const ok = await admin.patch(`/api/v1/orgs/places/${t.id}`, { name: `${t.name}改`, version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: `${t.name}改`, version: 2 });
    const stale = await admin.patch(`/api/v1/orgs/places/${t.id}`, { name: '过期的修改', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale_version', message: expect.stringContaining('已被他人修改') });
    expect(await env.db.selectFrom('orgs').select(['name', 'version']).where('id', '=', t.id).executeTakeFirst()).toEqual({ name: `${t.name}改`, version: 2 });
  });

  it('refuses to delete a township still used by a member (409), deletes it once unused', async () => {
    const t = await createTownship(env.db, a.id);
    const m = await createMember(env.db, a.id, { townshipId: t.id });
    const audit = await countRows(env.db, 'audit_log');
    const res = await admin.delete(`/api/v1/orgs/places/${t.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'conflict', message: expect.stringContaining('已被其他数据使用') });
    expect(await env.db.selectFrom('orgs').select('id').where('id', '=', t.id).executeTakeFirst()).toEqual({ id: t.id });
    expect(await countRows(env.db, 'audit_log')).toBe(audit);

    await env.db.deleteFrom('members').where('id', '=', m.id).execute();
    const ok = await admin.delete(`/api/v1/orgs/places/${t.id}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await env.db.selectFrom('orgs').select('id').where('id', '=', t.id).executeTakeFirst()).toBeUndefined();
    expect(await env.db.selectFrom('audit_log').select('action').where('entity_id', '=', t.id).where('action', '=', 'place.delete').execute()).toHaveLength(1);
  });

  it('refuses to delete a township that still has villages', async () => {
    const res = await admin.delete(`/api/v1/orgs/places/${a.townshipId}`);
    expect(res.statusCode).toBe(409);
    expect(await env.db.selectFrom('orgs').select('id').where('id', '=', a.townshipId).executeTakeFirst()).toBeDefined();
  });

  it('exports the county\'s places as a real xlsx', async () => {
    const res = await admin.get('/api/v1/orgs/places/export');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['名称', '类型', '编码']);
    expect(rows).toContainEqual(['城关镇', '乡镇/街道', '']);
    expect(rows).toContainEqual(['东街村', '村/社区', '']);
    const own = await env.db.selectFrom('orgs').select('id').where('tenant_id', '=', a.id).where('kind', 'in', ['township', 'village']).execute();
    expect(rows).toHaveLength(own.length + 1);
  });
});

describe('sectors, committees, units and venues', () => {
  it('creates, updates and deletes a sector, refusing a duplicate name with 409', async () => {
    const created = await admin.post('/api/v1/orgs/sectors', { name: '科技界', sort: 2 });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const dup = await admin.post('/api/v1/orgs/sectors', { name: '科技界' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'conflict', message: '已有同名的界别' });
    // The same name in another county is fine.
    const { client: otherAdmin } = await clientFor(env, b.id, ['county_admin']);
    expect((await otherAdmin.post('/api/v1/orgs/sectors', { name: '科技界' })).statusCode).toBe(201);

    await createSector(env.db, a.id, '教育界');
    const rename = await admin.patch(`/api/v1/orgs/sectors/${id}`, { name: '教育界', version: 1 });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().message).toBe('已有同名的界别');
    expect((await admin.get(`/api/v1/orgs/sectors/${id}`)).json()).toMatchObject({ name: '科技界', sort: 2 });

    expect((await admin.delete(`/api/v1/orgs/sectors/${id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/orgs/sectors/${id}`)).statusCode).toBe(404);
  });

  it('refuses to delete a sector or committee in use', async () => {
    const s = await createSector(env.db, a.id);
    await createMember(env.db, a.id, { sectorId: s.id });
    expect((await admin.delete(`/api/v1/orgs/sectors/${s.id}`)).statusCode).toBe(409);
    const c = await createCommittee(env.db, a.id);
    const m = await createMember(env.db, a.id);
    await env.db.insertInto('member_committees').values({ tenant_id: a.id, member_id: m.id, committee_id: c.id }).execute();
    expect((await admin.delete(`/api/v1/orgs/committees/${c.id}`)).statusCode).toBe(409);
    expect(await env.db.selectFrom('committees').select('id').where('id', '=', c.id).executeTakeFirst()).toBeDefined();
  });

  it('checks the version of a sector or committee edit: the second of two edits from the same version gets 409', async () => {
    for (const [kind, label, row] of [
      ['sectors', '界别', await createSector(env.db, a.id)],
      ['committees', '专委会', await createCommittee(env.db, a.id)],
    ] as const) {
      expect((await admin.get(`/api/v1/orgs/${kind}/${row.id}`)).json(), kind).toMatchObject({ version: 1 });
      const first = await admin.patch(`/api/v1/orgs/${kind}/${row.id}`, { name: `${row.name}甲`, sort: 3, version: 1 });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({ name: `${row.name}甲`, sort: 3, version: 2 });
      const audit = await countRows(env.db, 'audit_log');
      const second = await admin.patch(`/api/v1/orgs/${kind}/${row.id}`, { name: `${row.name}乙`, version: 1 });
      expect(second.statusCode, kind).toBe(409);
      expect(second.json()).toEqual({ error: 'stale_version', message: `该${label}已被他人修改，请刷新后再试` });
      expect(await env.db.selectFrom(kind).select(['name', 'sort', 'version']).where('id', '=', row.id).executeTakeFirst())
        .toEqual({ name: `${row.name}甲`, sort: 3, version: 2 });
      expect(await countRows(env.db, 'audit_log')).toBe(audit);
      // The version the list hands out is the one that edits.
      const listed = (await admin.get(`/api/v1/orgs/${kind}?pageSize=500`)).json().items.find((i: { id: number }) => i.id === row.id);
      expect(listed).toMatchObject({ version: 2 });
      expect((await admin.patch(`/api/v1/orgs/${kind}/${row.id}`, { name: `${row.name}乙`, version: listed.version })).statusCode).toBe(200);
    }
  });

  it('manages units with version checks, unique names and a kind filter', async () => {
    const res = await admin.post('/api/v1/orgs/units', { name: '县住建局', kind: 'department', contactName: '张科长', contactPhone: '0379-6123456' });
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({ name: '县住建局', kind: 'department', active: true, version: 1, contactPhone: '0379-6123456' });
    const dup = await admin.post('/api/v1/orgs/units', { name: '县住建局', kind: 'other' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toMatch(/[\u4e00-\u9fff]/);

    const off = await admin.patch(`/api/v1/orgs/units/${unit.id}`, { active: false, townshipId: a.townshipId, version: 1 });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, townshipId: a.townshipId, version: 2 });
    const stale = await admin.patch(`/api/v1/orgs/units/${unit.id}`, { active: true, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/v1/orgs/units/${unit.id}`)).json()).toMatchObject({ active: false, version: 2 });

    const depts = await admin.get('/api/v1/orgs/units?kind=department');
    expect(depts.json().items.every((u: { kind: string }) => u.kind === 'department')).toBe(true);
    expect(ids(depts)).toContain(unit.id);
    expect(ids(await admin.get('/api/v1/orgs/units?kind=other'))).not.toContain(unit.id);
    expect(ids(await admin.get(`/api/v1/orgs/units?q=${encodeURIComponent('住建')}`))).toEqual([unit.id]);
  });

  it('manages venues with a member\'s studio and refuses a stale version', async () => {
    const m = await createMember(env.db, a.id);
    const res = await admin.post('/api/v1/orgs/venues', { name: '王委员工作室', kind: 'studio', memberId: m.id, townshipId: a.townshipId, address: '城关镇人民路 1 号' });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ memberId: m.id, townshipId: a.townshipId, version: 1 });
    expect((await admin.patch(`/api/v1/orgs/venues/${v.id}`, { theme: '乡村振兴', version: 1 })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/orgs/venues/${v.id}`, { theme: '过期', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await admin.get(`/api/v1/orgs/venues/${v.id}`)).json()).toMatchObject({ theme: '乡村振兴', version: 2 });
    // The member has a studio now: deleting the member is refused.
    expect((await admin.delete(`/api/v1/members/${m.id}`)).statusCode).toBe(409);
  });

  it('exports units as a real xlsx of the own county only', async () => {
    const theirs = await createUnit(env.db, b.id, '外县专属单位');
    const mine = await createUnit(env.db, a.id, '本县导出单位');
    const res = await admin.get('/api/v1/orgs/units/export');
    expect(res.statusCode).toBe(200);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['单位名称', '类型', '联系人', '联系电话', '状态']);
    expect(rows.map((r) => r[0])).toContain(mine.name);
    expect(rows.map((r) => r[0])).not.toContain(theirs.name);
    expect(rows.find((r) => r[0] === mine.name)).toEqual([mine.name, '县直部门', '', '', '启用']);
  });

  it('only admins write: staff read but cannot create', async () => {
    const { client: staff } = await clientFor(env, a.id, ['staff']);
    expect((await staff.get('/api/v1/orgs/units')).statusCode).toBe(200);
    const before = await countRows(env.db, 'units');
    expect((await staff.post('/api/v1/orgs/units', { name: '越权单位', kind: 'other' })).statusCode).toBe(403);
    expect(await countRows(env.db, 'units')).toBe(before);
  });
});

describe('overview', () => {
  it('counts a county\'s data, and the city sees its counties side by side', async () => {
    const c = await createCounty(env.db);
    await createMember(env.db, c.id);
    await createMember(env.db, c.id);
    await createUnit(env.db, c.id);
    const { client } = await clientFor(env, c.id, ['staff']);
    const res = await client.get('/api/v1/orgs/overview');
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([{ tenantId: c.id, name: c.name, townships: 1, villages: 1, members: 2, units: 1, venues: 0, sectors: 0 }]);

    const { client: city } = await clientFor(env, c.cityId, ['city_viewer']);
    const all = (await city.get('/api/v1/orgs/overview')).json().rows as { tenantId: number; members: number }[];
    expect(all.map((r) => r.tenantId)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect(all.find((r) => r.tenantId === c.id)?.members).toBe(2);
  });
});
