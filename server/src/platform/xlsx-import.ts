/**
 * Import rows from an Excel sheet: every row is checked first, and any problem in any row rejects
 * the whole file with each problem named by its row number, so nothing is half-imported.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import JSZip from 'jszip';
import type { z } from 'zod';
import type { FieldError } from '@xs/core/errors.ts';
import { AppError } from './errors.ts';
import { loadExcel } from './excel.ts';

export interface ImportColumn {
  header: string;
  key: string;
  example: string;
  note?: string;
  /** Translate the cell text into the schema's value (e.g. a sector name into its id); return an error message to refuse. */
  convert?: (text: string) => { value: unknown } | { error: string };
}

/** Rows one file may carry; the sheet is read no further than this (a larger file is refused, not truncated). */
export const MAX_IMPORT_ROWS = 5000;
/**
 * Upload cap for an import file. A full 5,000-row member sheet with long titles written by exceljs is about
 * 210 KB (measured); 2 MB leaves room for Excel's and WPS's styles while a 4.5 MB, 900,000-row file is refused
 * before it is read.
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/**
 * What the XML parts of an import file (sheets, shared strings, styles) may inflate to together. The same
 * 5,000-row sheet is 2.3 MB of XML (measured). A 2 MB zip bomb inflates to gigabytes, and exceljs keeps every
 * shared string in memory and writes a sheet to a temporary file before reading a row, so the row limit alone
 * does not bound it. Other parts (pictures) exceljs only inflates and drops, so they are not counted.
 */
export const MAX_IMPORT_INFLATED_BYTES = 16 * 1024 * 1024;

export async function sendTemplate(reply: FastifyReply, filename: string, columns: ImportColumn[]) {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet('导入');
  ws.columns = columns.map((c) => ({ header: c.header, width: Math.max(14, c.header.length * 3) }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(columns.map((c) => c.example));
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '列', width: 16 }, { header: '说明', width: 60 }];
  for (const c of columns) notes.addRow([c.header, c.note ?? '']);
  notes.addRow(['', '第 2 行为示例，导入前请删除或改写。任何一行有误时整份文件都不会导入，并逐行列出问题。']);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}.xlsx`)
    .send(buf);
}

/** The uploaded file of a multipart request, bounded in size. */
export async function readUpload(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('validation_failed', '请上传 Excel 文件', [{ path: 'file', message: '请上传 .xlsx 文件' }]);
  const tooLarge = new AppError('payload_too_large', `文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, [{ path: 'file', message: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }]);
  const file = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
  if (!file) throw new AppError('validation_failed', '请上传 Excel 文件', [{ path: 'file', message: '请上传 .xlsx 文件' }]);
  let buf: Buffer;
  try {
    buf = await file.toBuffer();
  } catch (err) {
    // @fastify/multipart throws its own English 413 when the stream passes the limit.
    if ((err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge;
    throw err;
  }
  if (file.file.truncated) throw tooLarge;
  return buf;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v).trim();
}

const unreadable = () => new AppError('validation_failed', '无法读取文件，请使用下载的 Excel 模板（.xlsx）', [{ path: 'file', message: '不是有效的 .xlsx 文件' }]);
const tooManyRows = (max: number) => new AppError('validation_failed', `一次最多导入 ${max} 行，请分成几个文件导入`, [{ path: 'file', message: `超过 ${max} 行` }]);

export interface ParseOptions {
  /** Defaults to MAX_IMPORT_ROWS; tests use a small one. */
  maxRows?: number;
  /** Called with each row number the reader hands over (how far the file was read). */
  onRow?: (n: number) => void;
}

/**
 * Inflate every XML part once, counting, and stop at the cap: the sizes a zip declares can lie, the bytes cannot.
 * Throws the refusal, or `unreadable` for what is not a zip.
 */
async function checkInflatedSize(buf: Buffer): Promise<void> {
  // Almost always a sheet with far too many rows, so the message says the row limit too.
  const tooBig = new AppError('validation_failed', `文件内容过多（解压后超过 ${MAX_IMPORT_INFLATED_BYTES / 1024 / 1024} MB）；一次最多导入 ${MAX_IMPORT_ROWS} 行，请分成几个文件导入`,
    [{ path: 'file', message: `解压后超过 ${MAX_IMPORT_INFLATED_BYTES / 1024 / 1024} MB` }]);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf, { checkCRC32: false });
  } catch {
    throw unreadable();
  }
  let total = 0;
  for (const part of Object.values(zip.files)) {
    if (part.dir || !/\.(xml|rels)$/i.test(part.name)) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = part.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total <= MAX_IMPORT_INFLATED_BYTES) return;
        stream.pause();
        stream.removeAllListeners('data');
        reject(tooBig);
      });
      stream.on('end', () => resolve());
      stream.on('error', () => reject(unreadable()));
    });
  }
}

