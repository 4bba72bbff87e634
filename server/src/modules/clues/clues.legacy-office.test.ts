/**
 * A unit's reply takes .doc, .wps and .xls — the files county offices still write — when they are real compound
 * files holding a Word document or an Excel workbook, whatever their name; a renamed file, a broken one, or one
 * with macros is refused and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, multipartFile, type TestEnv } from '../../test/helper.ts';
import { legacyOfficeKind, oleEntryNames } from '../../platform/ole.ts';
import { readFile } from '../../platform/files.ts';
import { clueAt, createClueWorld, type ClueWorld } from './clues.factory.ts';

/**
 * A minimal well-formed compound file (MS-CFB v3, 512-byte sectors) whose root holds the given streams: sector 0 is
 * the FAT, sector 1 the directory, sector 2 the content of the first stream (so it is not all header).
 */
export function compoundFile(streams: string[]): Buffer {
  const SECTOR = 512;
  const header = Buffer.alloc(SECTOR, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // FAT sectors
  header.writeUInt32LE(1, 0x30); // first directory sector
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // the FAT itself
  fat.writeUInt32LE(0xfffffffe, 4); // directory: one sector
  fat.writeUInt32LE(0xfffffffe, 8); // the stream's sector
  const dir = Buffer.alloc(SECTOR, 0);
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const off = i * 128;
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(dir, off);
    dir.writeUInt16LE(n.length, off + 0x40);
    dir[off + 0x42] = type;
    dir[off + 0x43] = 1;
    dir.writeUInt32LE(0xffffffff, off + 0x44);
    dir.writeUInt32LE(right, off + 0x48);
    dir.writeUInt32LE(child, off + 0x4c);
    dir.writeUInt32LE(start, off + 0x74);
    dir.writeUInt32LE(size, off + 0x78);
  };
  entry(0, 'Root Entry', 5, streams.length ? 1 : 0xffffffff, 0xffffffff, 0xfffffffe, 0);
  for (const [i, s] of streams.slice(0, 3).entries()) {
    entry(i + 1, s, 2, 0xffffffff, i + 2 <= Math.min(3, streams.length) ? i + 2 : 0xffffffff, i === 0 ? 2 : 0xfffffffe, i === 0 ? 4096 : 0);
  }
  const content = Buffer.alloc(SECTOR, 0x20);
  return Buffer.concat([header, fat, dir, content]);
}

let env: TestEnv;
let w: ClueWorld;
let clueId: number;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
  clueId = (await clueAt(env, w, 'forwarded')).id;
});
afterAll(async () => env.close());

const attach = (buf: Buffer, name: string) => {
  const m = multipartFile(buf, name);
  return w.handler.request('POST', `/api/v1/unit/clues/${clueId}/files`, m.body, m.headers);
};
const countFiles = async () => Number((await env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('compound files', () => {
  it('reads the directory of a compound file', () => {
    expect(oleEntryNames(compoundFile(['WordDocument', '1Table']))).toEqual(['Root Entry', 'WordDocument', '1Table']);
    expect(legacyOfficeKind(compoundFile(['WordDocument', '1Table']))).toEqual({ kind: 'word', macros: false });
    expect(legacyOfficeKind(compoundFile(['Workbook']))).toEqual({ kind: 'excel', macros: false });
    expect(legacyOfficeKind(compoundFile(['WordDocument', 'Macros']))).toEqual({ kind: 'word', macros: true });
    expect(legacyOfficeKind(compoundFile(['Contents']))).toBeNull();
    expect(oleEntryNames(compoundFile(['WordDocument']).subarray(0, 700))).toBeNull();
  });
});

describe('unit reply attachments', () => {
  it('takes .doc, .wps and .xls by what they hold, whatever the name', async () => {
    for (const [buf, name, mime] of [
      [compoundFile(['WordDocument', '1Table']), '答复函.doc', 'application/msword'],
      [compoundFile(['WordDocument', '0Table']), '办理报告.wps', 'application/msword'],
      [compoundFile(['Workbook']), '整改台账.xls', 'application/vnd.ms-excel'],
      // The content decides: a workbook named .doc is stored as the workbook it is.
      [compoundFile(['Workbook']), '名字不对.doc', 'application/vnd.ms-excel'],
    ] as const) {
      const res = await attach(buf, name);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      const { row } = await readFile(env.db, env.app.config.dataDir, w.county.id, res.json().fileId);
      expect(row.mime, name).toBe(mime);
    }
  });

  it('refuses a renamed file, a broken compound file and one with macros, storing nothing', async () => {
    const before = await countFiles();
    const renamed = await attach(Buffer.from('这不是 Word 文件，只是改了扩展名'.repeat(40)), '答复.doc');
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json().message).toMatch(/Word（\.doc\/\.docx\/\.wps）/);
    const broken = await attach(compoundFile(['WordDocument']).subarray(0, 600), '答复.doc');
    expect(broken.statusCode).toBe(415);
    const other = await attach(compoundFile(['Contents', 'SPELLING']), '旧版.wps');
    expect(other.statusCode).toBe(415);
    const macros = await attach(compoundFile(['WordDocument', 'Macros']), '带宏.doc');
    expect(macros.statusCode).toBe(415);
    expect(macros.json().message).toMatch(/宏/);
    expect(await countFiles()).toBe(before);
  });
});
