/**
 * 码上议 QR codes and posters: the QR opens the public report form for the county and the venue (or
 * member studio); the poster is an A4 PNG at 150 dpi and a PDF; other counties' venues do not exist.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { clientFor, createCounty, createMember, createTestApp, createVenue, type Client, type TestEnv } from '../../test/helper.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let other: Awaited<ReturnType<typeof createCounty>>;
let staff: Client;
let venue: { id: number; name: string };
let theirVenue: { id: number; name: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HOST = 'xs.example.cn';

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  other = await createCounty(env.db);
  staff = (await clientFor(env, county.id, ['staff'])).client;
  venue = await createVenue(env.db, county.id, '城关镇委员会客厅');
  await env.db.updateTable('venues').set({ township_id: county.townshipId, theme: '老旧小区改造' }).where('id', '=', venue.id).execute();
  theirVenue = await createVenue(env.db, other.id);
});
afterAll(async () => env.close());
afterEach(() => {
  delete process.env.PUBLIC_URL;
});

const get = (url: string) => staff.request('GET', url, undefined, { host: HOST });

/** The pixels of a PNG, to compare two QR images by what they show rather than by their bytes. */
async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function expectQrOf(png: Buffer, url: string) {
  const expected = await QRCode.toBuffer(url, { width: 600, margin: 2, errorCorrectionLevel: 'M' });
  const [got, want] = await Promise.all([pixels(png), pixels(expected)]);
  expect({ width: got.width, height: got.height }).toEqual({ width: want.width, height: want.height });
  expect(got.data.equals(want.data)).toBe(true);
}

describe('venue QR and posters', () => {
  it('serves a QR PNG that opens the report form for this county and venue', async () => {
    const res = await get(`/api/v1/orgs/venues/${venue.id}/qr.png`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    await expectQrOf(res.rawPayload, `http://${HOST}/h5/report?c=${county.id}&v=${venue.id}`);
    // Not the QR of another venue.
    const expectedOther = await QRCode.toBuffer(`http://${HOST}/h5/report?c=${county.id}&v=${venue.id + 1}`, { width: 600, margin: 2, errorCorrectionLevel: 'M' });
    expect((await pixels(res.rawPayload)).data.equals((await pixels(expectedOther)).data)).toBe(false);
  });

  it('uses PUBLIC_URL as the origin behind a proxy', async () => {
    process.env.PUBLIC_URL = 'https://zx.example.gov.cn/';
    const res = await get(`/api/v1/orgs/venues/${venue.id}/qr.png`);
    await expectQrOf(res.rawPayload, `https://zx.example.gov.cn/h5/report?c=${county.id}&v=${venue.id}`);
  });

  it('renders an A4 poster PNG of 1240 × 1754', async () => {
    const res = await get(`/api/v1/orgs/venues/${venue.id}/poster.png`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('城关镇委员会客厅'));
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1240, height: 1754 });
    // The QR sits in the middle of the page: dark modules there, white paper at the margins.
    const { data, width } = await pixels(res.rawPayload);
    const at = (x: number, y: number) => data[y * width + x]!;
    const qrArea = Array.from({ length: 700 }, (_, i) => at(270 + i, 560 + i));
    expect(qrArea.some((v) => v < 64)).toBe(true);
    expect(at(5, 1740)).toBeGreaterThan(240);
  });

  it('wraps the poster in an A4 PDF', async () => {
    const res = await get(`/api/v1/orgs/venues/${venue.id}/poster.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = res.rawPayload.toString('latin1');
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toContain('/Subtype /Image');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('answers 404 for another county\'s venue, and 400 for an unknown format', async () => {
    for (const path of ['qr.png', 'poster.png', 'poster.pdf']) {
      const res = await get(`/api/v1/orgs/venues/${theirVenue.id}/${path}`);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).not.toContain(theirVenue.name);
    }
    expect((await get(`/api/v1/orgs/venues/${venue.id}/poster.svg`)).statusCode).toBe(400);
    expect((await env.app.inject({ url: `/api/v1/orgs/venues/${venue.id}/qr.png` })).statusCode).toBe(401);
  });
});

describe('member studio QR and posters', () => {
  it('opens the form for the member, in the member\'s county only', async () => {
    const member = await createMember(env.db, county.id, { name: '周建国', townshipId: county.townshipId });
    const theirs = await createMember(env.db, other.id);
    const qr = await get(`/api/v1/members/${member.id}/qr.png`);
    expect(qr.statusCode).toBe(200);
    await expectQrOf(qr.rawPayload, `http://${HOST}/h5/report?c=${county.id}&m=${member.id}`);
    const poster = await get(`/api/v1/members/${member.id}/poster.png`);
    expect(await sharp(poster.rawPayload).metadata()).toMatchObject({ width: 1240, height: 1754 });
    expect(poster.headers['content-disposition']).toContain(encodeURIComponent('周建国委员工作室'));
    expect((await get(`/api/v1/members/${member.id}/poster.pdf`)).rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const path of ['qr.png', 'poster.png', 'poster.pdf']) expect((await get(`/api/v1/members/${theirs.id}/${path}`)).statusCode, path).toBe(404);
  });
});

describe('the public form opened by the QR', () => {
  it('returns the venue and its township, ready to fill in', async () => {
    const res = await env.app.inject({ url: `/api/v1/public/counties/${county.id}/form?venue=${venue.id}` });
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form.county).toEqual({ id: county.id, name: county.name });
    expect(form.venue).toEqual({ id: venue.id, name: '城关镇委员会客厅', kind: 'members_lounge', theme: '老旧小区改造', townshipId: county.townshipId });
    expect(form.townships.map((t: { id: number }) => t.id)).toContain(form.venue.townshipId);
    expect(form.member).toBeNull();
  });

  it('does not show another county\'s venue or member through this county\'s form', async () => {
    const theirMember = await createMember(env.db, other.id);
    const res = await env.app.inject({ url: `/api/v1/public/counties/${county.id}/form?venue=${theirVenue.id}&member=${theirMember.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ venue: null, member: null });
    expect(res.body).not.toContain(theirVenue.name);
    expect(res.body).not.toContain(theirMember.name);
  });

  it('returns the member and the member\'s township for a studio QR', async () => {
    const member = await createMember(env.db, county.id, { name: '吴秀兰', townshipId: county.townshipId });
    const form = (await env.app.inject({ url: `/api/v1/public/counties/${county.id}/form?member=${member.id}` })).json();
    expect(form.member).toEqual({ id: member.id, name: '吴秀兰', townshipId: county.townshipId });
    expect(form.venue).toBeNull();
  });
});
