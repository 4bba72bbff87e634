import fs from 'node:fs';
import { clueFeatures } from '/work/main/server/src/modules/clues/clues.similar.ts';
const ids = process.argv.slice(2);
for (const f of ['zhuxi']) for (const l of fs.readFileSync(`/work/main/bench/sets/clues-labelled-${f}.jsonl`, 'utf8').split('\n').filter(Boolean)) {
  const c = JSON.parse(l); if (!ids.length || ids.includes(c.id)) console.log(c.id, c.dup_group ?? c.trap_of ?? '-', [...clueFeatures({ content: c.text }).concepts].join(','), '|', c.text.slice(0, 70));
}
