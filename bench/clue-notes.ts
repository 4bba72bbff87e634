/**
 * Issue 10: thanks and follow-ups of every labelled set (bench/sets/*.jsonl) read by noteKind — each note not
 * recognised and each other report taken for a note is printed, then the totals. Nothing is asserted.
 *   node --import tsx bench/clue-notes.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { noteKind } from '../server/src/modules/clues/clues.vocabulary/notes.ts';
const dir = path.join(import.meta.dirname, 'sets');
let miss = 0, fp = 0, n = 0, m = 0;
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
  for (const l of fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean)) {
    const c = JSON.parse(l); const k = noteKind(c.text);
    if (c.kind) { n++; if (k !== c.kind) { miss++; console.log('MISS', f, c.kind, k, c.text); } }
    else { m++; if (k) { fp++; console.log('FP', f, k, c.text); } }
  }
}
console.log(`notes ${n - miss}/${n} recognised; ${fp}/${m} others taken for notes`);
