/**
 * The citizen endpoints under abuse: repeated text, one phone flooding, one address flooding, code
 * guessing, and photos (location stripped unless kept, types by content, size, count, reuse, consent).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { readFile } from '../../platform/files.ts';
import { clientFor, createCounty, createTestApp, nextAddress, setSetting, type TestEnv } from '../../test/helper.ts';
import {
  CHINESE, clueBody, countClues, createClueWorld, postClue, publicPost, submitClue, type ClueWorld,
} from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => env.close());

const countFiles = async () => Number((await env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A multipart body: the file under `photo` and any plain fields. */
function multipart(file: Buffer, filename: string, fields: Record<string, string> = {}, contentType = 'image/jpeg', field = 'photo') {
  const boundary = `----xs${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return {
    payload: Buffer.concat([...parts, head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(countyId: number, file: Buffer, filename = 'photo.jpg', fields: Record<string, string> = {}, contentType?: string) {
  const m = multipart(file, filename, fields, contentType);
  return env.app.inject({ method: 'POST', url: `/api/v1/public/counties/${countyId}/uploads`, payload: m.payload, headers: m.headers, remoteAddress: nextAddress() });
}

const GPS = { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '112/1 27/1 0/1' } };
const base = () => sharp({ create: { width: 20, height: 20, channels: 3, background: '#f00' } });

/** Whether an EXIF block holds a pointer to a GPS IFD (tag 0x8825, in either byte order). */
function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  return exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));
}

async function storedBytes(token: string): Promise<Buffer> {
  const up = await env.db.selectFrom('clue_uploads').selectAll().where('token', '=', token).executeTakeFirstOrThrow();
  return (await readFile(env.db, env.app.config.dataDir, up.tenant_id, up.file_id)).data;
}

describe('repeated and flooding submissions', () => {
  it('refuses the same text twice within the window (despite spacing and punctuation) with 409, storing one row', async () => {
    const body = clueBody(w.county);
    const before = await countClues(env);
    expect((await postClue(env, w.county.id, body)).statusCode).toBe(201);
    const again = await postClue(env, w.county.id, { ...body, content: ` ${String(body.content).replaceAll('，', ' , ')}！！` });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'conflict', message: expect.stringMatching(CHINESE) });
    expect(await countClues(env)).toBe(before + 1);
    // The window is a county rule: once it has passed, the same text is a new report.
    await env.db.updateTable('clues').set({ created_at: new Date(Date.now() - 11 * 60_000).toISOString() }).where('content', '=', body.content as string).execute();
    expect((await postClue(env, w.county.id, body)).statusCode).toBe(201);
    expect(await countClues(env)).toBe(before + 2);
  });

  it('stores one row when the same text arrives twice at the same moment (a double tap)', async () => {
    for (let round = 0; round < 3; round++) {
      const body = clueBody(w.county);
      const before = await countClues(env);
      const answers = await Promise.all([0, 1, 2].map(() => postClue(env, w.county.id, body)));
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
      expect(await countClues(env)).toBe(before + 1);
    }
  });

  it('takes the same text in another township as a different report', async () => {
    const body = clueBody(w.county);
    expect((await postClue(env, w.county.id, body)).statusCode).toBe(201);
    const town2 = await env.db.insertInto('orgs').values({ parent_id: w.county.id, tenant_id: w.county.id, kind: 'township', name: '河西镇', code: null, sort: 2, created_at: new Date().toISOString(), version: 1 })
      .returning('id').executeTakeFirstOrThrow();
    expect((await postClue(env, w.county.id, { ...body, townshipId: town2.id })).statusCode).toBe(201);
  });

  it('limits one phone to the county\'s daily maximum with 429', async () => {
    const county = await createCounty(env.db);
    await setSetting(env.db, county.id, 'clue.maxPerPhonePerDay', 2);
    const phone = '13511112222';
    for (let i = 0; i < 2; i++) await submitClue(env, county, { contactPhone: phone, consent: true });
    const before = await countClues(env);
    const third = await postClue(env, county.id, clueBody(county, { contactPhone: phone, consent: true }));
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ error: 'rate_limited', message: expect.stringContaining('2') });
    expect(third.json().message).toMatch(CHINESE);
    expect(await countClues(env)).toBe(before);
    // Nor at the same moment: of four different texts from a fresh phone, two are taken.
    const burst = await Promise.all([0, 1, 2, 3].map(() => postClue(env, county.id, clueBody(county, { contactPhone: '13511114444', consent: true }))));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([201, 201, 429, 429]);
    expect(await env.db.selectFrom('clues').select('id').where('contact_phone', '=', '13511114444').execute()).toHaveLength(2);
    // Another phone, or no phone, is not held back.
    await submitClue(env, county, { contactPhone: '13511113333', consent: true });
    await submitClue(env, county);
    // A day later the phone may report again.
    await env.db.updateTable('clues').set({ created_at: new Date(Date.now() - 25 * 3600_000).toISOString() }).where('contact_phone', '=', phone).execute();
    await submitClue(env, county, { contactPhone: phone, consent: true });
  });

  it('limits one address to the configured rate with 429, leaving other addresses alone', async () => {
    // The deployment's proxy is on this host and the operator said so (TRUST_PROXY=loopback); nothing else is trusted.
    const limited = await createTestApp({ publicRateLimit: { max: 3, windowMs: 60_000 }, trustProxy: 'loopback' });
    try {
      const county = await createCounty(limited.db);
      const ip = '203.0.113.9';
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await postClue(limited, county.id, clueBody(county), ip)).statusCode);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const refused = await postClue(limited, county.id, clueBody(county), ip);
      expect(refused.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(CHINESE) });
      expect(await limited.db.selectFrom('clues').select('id').execute()).toHaveLength(3);
      // Tracking is limited too (guessing codes from one address).
      const track = [];
      for (let i = 0; i < 4; i++) {
        track.push((await limited.app.inject({ method: 'POST', url: '/api/v1/public/clues/track', payload: { code: 'ZZZZZZZZZZ', secret: '1234' }, remoteAddress: ip })).statusCode);
      }
      expect(track).toEqual([404, 404, 404, 429]);
      expect((await postClue(limited, county.id, clueBody(county), '203.0.113.10')).statusCode).toBe(201);

      // A client on the internet cannot dodge the limit by naming another address in X-Forwarded-For…
      const spoofed = [];
      for (let i = 0; i < 4; i++) {
        spoofed.push((await limited.app.inject({ method: 'POST', url: `/api/v1/public/counties/${county.id}/clues`, payload: clueBody(county),
          remoteAddress: '198.51.100.20', headers: { 'x-forwarded-for': `192.0.2.${i}` } })).statusCode);
      }
      expect(spoofed).toEqual([201, 201, 201, 429]);
      // …while behind a proxy of the deployment each citizen it forwards counts on their own.
      const proxied = [];
      for (let i = 0; i < 4; i++) {
        proxied.push((await limited.app.inject({ method: 'POST', url: `/api/v1/public/counties/${county.id}/clues`, payload: clueBody(county),
          remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': `192.0.2.${50 + i}` } })).statusCode);
      }
      expect(proxied).toEqual([201, 201, 201, 201]);
    } finally {
      await limited.close();
    }
  });
});

describe('tracking', () => {
  it('answers a wrong secret and an unknown code with the same 404', async () => {
    const c = await submitClue(env, w.county, { contactPhone: '13600004321', consent: true });
    const answers = await Promise.all([
      publicPost(env, '/clues/track', { code: c.code, secret: c.secret === 'ABCDEFGH' ? 'ABCDEFGJ' : 'ABCDEFGH' }),
      publicPost(env, '/clues/track', { code: c.code, secret: '1234' }),
      publicPost(env, '/clues/track', { code: 'ZZZZZZZZZZ', secret: c.secret }),
      publicPost(env, '/clues/track', { code: 'ZZZZZZZZZZ', secret: '4321' }),
    ]);
    for (const a of answers) {
      expect(a.statusCode).toBe(404);
      expect(a.json()).toEqual(answers[0]!.json());
    }
    expect(answers[0]!.json().message).toMatch(CHINESE);
    // The right ones work, and the secret is not case-sensitive.
    expect((await publicPost(env, '/clues/track', { code: c.code, secret: c.secret.toLowerCase() })).statusCode).toBe(200);
    expect((await publicPost(env, '/clues/track', { code: c.code, secret: '4321' })).statusCode).toBe(200);
    // Rating with a wrong secret changes nothing.
    expect((await publicPost(env, '/clues/rate', { code: c.code, secret: '1111', rating: 'satisfied' })).statusCode).toBe(404);
  });

  it('stops guessing one code after 10 wrong secrets in an hour, even from many addresses', async () => {
    const c = await submitClue(env, w.county, { contactPhone: '13600009876', consent: true });
    for (let i = 0; i < 10; i++) {
      expect((await publicPost(env, '/clues/track', { code: c.code, secret: String(1000 + i) })).statusCode).toBe(404);
    }
    // Now even the right last four digits are refused for this code, while other codes still work.
    const blocked = await publicPost(env, '/clues/track', { code: c.code, secret: '9876' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(CHINESE);
    const other = await submitClue(env, w.county, { contactPhone: '13600005555', consent: true });
    expect((await publicPost(env, '/clues/track', { code: other.code, secret: '5555' })).statusCode).toBe(200);
  });

  it('does not accept the phone digits when the citizen left no phone', async () => {
    const c = await submitClue(env, w.county);
    expect((await publicPost(env, '/clues/track', { code: c.code, secret: '0000' })).statusCode).toBe(404);
  });
});

describe('photos', () => {
  it('strips EXIF location from a JPEG, and keeps it when the citizen asks', async () => {
    const jpeg = await base().jpeg().withExif(GPS).toBuffer();
    const meta = await sharp(jpeg).metadata();
    expect(hasGpsIfd(meta.exif)).toBe(true);

    const res = await upload(w.county.id, jpeg);
    expect(res.statusCode).toBe(201);
    const { token, mime } = res.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(mime).toBe('image/jpeg');
    const stripped = await sharp(await storedBytes(token)).metadata();
    expect(stripped.format).toBe('jpeg');
    expect(stripped.exif).toBeUndefined();

    const kept = await upload(w.county.id, jpeg, 'photo.jpg', { keepLocation: '1' });
    expect(kept.statusCode).toBe(201);
    expect(hasGpsIfd((await sharp(await storedBytes(kept.json().token)).metadata()).exif)).toBe(true);
  });

  it('strips EXIF location from a PNG, and links the photo to the clue for staff', async () => {
    const png = await base().png().withExif(GPS).toBuffer();
    expect(hasGpsIfd((await sharp(png).metadata()).exif)).toBe(true);
    const res = await upload(w.county.id, png, 'IMG_0001.png', {}, 'image/png');
    expect(res.statusCode).toBe(201);
    expect(res.json().mime).toBe('image/png');
    const c = await submitClue(env, w.county, { photoTokens: [res.json().token] });
    const detail = (await w.staff.get(`/api/v1/clues/${c.id}`)).json();
    expect(detail.photos).toHaveLength(1);
    const file = await w.staff.get(detail.photos[0].url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    const meta = await sharp(file.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 20, height: 20 });
    expect(meta.exif).toBeUndefined();
    // Another county's staff cannot fetch it.
    const stranger = await clientFor(env, (await createCounty(env.db)).id, ['staff']);
    expect((await stranger.client.get(detail.photos[0].url)).statusCode).toBe(404);
  });

  it('refuses a text file named .jpg with 415, a Chinese reason and no file row', async () => {
    const before = await countFiles();
    const res = await upload(w.county.id, Buffer.from('这不是一张照片，只是一段文字。\n'.repeat(20)), 'photo.jpg', {}, 'image/jpeg');
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ error: 'unsupported_media_type', message: expect.stringMatching(CHINESE) });
    expect(await countFiles()).toBe(before);
    const empty = await upload(w.county.id, Buffer.alloc(0), 'photo.jpg');
    expect(empty.statusCode).toBe(400);
    expect(await countFiles()).toBe(before);
  });

  it('refuses a 9 MB upload with 413 and stores nothing', async () => {
    const before = await countFiles();
    const uploadsBefore = await env.db.selectFrom('clue_uploads').select('token').execute();
    const big = Buffer.concat([await base().jpeg().toBuffer(), randomBytes(9 * 1024 * 1024)]);
    const res = await upload(w.county.id, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toMatch(CHINESE);
    expect(await countFiles()).toBe(before);
    expect(await env.db.selectFrom('clue_uploads').select('token').execute()).toEqual(uploadsBefore);
  });

  it('takes at most 6 photos, each token once, and only the county\'s own', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await upload(w.county.id, await base().png().toBuffer(), `p${i}.png`, {}, 'image/png');
      tokens.push(res.json().token);
    }
    const before = await countClues(env);
    const seven = await postClue(env, w.county.id, clueBody(w.county, { photoTokens: tokens }));
    expect(seven.statusCode).toBe(400);
    expect(seven.json().fields).toEqual([expect.objectContaining({ path: 'photoTokens', message: expect.stringContaining('6') })]);
    expect(await countClues(env)).toBe(before);

    const c = await submitClue(env, w.county, { photoTokens: tokens.slice(0, 6) });
    expect(await env.db.selectFrom('clue_files').select('file_id').where('clue_id', '=', c.id).execute()).toHaveLength(6);

    const reused = await postClue(env, w.county.id, clueBody(w.county, { photoTokens: [tokens[0]] }));
    expect(reused.statusCode).toBe(400);
    expect(reused.json().fields).toEqual([expect.objectContaining({ path: 'photoTokens' })]);
    const elsewhere = await createCounty(env.db);
    const foreign = await postClue(env, elsewhere.id, clueBody(elsewhere, { photoTokens: [tokens[6]] }));
    expect(foreign.statusCode).toBe(400);
    expect(await countClues(env)).toBe(before + 1);
    // The unused seventh token still works in its own county.
    await submitClue(env, w.county, { photoTokens: [tokens[6]] });
  });
});

describe('consent', () => {
  it('requires consent when a name or phone is given, naming consent', async () => {
    const before = await countClues(env);
    for (const extra of [{ contactName: '王五' }, { contactPhone: '13912345678' }, { contactPhone: '13912345678', consent: false }]) {
      const res = await postClue(env, w.county.id, clueBody(w.county, extra));
      expect(res.statusCode).toBe(400);
      expect(res.json().fields).toEqual([expect.objectContaining({ path: 'consent', message: expect.stringMatching(CHINESE) })]);
    }
    expect(await countClues(env)).toBe(before);
    const anonymous = await submitClue(env, w.county, { contactName: '', contactPhone: '' });
    const row = await env.db.selectFrom('clues').selectAll().where('id', '=', anonymous.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ contact_name: null, contact_phone: null, consent_at: null });
  });

  it('serves the form with the consent text and the county\'s own places only', async () => {
    const res = await env.app.inject({ url: `/api/v1/public/counties/${w.county.id}/form` });
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form.consentText).toMatch(/姓名.*手机号/);
    expect(form.townships.map((t: { id: number }) => t.id)).toContain(w.county.townshipId);
    expect(form.townships.find((t: { id: number }) => t.id === w.county.townshipId).villages).toEqual([{ id: w.county.villageId, name: '东街村' }]);
    expect(form.categories).toContainEqual({ value: 'roads', label: '道路设施' });
    expect((await env.app.inject({ url: `/api/v1/public/counties/${w.county.townshipId}/form` })).statusCode).toBe(404);
  });
});
