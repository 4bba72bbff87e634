/**
 * Import rows from an Excel sheet: every row is checked first, and any problem in any row rejects
 * the whole file with each problem named by its row number, so nothing is half-imported.
 */
import type ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

const MAX_ROWS = 5000;

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
  const file = await req.file({ limits: { fileSize: 5 * 1024 * 1024 } });
  if (!file) throw new AppError('validation_failed', '请上传 Excel 文件', [{ path: 'file', message: '请上传 .xlsx 文件' }]);
  const buf = await file.toBuffer();
  if (file.file.truncated) throw new AppError('payload_too_large', '文件不能超过 5 MB');
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

/** Parse and validate every row; throws one 400 listing every problem, or returns all parsed rows. */
export async function parseSheet<T>(buf: Buffer, columns: ImportColumn[], schema: z.ZodType<T>): Promise<T[]> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('validation_failed', '无法读取文件，请使用下载的 Excel 模板（.xlsx）', [{ path: 'file', message: '不是有效的 .xlsx 文件' }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('validation_failed', '文件中没有工作表', [{ path: 'file', message: '文件中没有工作表' }]);
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).map(cellText);
  const positions = new Map<string, number>();
  const issues: FieldError[] = [];
  for (const c of columns) {
    const at = header.indexOf(c.header);
    if (at < 0) issues.push({ path: '表头', message: `缺少列「${c.header}」` });
    else positions.set(c.key, at);
  }
  if (issues.length) throw new AppError('validation_failed', '表头与模板不一致', issues);
  if (ws.rowCount - 1 > MAX_ROWS) throw new AppError('validation_failed', `一次最多导入 ${MAX_ROWS} 行`, [{ path: 'file', message: `超过 ${MAX_ROWS} 行` }]);

  const out: T[] = [];
  for (let n = 2; n <= ws.rowCount; n++) {
    const values = ws.getRow(n).values as ExcelJS.CellValue[];
    const texts = columns.map((c) => cellText(values[positions.get(c.key)!]));
    if (texts.every((t) => t === '')) continue;
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
      continue;
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
