/**
 * A citizen who lost the tracking secret gets back in by an SMS code to the phone they left (through the outbox,
 * limited per clue and day, five tries, used once, the old secret replaced); a wrong phone or code learns nothing.
 * And the public board's search and filters read only what is published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTownship, type TestEnv } from '../../test/helper.ts';
import { clueAt, createClueWorld, publicPost, submitClue, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

const PHONE = '13955550001';
const smsCodes = async () => (await env.db.selectFrom('outbox').selectAll().where('recipient', '=', PHONE).where('template', '=', 'clue.recovery_code').orderBy('id').execute())
  .map((m) => JSON.parse(m.payload_json) as { digits: string; code: string });

describe('recovering a lost secret', () => {
  it('sends a code to the phone left with the clue, and a right code gives a new secret that tracks', async () => {
    const c = await submitClue(env, w.county, { contactPhone: PHONE, contactName: '李女士', consent: true });
    const res = await publicPost(env, '/clues/recover/request', { code: c.code, phone: PHONE });
    expect(res.statusCode, res.body).toBe(200);
    const [sms] = await smsCodes();
    expect(sms).toMatchObject({ code: c.code, digits: expect.stringMatching(/^\d{6}$/) });

    const wrongTry = await publicPost(env, '/clues/recover/verify', { code: c.code, phone: PHONE, smsCode: sms!.digits === '000000' ? '111111' : '000000' });
    expect(wrongTry.statusCode).toBe(400);
    expect(wrongTry.json().message).toMatch(/验证码不正确/);
    const ok = await publicPost(env, '/clues/recover/verify', { code: c.code, phone: PHONE, smsCode: sms!.digits });
    expect(ok.statusCode, ok.body).toBe(200);
    const { secret } = ok.json() as { secret: string };
    expect(secret).toMatch(/^[0-9A-Z]{8}$/);
    expect((await publicPost(env, '/clues/track', { code: c.code, secret })).statusCode).toBe(200);
    // The lost secret no longer works, and the code is used once.
    expect((await publicPost(env, '/clues/track', { code: c.code, secret: c.secret })).statusCode).toBe(404);
    expect((await publicPost(env, '/clues/recover/verify', { code: c.code, phone: PHONE, smsCode: sms!.digits })).statusCode).toBe(400);
  });

  it('answers a wrong phone or an unknown code the same, sending nothing', async () => {
    const c = await submitClue(env, w.county, { contactPhone: '13955550002', consent: true });
    const before = Number((await env.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const wrongPhone = await publicPost(env, '/clues/recover/request', { code: c.code, phone: '13955550009' });
    const noCode = await publicPost(env, '/clues/recover/request', { code: 'ZZZZZZZZZZ', phone: '13955550002' });
    expect(wrongPhone.statusCode).toBe(200);
    expect(noCode.json()).toEqual(wrongPhone.json());
    expect(Number((await env.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
    const bad = await publicPost(env, '/clues/recover/request', { code: '短', phone: '123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: { path: string }) => f.path).sort()).toEqual(['code', 'phone']);
  });

  it('sends at most the county\'s daily number of codes, and a code takes five wrong tries', async () => {
    const phone = '13955550003';
    const c = await submitClue(env, w.county, { contactPhone: phone, consent: true });
    for (let i = 0; i < 3; i++) expect((await publicPost(env, '/clues/recover/request', { code: c.code, phone })).statusCode).toBe(200);
    const fourth = await publicPost(env, '/clues/recover/request', { code: c.code, phone });
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().message).toMatch(/明天再试/);
    const sent = await env.db.selectFrom('outbox').selectAll().where('recipient', '=', phone).orderBy('id', 'desc').execute();
    expect(sent).toHaveLength(3);
    const digits = (JSON.parse(sent[0]!.payload_json) as { digits: string }).digits;
    const wrong = digits === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await publicPost(env, '/clues/recover/verify', { code: c.code, phone, smsCode: wrong })).statusCode).toBe(400);
    // The sixth try is refused even with the right code.
    expect((await publicPost(env, '/clues/recover/verify', { code: c.code, phone, smsCode: digits })).statusCode).toBe(400);
  });
});

describe('public board search and filters', () => {
  it('finds published clues by words of the summary, category and township, never by the private text', async () => {
    const other = await createTownship(env.db, w.county.id, '德亭镇');
    const a = await clueAt(env, w, 'closed', { category: 'roads', content: '东街路灯坏了很久，王秘密先生反映（公开测试）' });
    const b = await clueAt(env, w, 'closed', { category: 'environment', townshipId: other.id, content: '河道垃圾堆积发臭（公开测试）' });
    await must(a.id, '东街路灯已修复');
    await must(b.id, '河道垃圾已清理');
    const board = async (qs: string) => (await env.app.inject({ method: 'GET', url: `/api/v1/public/counties/${w.county.id}/board?${qs}` })).json() as { items: { summary: string }[]; total: number };
    expect((await board('q=路灯')).items.map((i) => i.summary)).toEqual(['东街路灯已修复']);
    expect((await board('category=environment')).items.map((i) => i.summary)).toEqual(['河道垃圾已清理']);
    expect((await board(`townshipId=${other.id}`)).items.map((i) => i.summary)).toEqual(['河道垃圾已清理']);
    expect((await board('q=王秘密')).total).toBe(0);
    const bad = await env.app.inject({ method: 'GET', url: `/api/v1/public/counties/${w.county.id}/board?category=nope` });
    expect(bad.statusCode).toBe(400);
  });
});

async function must(id: number, summary: string) {
  const res = await w.staff.post(`/api/v1/clues/${id}/publish`, { summary, publish: true });
  expect(res.statusCode, res.body).toBe(200);
}
