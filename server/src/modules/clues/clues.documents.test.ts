/**
 * The office's Word documents: each .docx is opened and its text and figures checked — the 交办单 names the unit,
 * the deadline and the content in Beijing time; the 催办函 and 答复函 read as letters; the 通报 carries the period's
 * figures and the unit ranking. Refused before their time (409), to other counties (404) and on bad input (400).
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstDate, cstDateTime } from '@xs/core/calendar.ts';
import { clientFor, createTestApp, createUnit, type TestEnv } from '../../test/helper.ts';
import { clueAt, createClueWorld, must, type ClueWorld } from './clues.factory.ts';
import { chineseDate } from './clues.documents.ts';

let env: TestEnv;
let w: ClueWorld;
let other: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  other = await createClueWorld(env);
});
afterAll(async () => env.close());

/** The text of a .docx, paragraph by paragraph (table cells are paragraphs too). */
export async function docxText(buf: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).filter(Boolean)
    .map((t) => t.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
}

const get = (url: string) => w.staff.get(url);

describe('clue documents', () => {
  it('交办单: the unit, the content, Beijing times and the deadline', async () => {
    const c = await clueAt(env, w, 'forwarded', { content: '东街路口的路灯坏了半个月，晚上行人很不安全，请尽快修复（交办单测试）' });
    const row = await env.db.selectFrom('clues').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    const res = await get(`/api/v1/clues/${c.id}/documents/assignment`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`交办单-${c.code}.docx`);
    const text = await docxText(res.rawPayload);
    expect(text[0]).toBe(`${w.county.name}民意线索交办单`);
    expect(text).toContain(`编号：${c.code}`);
    expect(text).toContain(w.unit.name);
    expect(text).toContain(row.content);
    expect(text).toContain(cstDateTime(row.created_at));
    expect(text).toContain(`${chineseDate(row.due_at!)}前`);
    // Contact data never goes into a document.
    expect(text.join('')).not.toMatch(/1[3-9]\d{9}/);
  });

  it('交办单 of a richer 转办: urgency, 交办意见 and each co-unit with its date', async () => {
    const coUnit = await createUnit(env.db, w.county.id);
    const c = await clueAt(env, w, 'accepted', { content: '河堤护栏缺失，孩子放学经过很危险，请尽快加装（交办单会办测试）' });
    await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id, urgency: 'urgent', forwardNote: '请会同水利局三日内现场核查', coUnitIds: [coUnit.id] });
    const text = await docxText((await get(`/api/v1/clues/${c.id}/documents/assignment`)).rawPayload);
    const co = await env.db.selectFrom('clue_counits').select('due_at').where('clue_id', '=', c.id).executeTakeFirstOrThrow();
    expect(text).toEqual(expect.arrayContaining(['紧急程度', '紧急', '交办意见', '请会同水利局三日内现场核查', '会办单位', `${coUnit.name}（${chineseDate(co.due_at!)}前提出会办意见）`]));
    expect(text.join('')).toContain('会办单位请在期限内向主办单位提出会办意见');
    // An ordinary forwarding: 一般, no co-units, the standard words.
    const plain = await docxText((await get(`/api/v1/clues/${(await clueAt(env, w, 'forwarded')).id}/documents/assignment`)).rawPayload);
    expect(plain).toEqual(expect.arrayContaining(['紧急程度', '一般', '会办单位', '无', '请按职责认真调查核实，依法依规办理，并在办理期限内答复。']));
  });

  it('催办函 and 答复函 read as letters', async () => {
    const f = await clueAt(env, w, 'forwarded', { content: '小区电动车只能飞线充电，很不安全，建议增设充电桩（催办测试）' });
    const urge = await docxText((await get(`/api/v1/clues/${f.id}/documents/urge`)).rawPayload);
    expect(urge[0]).toBe('关于督促办理民意线索的函');
    expect(urge).toContain(`${w.unit.name}：`);
    expect(urge.join('')).toContain('“小区电动车只能飞线充电”问题');
    expect(urge.join('')).toMatch(/距办理期限还有\d+个工作日/);

    const r = await clueAt(env, w, 'replied', { content: '村口的自来水浑浊发黄，已经一个星期了（答复测试）' });
    const reply = await docxText((await get(`/api/v1/clues/${r.id}/documents/reply`)).rawPayload);
    expect(reply[0]).toBe('关于“村口的自来水浑浊发黄”问题的答复');
    expect(reply.join('')).toContain('已安排维修人员更换灯泡，现已恢复照明。');
    expect(reply.join('')).toContain(`查询码${r.code}`);
  });

  it('refuses a document before its time, and another county\'s clue is not there', async () => {
    const s = await clueAt(env, w, 'submitted');
    const early = await get(`/api/v1/clues/${s.id}/documents/assignment`);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/还没有转办/);
    expect((await get(`/api/v1/clues/${s.id}/documents/reply`)).statusCode).toBe(409);
    const theirs = await clueAt(env, other, 'forwarded');
    expect((await get(`/api/v1/clues/${theirs.id}/documents/assignment`)).statusCode).toBe(404);
    expect((await w.handler.get(`/api/v1/clues/${s.id}/documents/assignment`)).statusCode).toBe(403);
  });
});

describe('办理情况通报', () => {
  it('is written from the period\'s figures with the units ranked', async () => {
    const today = cstDate(new Date());
    const [year, month] = today.split('-').map(Number) as [number, number];
    const res = await get(`/api/v1/clues/reports/bulletin?period=month&year=${year}&n=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxText(res.rawPayload);
    const all = text.join('\n');
    const stats = (await get(`/api/v1/clues/stats?from=${year}-${String(month).padStart(2, '0')}-01&to=${today}`)).json() as { funnel: { received: number; resolved: number } };
    expect(all).toContain(`${year}年${month}月`);
    expect(all).toContain(`共收到群众反映${stats.funnel.received}条`);
    expect(all).toContain(`办结${stats.funnel.resolved}条`);
    expect(text).toContain(w.unit.name);
    expect(text).toEqual(expect.arrayContaining(['排名', '承办单位', '按期办结率', '满意率']));
    const quarter = await get(`/api/v1/clues/reports/bulletin?period=quarter&year=${year}&n=${Math.ceil(month / 3)}`);
    expect((await docxText(quarter.rawPayload)).join('')).toContain(`第${'一二三四'[Math.ceil(month / 3) - 1]}季度`);
  });

  it('refuses a bad period in Chinese and is closed to units', async () => {
    const bad = await get('/api/v1/clues/reports/bulletin?period=week&year=1999&n=13');
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().fields as { path: string; message: string }[]).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['period', 'year', 'n']));
    expect((await get('/api/v1/clues/reports/bulletin?period=quarter&year=2026&n=5')).statusCode).toBe(400);
    const leader = (await clientFor(env, w.county.id, ['leader'])).client;
    expect((await leader.get('/api/v1/clues/reports/bulletin?period=month&year=2026&n=1')).statusCode).toBe(200);
    expect((await w.handler.get('/api/v1/clues/reports/bulletin?period=month&year=2026&n=1')).statusCode).toBe(403);
  });
});
