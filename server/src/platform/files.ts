/**
 * Stored files (photos, reply attachments): content-addressed under `${DATA_DIR}/files`, a row in
 * `files` per upload. Types are decided by content, never by the name or the declared type.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../db/database.ts';
import { AppError, invalid } from './errors.ts';
import { legacyOfficeKind, OLE_MAGIC } from './ole.ts';

export interface StoredFile {
  id: number;
  mime: string;
  size: number;
  name: string | null;
}

function storagePath(dataDir: string, key: string): string {
  return path.join(dataDir, 'files', key.slice(0, 2), key);
}

/**
 * Store an upload and record it. `uploadedBy` is the staff or unit user who sent it; a citizen's anonymous
 * photo has none. A reply attaches only files its author uploaded, so a file without one is never attached.
 */
export async function saveFile(
  db: Kysely<Database>, dataDir: string, tenantId: number, buf: Buffer, mime: string, name: string | null, uploadedBy: number | null = null,
): Promise<StoredFile> {
  const sha = createHash('sha256').update(buf).digest('hex');
  const file = storagePath(dataDir, sha);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, buf, { flag: 'w' });
  const row = await db.insertInto('files').values({
    tenant_id: tenantId, sha256: sha, mime, size: buf.length, storage_key: sha, original_name: name, created_at: new Date().toISOString(),
    uploaded_by: uploadedBy,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, mime, size: buf.length, name };
}

export async function readFile(db: Kysely<Database>, dataDir: string, tenantId: number, id: number) {
  const row = await db.selectFrom('files').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) throw new AppError('not_found', '文件不存在');
  return { row, data: await fs.readFile(storagePath(dataDir, row.storage_key)) };
}

/**
 * Delete the stored files of `keys` that no files row names any more (rows share storage by content, so each
 * key is checked against every row). A file written after `unchangedSince` is left alone: an upload of the same
 * bytes may be between writing it and recording its row, and its own row will bring it back here later.
 */
export async function removeUnusedStorage(db: Kysely<Database>, dataDir: string, keys: Iterable<string>, unchangedSince: Date): Promise<number> {
  let removed = 0;
  for (const key of new Set(keys)) {
    if (await db.selectFrom('files').select('id').where('storage_key', '=', key).limit(1).executeTakeFirst()) continue;
    const file = storagePath(dataDir, key);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || stat.mtime > unchangedSince) continue;
    await fs.rm(file, { force: true });
    removed++;
  }
  return removed;
}

const PHOTO_FORMATS: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heif: 'image/heic' };
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/**
 * The most pixels an uploaded image may have. Phone cameras save 12–50 megapixels (the 108/200 MP sensors save
 * binned 12 MP photos unless switched to full resolution), and a scanned A4 page at 600 dpi is 35 MP. A
 * 20000×20000 PNG of one colour is 400 MP in about 50 KB: decoding it costs gigabytes, so it is refused from
 * its header, before anything is decoded.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** Width and height from the image's header (nothing is decoded), or null when sharp does not know the format. */
async function imageHeader(buf: Buffer): Promise<{ format: string; pixels: number } | null> {
  try {
    const m = await sharp(buf, { limitInputPixels: false }).metadata();
    return m.format ? { format: m.format, pixels: (m.width ?? 0) * (m.height ?? 0) } : null;
  } catch {
    return null;
  }
}

const tooManyPixels = (path: string) =>
  new AppError('validation_failed', `图片太大：最多 ${MAX_IMAGE_PIXELS / 10_000} 万像素`, [{ path, message: `图片超过 ${MAX_IMAGE_PIXELS / 10_000} 万像素` }]);

/**
 * Check a photo by its content and re-encode it: EXIF (with any GPS location) is dropped unless the
 * citizen chose to keep it; the orientation is applied so the picture still shows the right way up.
 */
