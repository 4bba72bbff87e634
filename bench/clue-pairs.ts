/**
 * Every same-township pair of labelled sets (bench/sets), scored as the product scores them (the county's analyzer, the
 * shipped pair weights), as JSON lines for analysis: which evidence the true pairs the scorer misses and the false pairs it
 * takes have (place evidence, concepts on each side, text and character overlap), the texts, the gold units. No candidate
 * limit and no thanks or follow-ups, so the figures are of the scorer alone. Used to find the error classes of bench/README §6.
 *   OUT=/tmp/pairs.jsonl node --import tsx bench/clue-pairs.ts songxian qinglan …   (appends)
 */
import fs from 'node:fs';
import { clueFeatures, ensurePlaceNames, scoreSimilarity } from '../server/src/modules/clues/clues.similar.ts';
import { DEFAULT_PAIR_WEIGHTS, pairFeatures, pairProbability } from '../server/src/modules/clues/clues.learning.ts';
import { noteKind } from '../server/src/modules/clues/clues.vocabulary/notes.ts';
import { CATEGORY, loadSet, setUpCounty } from './clue-sets.ts';
import { scratchDb } from './lib/scratch-db.ts';

const { db, close } = await scratchDb();
const out = fs.createWriteStream(process.env.OUT ?? 'clue-pairs.jsonl', { flags: 'a' });
for (const name of process.argv.slice(2)) {
  const { clues, county } = loadSet(name);
  const org = await setUpCounty(db, county);
  const an = await ensurePlaceNames(db, org.tenantId);
  const features = clues.map((c) => clueFeatures({ content: c.text, category: CATEGORY[c.category] }, an));
  for (let j = 0; j < clues.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = clues[j];
      const b = clues[i];
      if (a.township !== b.township) continue;
      if (a.kind || b.kind || noteKind(a.text) || noteKind(b.text)) continue;
      const r = scoreSimilarity(features[j], features[i]);
      const p = pairProbability(DEFAULT_PAIR_WEIGHTS, pairFeatures(r));
      const gold = !!a.dup_group && a.dup_group === b.dup_group;
      const trap = (!!a.trap_of && a.trap_of === b.dup_group) || (!!b.trap_of && b.trap_of === a.dup_group);
      const names = (f: (typeof features)[0]) => ({ c: [...f.concepts], s: f.spots.map((x) => x.name), r: f.references.map((x) => x.name), a: f.areas.map((x) => x.name) });
      out.write(JSON.stringify({ set: name, a: a.id, b: b.id, gold, trap, p: Math.round(p * 1000) / 1000, e: r.evidence, shared: r.sharedConcepts, fa: names(features[j]), fb: names(features[i]), ta: a.text, tb: b.text, da: a.department, db: b.department }) + '\n');
    }
  }
}
out.end();
await close();
