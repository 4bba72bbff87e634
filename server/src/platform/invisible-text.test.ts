/**
 * Bidi controls and zero-width characters never reach the database: the shared text schema strips them on
 * every route (public, staff, admin, Excel import), and the duplicate check sees the stripped text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripInvisible, text } from '@xs/core/validation.ts';
import { buildXlsx, clientFor, multipartFile, readXlsx, createTestApp, type TestEnv } from '../test/helper.ts';
import { clueBody, countClues, createClueWorld, must, postClue, submitClue, uniqueContent, type ClueWorld } from '../modules/clues/clues.factory.ts';

/** Every character the normaliser removes, one of each. */
const INVISIBLES = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F',
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u061C'];
const ANY_INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

/** `s` with an invisible character after every visible one, cycling through all of them. */
const sprinkle = (s: string) => [...s].map((ch, i) => ch + INVISIBLES[i % INVISIBLES.length]).join('');

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

describe('the shared text schema', () => {
  it('removes each bidi control and zero-width character, and keeps everything else', () => {
    for (const ch of INVISIBLES) expect(text(50).parse(`路灯${ch}不亮`), `U+${ch.codePointAt(0)!.toString(16)}`).toBe('路灯不亮');
    expect(stripInvisible('\uFEFF 东街\u202E路口 ')).toBe(' 东街路口 ');
    // A text of only invisible characters is empty, and says so once.
    const r = text(50).safeParse('\u200B\u202E\uFEFF');
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['不能为空']);
    // Ordinary punctuation, emoji and CJK stay.
    expect(text(50).parse('路灯不亮！😀（东街）')).toBe('路灯不亮！😀（东街）');
  });
});

describe('a clue written with invisible characters', () => {
  it('is stored, listed and exported without them', async () => {
    const content = uniqueContent('东街路口的路灯不亮已经两个星期了');
    const res = await postClue(env, w.county.id, clueBody(w.county, { content: sprinkle(content), place: '\u202E东街路口\u200B', contactName: '\uFEFF王\u200D五', consent: true }));
    expect(res.statusCode, res.body).toBe(201);
    const row = await env.db.selectFrom('clues').selectAll().where('code', '=', res.json().code).executeTakeFirstOrThrow();
    expect(row.content).toBe(content);
    expect(row).toMatchObject({ place: '东街路口', contact_name: '王五' });
    const sheet = await w.staff.get('/api/v1/clues/export');
    expect(sheet.statusCode).toBe(200);
    const cells = (await readXlsx(sheet.rawPayload)).flat();
    expect(cells).toContain(content);
    expect(cells.filter((c) => ANY_INVISIBLE.test(c))).toEqual([]);
  });

  it('is refused as a duplicate of the same text without them (and the other way round)', async () => {
    for (const [first, second] of [[(s: string) => s, sprinkle], [sprinkle, (s: string) => s]] as const) {
      const content = uniqueContent();
      const before = await countClues(env);
      expect((await postClue(env, w.county.id, clueBody(w.county, { content: first(content) }))).statusCode).toBe(201);
      const again = await postClue(env, w.county.id, clueBody(w.county, { content: second(content) }));
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().error).toBe('conflict');
      expect(await countClues(env)).toBe(before + 1);
    }
  });
});

describe('staff and admin text', () => {
  it('strips them from a staff reason and a unit reply', async () => {
    const c = await submitClue(env, w.county);
    await must(env, w.staff, c.id, 'request_info', { reason: '请说明\u202E具体位置\u200B' });
    const ev = await env.db.selectFrom('case_events').select('note').where('case_id', '=', c.id).where('transition', '=', 'request_info').executeTakeFirstOrThrow();
    expect(ev.note).toBe('请说明具体位置');
  });

  it('strips them from an admin form and from Excel import cells', async () => {
    const { client } = await clientFor(env, w.county.id, ['county_admin']);
    const sector = await client.post('/api/v1/orgs/sectors', { name: '\u202E农业\u200B界' });
    expect(sector.statusCode, sector.body).toBe(201);
    expect(await env.db.selectFrom('sectors').select('name').where('id', '=', sector.json().id).executeTakeFirstOrThrow()).toEqual({ name: '农业界' });

    const file = await buildXlsx([
      ['姓名', '性别', '手机号', '界别', '履职小组（乡镇）', '专委会', '届次', '职务'],
      ['\uFEFF张\u200B一', '男', '', '', '', '', '第十一届\u2066', '\u202E理事长'],
    ]);
    const { body, headers } = multipartFile(file);
    const res = await client.request('POST', '/api/v1/members/import', body, headers);
    expect(res.statusCode, res.body).toBe(200);
    const m = await env.db.selectFrom('members').select(['name', 'term', 'title']).where('tenant_id', '=', w.county.id).where('name', 'like', '张%').executeTakeFirstOrThrow();
    expect(m).toEqual({ name: '张一', term: '第十一届', title: '理事长' });
  });
});
