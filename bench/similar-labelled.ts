/**
 * The similar-clue detector on the labelled set (server/src/modules/clues/fixtures/similar-labelled.ts):
 * precision and recall per mode and set, the top-1 rate, and the latency of each findSimilarClues call on
 * this small database (~230 clues per county). SQLite in memory, or PostgreSQL when DATABASE_URL is set.
 * The suite (clues.similar.test.ts) asserts the precision and recall; nothing here is asserted.
 *   node --import tsx bench/similar-labelled.ts            (SIMILAR_DEBUG=1 prints every false pair and miss)
 */
import { SAME_PROBLEM_THRESHOLD } from '../server/src/modules/clues/clues.similar.ts';
import { report, runLabelledSet } from '../server/src/modules/clues/fixtures/similar-labelled.ts';
import { DIALECT, scratchDb } from './lib/scratch-db.ts';
import { fmt, machine, summary } from './lib/util.ts';

const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, ${m.memGiB} GiB, node ${m.node}, load ${m.load}`);
const { db, close } = await scratchDb();
const latencies: number[] = [];
try {
  const result = await runLabelledSet(db, {
    debug: !!process.env.SIMILAR_DEBUG,
    timed: async (query) => {
      const t0 = performance.now();
      const r = await query();
      latencies.push(performance.now() - t0);
      return r;
    },
  });
  console.log(report(result, DIALECT, SAME_PROBLEM_THRESHOLD));
  const s = summary(latencies);
  console.log(`  query latency (${s.n} queries, small db) p50 ${fmt(s.p50, 2)} ms, p95 ${fmt(s.p95, 2)} ms, max ${fmt(s.max, 2)} ms`);
} finally {
  await close();
}