/**
 * Hand the first sheet's rows to `visit` as exceljs's streaming WorkbookReader parses them, until it answers
 * 'stop'. Excel writes the shared strings after the sheets; exceljs then inflates each sheet to a temporary file
 * before parsing it (memory stays flat) and deletes the file when its own loop moves on — so that loop is always
 * run to its end here, and a later sheet is opened and left at once (which closes its file unparsed).
 */
async function eachRowOfFirstSheet(buf: Buffer, visit: (row: ExcelJS.Row) => 'stop' | undefined): Promise<void> {
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(Readable.from([buf]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  let seen = false;
  for await (const sheet of reader) {
    if (seen) {
      for await (const _ of sheet) break;
      continue;
    }
    seen = true;
    for await (const row of sheet) if (visit(row) === 'stop') break;
  }
  if (!seen) throw new AppError('validation_failed', '文件中没有工作表', [{ path: 'file', message: '文件中没有工作表' }]);
}

/**
 * Parse and validate every row; throws one 400 listing every problem, or returns all parsed rows. The sheet is
 * streamed and reading stops at the first row past the limit, so a huge file costs no more than a full one.
 */
export async function parseSheet<T>(buf: Buffer, columns: ImportColumn[], schema: z.ZodType<T>, opts: ParseOptions = {}): Promise<T[]> {
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  // Anything but a zip is refused here: the streaming unzipper would read it as an archive with no entries.
  if (buf.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') throw unreadable();
  await checkInflatedSize(buf);
  const positions = new Map<string, number>();
  const issues: FieldError[] = [];
  const out: T[] = [];
  let headerSeen = false;
  let refusal: AppError | null = null;
  const checkHeader = (values: ExcelJS.CellValue[]) => {
    headerSeen = true;
    const header = values.map(cellText);
    for (const c of columns) {
      const at = header.indexOf(c.header);
      if (at < 0) issues.push({ path: '表头', message: `缺少列「${c.header}」` });
      else positions.set(c.key, at);
    }
    if (issues.length) refusal = new AppError('validation_failed', '表头与模板不一致', issues);
  };

  try {
    await eachRowOfFirstSheet(buf, (row) => {
      opts.onRow?.(row.number);
      if (row.number === 1) checkHeader(row.values as ExcelJS.CellValue[]);
      else if (!headerSeen) checkHeader([]);
      if (!refusal && row.number - 1 > maxRows) refusal = tooManyRows(maxRows);
      if (refusal) return 'stop';
      if (row.number > 1) checkRow(row.number, row.values as ExcelJS.CellValue[]);
      return undefined;
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable();
  }
  if (refusal) throw refusal;
  if (!headerSeen) checkHeader([]);
  if (refusal) throw refusal;

  function checkRow(n: number, values: ExcelJS.CellValue[]) {
    const texts = columns.map((c) => cellText(values[positions.get(c.key)!]));
    if (texts.every((t) => t === '')) return;
    const raw: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const t = texts[i] ?? '';
      if (t === '') return;
      if (!c.convert) {
        raw[c.key] = t;
        return;
      }
      const r = c.convert(t);
      if ('error' in r) issues.push({ path: `第 ${n} 行`, message: `${c.header}：${r.error}` });
      else raw[c.key] = r.value;
    });
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const col = columns.find((c) => c.key === String(issue.path[0]));
        issues.push({ path: `第 ${n} 行`, message: `${col?.header ?? String(issue.path[0] ?? '')}：${issue.message}` });
      }
      return;
    }
    out.push(parsed.data);
  }

  if (issues.length) throw new AppError('validation_failed', `有 ${new Set(issues.map((i) => i.path)).size} 行有误，整份文件未导入`, issues);
  if (out.length === 0) throw new AppError('validation_failed', '文件中没有可导入的数据', [{ path: 'file', message: '没有数据行' }]);
  return out;
}

/** Build a name → id converter for a lookup column. */
export function byName(label: string, rows: { id: number; name: string }[]): (t: string) => { value: unknown } | { error: string } {
  const map = new Map(rows.map((r) => [r.name, r.id]));
  return (t) => (map.has(t) ? { value: map.get(t) } : { error: `${label}「${t}」不存在` });
}
