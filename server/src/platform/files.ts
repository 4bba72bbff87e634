/**
 * Stored files (photos, reply attachments): content-addressed under `${DATA_DIR}/files`, a row in
 * `files` per upload. Types are decided by content, never by the name or the declared type.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../db/database.ts';
import { AppError } from './errors.ts';

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

const PHOTO_FORMATS: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heif: 'image/heic' };
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

/**
 * Check a photo by its content and re-encode it: EXIF (with any GPS location) is dropped unless the
 * citizen chose to keep it; the orientation is applied so the picture still shows the right way up.
 */
export async function preparePhoto(buf: Buffer, keepLocation: boolean): Promise<{ data: Buffer; mime: string }> {
  if (buf.length === 0) throw new AppError('validation_failed', '照片是空文件', [{ path: 'photo', message: '照片是空文件' }]);
  if (buf.length > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', '照片不能超过 8 MB');
  let format: string | undefined;
  try {
    format = (await sharp(buf).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !PHOTO_FORMATS[format]) {
    throw new AppError('unsupported_media_type', '只能上传 JPG、PNG、WebP 或 HEIC 格式的照片', [{ path: 'photo', message: '不是可识别的照片文件' }]);
  }
  try {
    const img = sharp(buf, { limitInputPixels: 50_000_000 }).rotate().resize({ width: 2560, height: 2560, fit: 'inside', withoutEnlargement: true });
    if (keepLocation) img.keepExif();
    const out = format === 'png' ? await img.png().toBuffer() : await img.jpeg({ quality: 85 }).toBuffer();
    return { data: out, mime: format === 'png' ? 'image/png' : 'image/jpeg' };
  } catch {
    throw new AppError('validation_failed', '照片已损坏，无法读取', [{ path: 'photo', message: '照片已损坏' }]);
  }
}

const ATTACHMENT_TYPES: [RegExp, string][] = [
  [/^%PDF-/, 'application/pdf'],
  [/^\xFF\xD8\xFF/, 'image/jpeg'],
  [/^\x89PNG\r\n\x1A\n/, 'image/png'],
  [/^PK\x03\x04/, 'application/zip'],
];

/** A reply attachment: PDF, JPG, PNG, or an Office file (docx/xlsx are zip containers). */
export function attachmentType(buf: Buffer, name: string): string {
  const head = buf.subarray(0, 8).toString('latin1');
  const hit = ATTACHMENT_TYPES.find(([re]) => re.test(head));
  if (!hit) throw new AppError('unsupported_media_type', '附件只能是 PDF、图片、Word 或 Excel 文件', [{ path: 'file', message: '不支持的文件类型' }]);
  if (hit[1] === 'application/zip') {
    if (/\.docx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (/\.xlsx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    throw new AppError('unsupported_media_type', '附件只能是 PDF、图片、Word 或 Excel 文件', [{ path: 'file', message: '不支持的文件类型' }]);
  }
  return hit[1];
}
