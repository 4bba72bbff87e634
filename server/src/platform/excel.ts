import type { FastifyReply } from 'fastify';

// exceljs is loaded on first use: loading it takes longer than building the whole app, and only exports
// and imports need it (each test file, and every server start, paid for it).
export const loadExcel = async () => (await import('exceljs')).default;

export interface ExportColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

/** Excel refuses these in sheet names (and `/` in a file name becomes a folder), e.g. the label 乡镇/村. */
const safeName = (name: string, max: number) => name.replace(/[*?:\\/[\]]/g, '、').slice(0, max);

/** One sheet of a workbook, its cells already computed (so sheets of different row types travel together). */
export interface ExportSheet {
  name: string;
  columns: { header: string; width?: number }[];
  cells: (string | number)[][];
}

/** A sheet from rows and their columns. */
export function sheetOf<T>(name: string, columns: ExportColumn<T>[], rows: T[]): ExportSheet {
  return { name, columns, cells: rows.map((r) => columns.map((c) => c.value(r) ?? '')) };
}

/** One sheet with a bold header row; every list in the console exports through this. */
export async function sendWorkbook<T>(reply: FastifyReply, filename: string, sheet: string, columns: ExportColumn<T>[], rows: T[]) {
  return sendSheets(reply, filename, [sheetOf(sheet, columns, rows)]);
}

/** Several sheets in one workbook (a dashboard's figures and each breakdown), each with a bold header row. */
export async function sendSheets(reply: FastifyReply, filename: string, sheets: ExportSheet[]) {
  const wb = new (await loadExcel()).Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(safeName(s.name, 31));
    ws.columns = s.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.cells) ws.addRow(r);
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(safeName(filename, 100))}.xlsx`)
    .send(buf);
}
