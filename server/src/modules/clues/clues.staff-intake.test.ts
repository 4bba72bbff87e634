/**
 * 代录: staff enter a hotline call, a letter with its scan, a 12345 referral and a member's report; the channel is
 * recorded, the citizen gets the code and secret by SMS through the outbox and can track with them; permission,
 * other county and bad input change nothing.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createMember, createTestApp, multipartFile, type TestEnv } from '../../test/helper.ts';
import { createClueWorld, uniqueContent, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;
let other: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  other = await createClueWorld(env);
});
afterAll(async () => env.close());

const body = (extra: Record<string, unknown> = {}) => ({
  channel: 'hotline', category: 'roads', content: uniqueContent('来电反映：城关镇东街路灯坏了两周'), townshipId: w.county.townshipId,
  contactName: '王大爷', contactPhone: '13912345678', consent: true, ...extra,
});
const count = async (table: 'clues' | 'outbox' | 'clue_intakes' | 'audit_log') =>
  Number((await env.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('代录', () => {
  it('enters a hotline call with its channel, tells the citizen by SMS, and the citizen can track it', async () => {
    const res = await w.staff.post('/api/v1/clues/intake', body({ receivedAt: new Date(Date.now() - 3_600_000).toISOString() }));
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as { id: number; code: string; secret: string; smsSent: boolean };
    expect(c.smsSent).toBe(true);
    const row = await env.db.selectFrom('clues').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'hotline', state: 'submitted', tenant_id: w.county.id, contact_phone: '13912345678' });
    const sms = await env.db.selectFrom('outbox').selectAll().where('recipient', '=', '13912345678').execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.template).toBe('clue.staff_intake');
    expect(JSON.parse(sms[0]!.payload_json)).toMatchObject({ code: c.code, secret: c.secret, channel: '热线电话' });
    const intake = (await w.staff.get(`/api/v1/clues/${c.id}/intake`)).json() as { intake: Record<string, unknown> };
    expect(intake.intake).toMatchObject({ channel: 'hotline', channelLabel: '热线电话', smsSent: true });
    // The detail and the list name the channel in Chinese.
    expect((await w.staff.get(`/api/v1/clues/${c.id}`)).json()).toMatchObject({ channelLabel: '热线电话' });
    const track = await env.app.inject({ method: 'POST', url: '/api/v1/public/clues/track', payload: { code: c.code, secret: c.secret } });
    expect(track.statusCode, track.body).toBe(200);
    const audit = await env.db.selectFrom('audit_log').selectAll().where('action', '=', 'clue.staff_intake').where('entity_id', '=', c.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('attaches a scanned letter, records a 12345 work order and a member report', async () => {
    const scan = await sharp({ create: { width: 40, height: 60, channels: 3, background: '#eee' } }).png().toBuffer();
    const m = multipartFile(scan, '来信扫描.png');
    const up = await w.staff.request('POST', '/api/v1/clues/intake/files', m.body, m.headers);
    expect(up.statusCode, up.body).toBe(201);
    const { fileId } = up.json() as { fileId: number };
    const letter = await w.staff.post('/api/v1/clues/intake', body({ channel: 'letter', letterFileId: fileId, contactPhone: null, contactName: null, consent: undefined }));
    expect(letter.statusCode, letter.body).toBe(201);
    const letterId = (letter.json() as { id: number }).id;
    expect(((await w.staff.get(`/api/v1/clues/${letterId}/intake`)).json() as { intake: { letterFileId: number; smsSent: boolean } }).intake)
      .toMatchObject({ letterFileId: fileId, smsSent: false });
    expect((await w.staff.get(`/api/v1/clues/files/${fileId}`)).statusCode).toBe(200);
    // The same scan cannot be registered on a second clue.
    const again = await w.staff.post('/api/v1/clues/intake', body({ channel: 'letter', letterFileId: fileId }));
    expect(again.statusCode).toBe(400);

    const noOrder = await w.staff.post('/api/v1/clues/intake', body({ channel: 'referral_12345' }));
    expect(noOrder.statusCode).toBe(400);
    expect(noOrder.json().fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'referenceNo', message: expect.stringMatching(/工单编号/) })]));
    const referral = await w.staff.post('/api/v1/clues/intake', body({ channel: 'referral_12345', referenceNo: 'LY20261204-0012', contactPhone: '13912340001' }));
    expect(referral.statusCode, referral.body).toBe(201);

    const member = await createMember(env.db, w.county.id, { name: '张委员' });
    const report = await w.staff.post('/api/v1/clues/intake', body({ channel: 'member_report', memberId: member.id, contactPhone: '13912340002' }));
    expect(report.statusCode, report.body).toBe(201);
    const rid = (report.json() as { id: number }).id;
    expect(((await w.staff.get(`/api/v1/clues/${rid}/intake`)).json() as { intake: { memberName: string } }).intake.memberName).toBe('张委员');
  });

  it('refuses bad input with every problem in Chinese and writes nothing', async () => {
    const before = await Promise.all([count('clues'), count('outbox'), count('clue_intakes'), count('audit_log')]);
    const res = await w.staff.post('/api/v1/clues/intake', {
      channel: 'fax', category: 'nope', content: '短', townshipId: other.county.townshipId, contactPhone: '123',
    });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().fields as { path: string; message: string }[]);
    expect(paths.map((f) => f.path)).toEqual(expect.arrayContaining(['channel', 'category', 'content', 'contactPhone']));
    for (const f of paths) expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
    // Another county's township and member are "not there".
    const foreign = await createMember(env.db, other.county.id);
    const res2 = await w.staff.post('/api/v1/clues/intake', body({ townshipId: other.county.townshipId, channel: 'member_report', memberId: foreign.id }));
    expect(res2.statusCode).toBe(400);
    expect(res2.json().fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['townshipId', 'memberId']));
    const noConsent = await w.staff.post('/api/v1/clues/intake', body({ consent: false }));
    expect(noConsent.statusCode).toBe(400);
    expect(await Promise.all([count('clues'), count('outbox'), count('clue_intakes'), count('audit_log')])).toEqual(before);
  });

  it('is for staff only, and another county\'s clue intake is a 404', async () => {
    const leader = await clientFor(env, w.county.id, ['leader']);
    expect((await leader.client.post('/api/v1/clues/intake', body())).statusCode).toBe(403);
    expect((await w.handler.post('/api/v1/clues/intake', body())).statusCode).toBe(403);
    const theirs = await other.staff.post('/api/v1/clues/intake', {
      channel: 'visit', category: 'roads', content: uniqueContent('来访反映：桥面开裂'), townshipId: other.county.townshipId,
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect((await w.staff.get(`/api/v1/clues/${(theirs.json() as { id: number }).id}/intake`)).statusCode).toBe(404);
  });
});
