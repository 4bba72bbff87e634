import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildXlsx, clientFor, countRows, createCommittee, createCounty, createMember, createSector, createTestApp, multipartFile, readXlsx,
  type Client, type TestEnv,
} from '../../test/helper.ts';
import { MemberCreateSchema } from '@xs/core/schemas/orgs.ts';
import JSZip from 'jszip';
import { MAX_IMPORT_BYTES, MAX_IMPORT_INFLATED_BYTES, MAX_IMPORT_ROWS, parseSheet } from '../../platform/xlsx-import.ts';

let env: TestEnv;
let a: Awaited<ReturnType<typeof createCounty>>;
let b: Awaited<ReturnType<typeof createCounty>>;
let admin: Client;
let sector: { id: number; name: string };
let sector2: { id: number; name: string };
let committee: { id: number; name: string };
let committee2: { id: number; name: string };

beforeAll(async () => {
  env = await createTestApp();
  a = await createCounty(env.db);
  b = await createCounty(env.db);
  admin = (await clientFor(env, a.id, ['county_admin'])).client;
  sector = await createSector(env.db, a.id, '医药卫生界');
  sector2 = await createSector(env.db, a.id, '经济界');
  committee = await createCommittee(env.db, a.id, '提案委员会');
  committee2 = await createCommittee(env.db, a.id, '社会和法制委员会');
});
afterAll(async () => env.close());

const committeesOf = async (memberId: number) =>
  (await env.db.selectFrom('member_committees').select('committee_id').where('member_id', '=', memberId).orderBy('committee_id').execute()).map((r) => r.committee_id);

