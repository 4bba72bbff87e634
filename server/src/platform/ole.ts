/**
 * The legacy Office formats (.doc, .wps, .xls) are OLE2 compound files: a little file system in one file. What a
 * file is, is read from its directory — a Word or WPS document holds a `WordDocument` stream, an Excel workbook a
 * `Workbook` (or `Book`) stream — never from its name. A document with macros holds a `Macros` or `_VBA_PROJECT_CUR`
 * storage. Only the header, the FAT and the directory are read.
 */

export const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
/** More sectors than any attachment of 10 MB can have: a loop in a chain ends here. */
const MAX_CHAIN = 1 << 16;

/** The names of the storages and streams of a compound file, or null when it is not a well-formed one. */
export function oleEntryNames(buf: Buffer): string[] | null {
  if (buf.length < 512 || !buf.subarray(0, 8).equals(OLE_MAGIC)) return null;
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectorAt = (n: number) => {
    const start = (n + 1) * size;
    return start + size <= buf.length ? buf.subarray(start, start + size) : null;
  };
  // The FAT's own sectors: the first 109 in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = buf.readUInt32LE(0x4c + i * 4);
    if (s !== FREE) fatSectors.push(s);
  }
  let difat = buf.readUInt32LE(0x44);
  for (let hops = 0; difat !== END_OF_CHAIN && difat !== FREE; hops++) {
    const sec = sectorAt(difat);
    if (!sec || hops > MAX_CHAIN) return null;
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = sec.readUInt32LE(i * 4);
      if (s !== FREE) fatSectors.push(s);
    }
    difat = sec.readUInt32LE(size - 4);
  }
  const fat: number[] = [];
  for (const s of fatSectors) {
    const sec = sectorAt(s);
    if (!sec) return null;
    for (let i = 0; i < size / 4; i++) fat.push(sec.readUInt32LE(i * 4));
  }
  const names: string[] = [];
  let dir = buf.readUInt32LE(0x30);
  for (let hops = 0; dir !== END_OF_CHAIN; hops++) {
    const sec = sectorAt(dir);
    if (!sec || hops > MAX_CHAIN || dir >= fat.length) return null;
    for (let off = 0; off < size; off += 128) {
      const type = sec[off + 0x42];
      const len = sec.readUInt16LE(off + 0x40);
      if ((type === 1 || type === 2 || type === 5) && len >= 2 && len <= 64) names.push(sec.subarray(off, off + len - 2).toString('utf16le'));
    }
    dir = fat[dir]!;
  }
  return names.length ? names : null;
}

export type LegacyOffice = { kind: 'word' | 'excel'; macros: boolean };

/** What a compound file holds: a Word/WPS document, an Excel workbook, or neither (null). */
export function legacyOfficeKind(buf: Buffer): LegacyOffice | null {
  const names = oleEntryNames(buf);
  if (!names) return null;
  const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
  const macros = has('Macros') || has('_VBA_PROJECT_CUR') || has('VBA');
  if (has('WordDocument')) return { kind: 'word', macros };
  if (has('Workbook') || has('Book')) return { kind: 'excel', macros };
  return null;
}