export async function preparePhoto(buf: Buffer, keepLocation: boolean): Promise<{ data: Buffer; mime: string }> {
  if (buf.length === 0) throw new AppError('validation_failed', '照片是空文件', [{ path: 'photo', message: '照片是空文件' }]);
  if (buf.length > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', '照片不能超过 8 MB');
  const head = await imageHeader(buf);
  if (!head || !PHOTO_FORMATS[head.format]) {
    throw new AppError('unsupported_media_type', '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片', [{ path: 'photo', message: '不是可识别的照片文件' }]);
  }
  if (head.pixels > MAX_IMAGE_PIXELS) throw tooManyPixels('photo');
  try {
    const img = sharp(buf, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate().resize({ width: 2560, height: 2560, fit: 'inside', withoutEnlargement: true });
    if (keepLocation) img.keepExif();
    const out = head.format === 'png' ? await img.png().toBuffer() : await img.jpeg({ quality: 85 }).toBuffer();
    return { data: out, mime: head.format === 'png' ? 'image/png' : 'image/jpeg' };
  } catch {
    throw new AppError('validation_failed', '照片已损坏，无法读取', [{ path: 'photo', message: '照片已损坏' }]);
  }
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An Office file is a zip that names its parts in [Content_Types].xml and holds the main part of its kind. */
const OOXML_MAIN_PART: Record<string, string> = { [DOCX]: 'word/document.xml', [XLSX]: 'xl/workbook.xml' };
/**
 * Tags that make a browser or a mail client treat bytes as a web page. A PDF has no reason to carry them outside
 * its compressed streams, where eight given bytes in a row are a chance of 1 in 2^64, and a PDF+HTML polyglot needs
 * them in the clear. None can be a PDF hex string (`<` then hex digits): each tag name has a letter past f.
 */
const HTML_MARKERS = /<(?:!doctype\s+html|html|body|script|iframe|svg)[\s>/]/i;

const notAttachment = () =>
  new AppError('unsupported_media_type', '附件只能是 PDF、图片、Word（.doc/.docx/.wps）或 Excel（.xls/.xlsx）文件', [{ path: 'file', message: '不支持的文件类型' }]);

async function isOoxml(buf: Buffer, mainPart: string): Promise<boolean> {
  try {
    // Reads only the zip's directory; no part is inflated.
    const zip = await JSZip.loadAsync(buf, { checkCRC32: false });
    return zip.file('[Content_Types].xml') !== null && zip.file(mainPart) !== null;
  } catch {
    return false;
  }
}

/**
 * A reply attachment, checked by what it is and not only by its first bytes: an image is decoded and re-encoded
 * (what is stored is sharp's output, so anything appended to it and its EXIF are gone); a PDF must not carry
 * web-page markup; a .docx or .xlsx must be an Office zip with its main part. Returns the bytes to store.
 */
export async function prepareAttachment(buf: Buffer, name: string): Promise<{ data: Buffer; mime: string }> {
  const head = buf.subarray(0, 8).toString('latin1');
  if (/^\xFF\xD8\xFF/.test(head) || /^\x89PNG\r\n\x1A\n/.test(head)) {
    const img = await imageHeader(buf);
    if (!img || (img.format !== 'jpeg' && img.format !== 'png')) throw notAttachment();
    if (img.pixels > MAX_IMAGE_PIXELS) throw tooManyPixels('file');
    try {
      const pipeline = sharp(buf, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
      return img.format === 'png'
        ? { data: await pipeline.png().toBuffer(), mime: 'image/png' }
        : { data: await pipeline.jpeg({ quality: 90 }).toBuffer(), mime: 'image/jpeg' };
    } catch {
      throw new AppError('validation_failed', '图片已损坏，无法读取', [{ path: 'file', message: '图片已损坏' }]);
    }
  }
  if (head.startsWith('%PDF-')) {
    if (HTML_MARKERS.test(buf.toString('latin1'))) {
      throw new AppError('unsupported_media_type', 'PDF 文件中含有网页代码，请重新导出 PDF 后上传', [{ path: 'file', message: 'PDF 中含有网页代码' }]);
    }
    return { data: buf, mime: 'application/pdf' };
  }
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) {
    // .doc, .wps and .xls: what the compound file holds decides, not the name; macros are refused.
    const office = legacyOfficeKind(buf);
    if (!office) throw notAttachment();
    if (office.macros) {
      throw new AppError('unsupported_media_type', '文件中含有宏，请另存为不含宏的文档后上传', [{ path: 'file', message: '文件含有宏' }]);
    }
    return { data: buf, mime: office.kind === 'word' ? 'application/msword' : 'application/vnd.ms-excel' };
  }
  if (head.startsWith('PK\x03\x04')) {
    const mime = /\.docx$/i.test(name) ? DOCX : /\.xlsx$/i.test(name) ? XLSX : null;
    if (!mime || !(await isOoxml(buf, OOXML_MAIN_PART[mime]!))) throw notAttachment();
    return { data: buf, mime };
  }
  throw notAttachment();
}

/** Where a browser is given a stored file: only images inline, and nothing it may sniff or run. */
export function sendStoredFile(reply: FastifyReply, file: { mime: string; original_name: string | null }, data: Buffer) {
  reply.type(file.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox");
  if (!file.mime.startsWith('image/')) {
    const name = file.original_name ?? 'attachment';
    reply.header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  }
  return reply.send(data);
}

/**
 * Take one attachment from a multipart request (the field `file`, ≤ 10 MB), check it by what it is and store it
 * for `tenantId`, recording who uploaded it. The caller has already decided the uploader may attach to the case.
 */
export async function receiveAttachment(req: FastifyRequest, db: Kysely<Database>, dataDir: string, tenantId: number, uploaderId: number) {
  if (!req.isMultipart()) throw invalid([{ path: 'file', message: '请选择文件' }]);
  const file = await req.file({ limits: { fileSize: 10 * 1024 * 1024 } });
  if (!file) throw invalid([{ path: 'file', message: '请选择文件' }]);
  const buf = await file.toBuffer();
  if (file.file.truncated) throw new AppError('payload_too_large', '附件不能超过 10 MB');
  const name = file.filename.slice(0, 120);
  const prepared = await prepareAttachment(buf, name);
  const saved = await saveFile(db, dataDir, tenantId, prepared.data, prepared.mime, name, uploaderId);
  return { fileId: saved.id, name };
}