describe('members CRUD', () => {
  it('creates, reads, updates and deletes a member with committees', async () => {
    const res = await admin.post('/api/v1/members', {
      name: '王新子', gender: 'female', phone: '13800001111', sectorId: sector.id, townshipId: a.townshipId,
      committeeIds: [committee.id, committee2.id, committee.id], term: '第十一届', title: '县人民医院副院长',
    });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ name: '王新子', gender: 'female', phone: '13800001111', sectorId: sector.id, townshipId: a.townshipId, status: 'active', version: 1 });
    expect([...m.committeeIds].sort()).toEqual([committee.id, committee2.id].sort());
    expect(await committeesOf(m.id)).toEqual([committee.id, committee2.id].sort((x, y) => x - y));

    const got = await admin.get(`/api/v1/members/${m.id}`);
    expect(got.json()).toMatchObject({ id: m.id, name: '王新子' });

    const upd = await admin.patch(`/api/v1/members/${m.id}`, { committeeIds: [committee2.id], status: 'left', version: 1 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ committeeIds: [committee2.id], status: 'left', version: 2, name: '王新子' });
    expect(await committeesOf(m.id)).toEqual([committee2.id]);
    const audit = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.update').where('entity_id', '=', m.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ status: 'active', version: 1 });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ status: 'left' });

    expect((await admin.delete(`/api/v1/members/${m.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/members/${m.id}`)).statusCode).toBe(404);
    expect(await committeesOf(m.id)).toEqual([]);
  });

  it('audits an edit\'s committees on both sides: "before" holds the old committeeIds, "after" the new', async () => {
    const m = (await admin.post('/api/v1/members', { name: '委员甲', term: '第十一届', committeeIds: [committee.id, committee2.id] })).json();
    expect((await admin.patch(`/api/v1/members/${m.id}`, { committeeIds: [committee2.id], version: 1 })).statusCode).toBe(200);
    const audit = await env.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', 'member.update').where('entity_id', '=', m.id).executeTakeFirstOrThrow();
    const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
    expect(sorted(JSON.parse(audit.before_json!).committeeIds)).toEqual(sorted([committee.id, committee2.id]));
    expect(JSON.parse(audit.after_json!).committeeIds).toEqual([committee2.id]);

    // A deletion records the committees the member left.
    expect((await admin.delete(`/api/v1/members/${m.id}`)).statusCode).toBe(200);
    const removed = await env.db.selectFrom('audit_log').select('before_json').where('action', '=', 'member.delete').where('entity_id', '=', m.id).executeTakeFirstOrThrow();
    expect(JSON.parse(removed.before_json!)).toMatchObject({ name: '委员甲', committeeIds: [committee2.id] });
  });

  it('lists only the own county and filters by sector, status and name', async () => {
    const mine = await createMember(env.db, a.id, { name: '筛选委员甲', sectorId: sector2.id });
    const other = await createMember(env.db, a.id, { name: '筛选委员乙', sectorId: sector.id });
    const theirs = await createMember(env.db, b.id, { name: '外县委员' });
    const all = (await admin.get('/api/v1/members?pageSize=500')).json();
    const ids = all.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([mine.id, other.id]));
    expect(ids).not.toContain(theirs.id);
    expect(all.total).toBe(Number((await env.db.selectFrom('members').select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', a.id).executeTakeFirstOrThrow()).n));

    const bySector = (await admin.get(`/api/v1/members?sectorId=${sector2.id}`)).json().items.map((i: { id: number }) => i.id);
    expect(bySector).toEqual([mine.id]);
    const byName = (await admin.get(`/api/v1/members?q=${encodeURIComponent('筛选委员')}`)).json().items.map((i: { name: string }) => i.name).sort();
    expect(byName).toEqual(['筛选委员乙', '筛选委员甲'].sort());
    // LIKE wildcards typed into the search box match only themselves.
    const percent = await createMember(env.db, a.id, { name: '满意率100%' });
    expect((await admin.get('/api/v1/members?q=%25')).json().items.map((i: { id: number }) => i.id)).toEqual([percent.id]);
    expect((await admin.get('/api/v1/members?q=_')).json().items).toEqual([]);
    const left = (await admin.get('/api/v1/members?status=left')).json().items.map((i: { id: number }) => i.id);
    expect(left).not.toContain(mine.id);
    expect((await admin.get(`/api/v1/members/${theirs.id}`)).statusCode).toBe(404);
  });

  it('refuses another county\'s sector, township and committee, naming every field, and stores nothing', async () => {
    const theirSector = await createSector(env.db, b.id);
    const theirCommittee = await createCommittee(env.db, b.id);
    const before = await countRows(env.db, 'members');
    const res = await admin.post('/api/v1/members', {
      name: '越界委员', term: '第十一届', sectorId: theirSector.id, townshipId: b.townshipId, committeeIds: [committee.id, theirCommittee.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { path: 'sectorId', message: '所选界别不存在' },
      { path: 'townshipId', message: '所选乡镇/街道不存在' },
      { path: 'committeeIds.1', message: '所选专委会不存在' },
    ]);
    expect(await countRows(env.db, 'members')).toBe(before);

    // A village is not a township, even in the own county.
    const village = await admin.post('/api/v1/members', { name: '村里委员', term: '第十一届', townshipId: a.villageId });
    expect(village.statusCode).toBe(400);
    expect(village.json().fields[0].path).toBe('townshipId');

    const m = await createMember(env.db, a.id);
    const patch = await admin.patch(`/api/v1/members/${m.id}`, { committeeIds: [theirCommittee.id], version: 1 });
    expect(patch.statusCode).toBe(400);
    expect(await committeesOf(m.id)).toEqual([]);
  });

  it('refuses a stale version with 409 and leaves the member and committees unchanged', async () => {
    const m = await createMember(env.db, a.id, { name: '版本委员' });
    expect((await admin.patch(`/api/v1/members/${m.id}`, { title: '新职务', version: 1 })).statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/members/${m.id}`, { title: '过期职务', committeeIds: [committee.id], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale_version', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(await env.db.selectFrom('members').select(['title', 'version']).where('id', '=', m.id).executeTakeFirst()).toEqual({ title: '新职务', version: 2 });
    expect(await committeesOf(m.id)).toEqual([]);
  });

  it('validates the phone number in Chinese', async () => {
    const res = await admin.post('/api/v1/members', { name: '错号委员', term: '第十一届', phone: '1380000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ path: 'phone', message: '请输入 11 位手机号' }]);
  });

  it('lets staff read members but not change them', async () => {
    const { client: staff } = await clientFor(env, a.id, ['staff']);
    expect((await staff.get('/api/v1/members')).statusCode).toBe(200);
    expect((await staff.post('/api/v1/members', { name: '越权', term: '第十一届' })).statusCode).toBe(403);
  });

  it('shows full phone numbers only to those who manage members', async () => {
    const m = await createMember(env.db, a.id, { name: '号码测试', phone: '13912345678' });
    const { client: staff } = await clientFor(env, a.id, ['staff']);
    const seen = async (c: Client) => {
      const listed = ((await c.get(`/api/v1/members?q=${encodeURIComponent('号码测试')}`)).json() as { items: { id: number; phone: string }[] }).items.find((x) => x.id === m.id);
      const one = (await c.get(`/api/v1/members/${m.id}`)).json() as { phone: string };
      return [listed?.phone, one.phone];
    };
    expect(await seen(staff)).toEqual(['139****5678', '139****5678']);
    expect(await seen(admin)).toEqual(['13912345678', '13912345678']);
  });

  it('exports the own county\'s members with masked phone numbers', async () => {
    const county = await createCounty(env.db);
    const { client } = await clientFor(env, county.id, ['county_admin']);
    await createMember(env.db, county.id, { name: '导出委员', phone: '13912345678' });
    await createMember(env.db, b.id, { name: '外县导出委员' });
    const res = await client.get('/api/v1/members/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows).toEqual([
      ['姓名', '性别', '手机号', '界别', '履职小组（乡镇）', '专委会', '届次', '职务', '状态'],
      ['导出委员', '', '139****5678', '', '', '', '第十一届', '', '在任'],
    ]);
  });

  it('exports text that looks like a formula as text, never as a formula', async () => {
    const county = await createCounty(env.db);
    const { client } = await clientFor(env, county.id, ['county_admin']);
    const evil = '=HYPERLINK("http://evil.example","点我")';
    expect((await client.post('/api/v1/members', { name: '公式委员', term: '第十一届', title: evil })).statusCode).toBe(201);
    const res = await client.get('/api/v1/members/export');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cell = wb.worksheets[0]!.getRow(2).getCell(8);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(evil);
  });
});

describe('members import', () => {
  const HEADER = ['姓名', '性别', '手机号', '界别', '履职小组（乡镇）', '专委会', '届次', '职务'];
  const upload = (client: Client, buf: Buffer) => {
    const { body, headers } = multipartFile(buf);
    return client.request('POST', '/api/v1/members/import', body, headers);
  };

  it('serves the template with the import columns', async () => {
    const res = await admin.get('/api/v1/members/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(2);
  });

  it('imports every row of a good file, with sectors, townships and committees by name', async () => {
    const county = await createCounty(env.db);
    const { client } = await clientFor(env, county.id, ['county_admin']);
    const s = await createSector(env.db, county.id, '农业界');
    const c1 = await createCommittee(env.db, county.id, '提案委员会');
    const c2 = await createCommittee(env.db, county.id, '文史委员会');
    const file = await buildXlsx([
      HEADER,
      ['张一', '男', '13800000001', '农业界', '城关镇', '提案委员会、文史委员会', '第十一届', '种植合作社理事长'],
      ['李二', '女', 13800000002, '', '', '', '第十一届', ''],
      ['', '', '', '', '', '', '', ''],
      ['赵三', '', '', '农业界', '', '文史委员会', '第十一届', null],
    ]);
    const res = await upload(client, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3 });
    const rows = await env.db.selectFrom('members').selectAll().where('tenant_id', '=', county.id).orderBy('id').execute();
    expect(rows.map((r) => [r.name, r.gender, r.phone, r.sector_id, r.township_id, r.term])).toEqual([
      ['张一', 'male', '13800000001', s.id, county.townshipId, '第十一届'],
      ['李二', 'female', '13800000002', null, null, '第十一届'],
      ['赵三', null, null, s.id, null, '第十一届'],
    ]);
    expect(await committeesOf(rows[0]!.id)).toEqual([c1.id, c2.id].sort((x, y) => x - y));
    expect(await committeesOf(rows[2]!.id)).toEqual([c2.id]);
    expect(await env.db.selectFrom('audit_log').select('summary').where('tenant_id', '=', county.id).where('action', '=', 'member.import').execute())
      .toEqual([{ summary: '从 Excel 导入委员 3 名' }]);
  });

  it('refuses a file with bad rows, lists each problem by row number, and imports nothing', async () => {
    const theirSector = await createSector(env.db, b.id, '外县特有界别');
    const before = await countRows(env.db, 'members');
    const file = await buildXlsx([
      HEADER,
      ['好委员', '男', '13800000009', '医药卫生界', '城关镇', '提案委员会', '第十一届', ''],
      ['界别错', '', '', '不存在的界别', '', '', '第十一届', ''],
      ['号码错', '', '1380000', '', '', '', '第十一届', ''],
      ['', '女', '', '', '', '', '第十一届', ''],
      ['外县界别', '', '', theirSector.name, '', '', '第十一届', ''],
      ['性别错', '未知', '', '', '不存在镇', '不存在的委员会', '', ''],
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: string; message: string; fields: { path: string; message: string }[] };
    expect(body.error).toBe('validation_failed');
    expect(body.message).toBe('有 5 行有误，整份文件未导入');
    const byRow = (n: number) => body.fields.filter((f) => f.path === `第 ${n} 行`).map((f) => f.message);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(['界别：界别「不存在的界别」不存在']);
    expect(byRow(4)).toEqual(['手机号：请输入 11 位手机号']);
    expect(byRow(5)).toEqual([expect.stringMatching(/^姓名：/)]);
    expect(byRow(6)).toEqual([`界别：界别「${theirSector.name}」不存在`]);
    expect(byRow(7)).toEqual(expect.arrayContaining([
      '性别：只能填「男」或「女」', '履职小组（乡镇）：乡镇/街道「不存在镇」不存在', '专委会：专委会「不存在的委员会」不存在', expect.stringMatching(/^届次：/),
    ]));
    expect(await countRows(env.db, 'members')).toBe(before);
    expect(await env.db.selectFrom('members').select('id').where('name', '=', '好委员').executeTakeFirst()).toBeUndefined();
  });

  it('says an empty required cell 「不能为空」 by its row and column, and imports nothing', async () => {
    const before = await countRows(env.db, 'members');
    const file = await buildXlsx([
      HEADER,
      ['好委员乙', '男', '', '', '', '', '第十一届', ''],
      ['', '女', '13800000010', '', '', '', '第十一届', '无名委员'],
      ['无届次委员', '', '', '', '', '', '', ''],
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'validation_failed', message: '有 2 行有误，整份文件未导入',
      fields: [{ path: '第 3 行', message: '姓名：不能为空' }, { path: '第 4 行', message: '届次：不能为空' }],
    });
    expect(await countRows(env.db, 'members')).toBe(before);
  });

  it('refuses a file that is not an xlsx, a sheet without the template header, an empty sheet and a non-upload', async () => {
    const before = await countRows(env.db, 'members');
    const notXlsx = await upload(admin, Buffer.from('姓名,届次\n张三,第十一届\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().message).toContain('无法读取文件');

    const noHeader = await upload(admin, await buildXlsx([['名字', '届次'], ['张三', '第十一届']]));
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().fields).toEqual(expect.arrayContaining([{ path: '表头', message: '缺少列「姓名」' }]));

    const empty = await upload(admin, await buildXlsx([HEADER]));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('没有可导入的数据');

    const huge = await upload(admin, Buffer.concat([await buildXlsx([HEADER, ['大文件', '', '', '', '', '', '第十一届', '']]), Buffer.alloc(6 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/[\u4e00-\u9fff]/);

    const json = await admin.post('/api/v1/members/import', { rows: [] });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect(await countRows(env.db, 'members')).toBe(before);
  });

  it('refuses a sheet over the row limit after reading at most one row past it', async () => {
    const rows: (string | null)[][] = [HEADER];
    for (let i = 0; i < 3_000; i++) rows.push([`委员${i}`, '', '', '', '', '', '第十一届', '']);
    const file = await buildXlsx(rows);
    const read: number[] = [];
    const columns = HEADER.map((header, i) => ({ header, key: ['name', 'gender', 'phone', 's', 't', 'c', 'term', 'title'][i]!, example: '' }));
    const err = await parseSheet(file, columns, MemberCreateSchema, { maxRows: 100, onRow: (n) => read.push(n) }).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'validation_failed', message: '一次最多导入 100 行，请分成几个文件导入', fields: [{ path: 'file', message: '超过 100 行' }] });
    // The streaming reader stopped at the first row past the limit: the other 2,899 rows were never parsed.
    expect(read.length).toBeGreaterThan(0);
    expect(Math.max(...read)).toBeLessThanOrEqual(100 + 2);
    expect(read.length).toBeLessThanOrEqual(100 + 2);
  });

  it('refuses a file one row over the limit with the limit named in Chinese, and imports nothing', async () => {
    const before = await countRows(env.db, 'members');
    const rows: (string | null)[][] = [HEADER];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) rows.push([`超限委员${i}`, '', '', '', '', '', '第十一届', '']);
    const res = await upload(admin, await buildXlsx(rows));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation_failed', message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分成几个文件导入` });
    expect(await countRows(env.db, 'members')).toBe(before);
  });

  it('refuses an upload over the import size cap with 413 and the cap in Chinese', async () => {
    const before = await countRows(env.db, 'members');
    const file = Buffer.concat([await buildXlsx([HEADER, ['大文件', '', '', '', '', '', '第十一届', '']]), Buffer.alloc(MAX_IMPORT_BYTES + 1024)]);
    expect(file.length).toBeLessThan(5 * 1024 * 1024);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'payload_too_large', message: `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB` });
    expect(await countRows(env.db, 'members')).toBe(before);
  });

  it('refuses a small file that inflates past the cap (a zip bomb) before exceljs reads it', async () => {
    const before = await countRows(env.db, 'members');
    const zip = await JSZip.loadAsync(await buildXlsx([HEADER, ['炸弹', '', '', '', '', '', '第十一届', '']]));
    // Shared strings nobody uses: exceljs would hold every one of them in memory.
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    const padding = '<si><t>炸</t></si>'.repeat(Math.ceil(MAX_IMPORT_INFLATED_BYTES / 19) + 1);
    zip.file('xl/sharedStrings.xml', strings.replace('</sst>', `${padding}</sst>`));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
    expect(bomb.length).toBeLessThan(MAX_IMPORT_BYTES);
    const res = await upload(admin, bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'validation_failed', message: `文件内容过多（解压后超过 16 MB）；一次最多导入 ${MAX_IMPORT_ROWS} 行，请分成几个文件导入`,
      fields: [{ path: 'file', message: '解压后超过 16 MB' }],
    });
    expect(await countRows(env.db, 'members')).toBe(before);
  });
});
