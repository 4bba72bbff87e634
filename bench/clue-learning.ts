/**
 * Pair weights from decisions (clues.learning.ts), measured on the labelled sets without a database: every pair of
 * reports of one township scored by scoreSimilarity (the evidence the product computes), then
 * 1. the shipped defaults: a logistic regression fitted on all pairs of the development sets (DEFAULT_SETS: every set of
 *    bench/sets but the last blind one) and the team's fixtures (printed, pasted into DEFAULT_PAIR_WEIGHTS), and the
 *    same fit without each set in turn, measured on that set (how it holds up on a county it has not seen);
 * 2. the learning curve: staff decide on the first K reports as the product lets them — each merge suggestion (a
 *    pair at or above SAME_PROBLEM_THRESHOLD, what the staff panel shows) is merged when it is a true duplicate, else
 *    marked 不是同一问题; a true duplicate the panel did not suggest is merged by hand (found by search) — the
 *    county's weights are refitted from those decisions, and P / R are measured on the pairs whose later report comes
 *    after K, against the defaults on the same pairs.
 *   node --import tsx bench/clue-learning.ts
 */
import { clueFeatures, mergedPlaceNames, scoreSimilarity, withAliases, SAME_PROBLEM_THRESHOLD, type ClueFeatures } from '../server/src/modules/clues/clues.similar.ts';
import { DEFAULT_PAIR_WEIGHTS, fitPairWeights, learnPairWeights, pairFeatures, pairProbability, type PairExample } from '../server/src/modules/clues/clues.learning.ts';
import { MIN_DECISIONS } from '../server/src/modules/clues/clues.learning.store.ts';
import { CATEGORY, loadSet, type SetClue } from './clue-sets.ts';
import { clues as teamClues, places as teamPlaces } from '../server/src/modules/clues/fixtures/similar-labelled.ts';
import { clueAnalyzer } from '../server/src/modules/clues/clues.analyzer.ts';
import type { Analyzer } from '../server/src/platform/search/segment.ts';
import { noteKind } from '../server/src/modules/clues/clues.vocabulary/notes.ts';

interface Pair { i: number; j: number; x: number[]; product: number; gold: boolean; trap: boolean; fi: ClueFeatures; fj: ClueFeatures; an: Analyzer }

function pairsOf(clues: SetClue[], places: string[] = [], villages: string[] = []): Pair[] {
  // The county's analyzer: its townships and villages (as the county enters them) and, when it has one, its place list.
  const an = clueAnalyzer({ townships: Object.keys(Object.fromEntries(clues.map((c) => [c.township, 1]))), villages, places });
  const f = clues.map((c) => clueFeatures({ content: c.text, category: CATEGORY[c.category] ?? (c.category as never) }, an));
  const notes = clues.map((c) => !!noteKind(c.text));
  const out: Pair[] = [];
  for (let j = 0; j < clues.length; j++) {
    for (let i = 0; i < j; i++) {
      // As the product: thanks and follow-ups are never offered, so never decided on (findSimilarClues, noteKind).
      if (clues[i].township !== clues[j].township || notes[i] || notes[j]) continue;
      const r = scoreSimilarity(f[j], f[i]);
      const gold = !!clues[i].dup_group && clues[i].dup_group === clues[j].dup_group;
      const trap = (!!clues[i].trap_of && clues[i].trap_of === clues[j].dup_group) || (!!clues[j].trap_of && clues[j].trap_of === clues[i].dup_group);
      out.push({ i, j, x: pairFeatures(r), product: r.score, gold, trap, fi: f[i], fj: f[j], an });
    }
  }
  return out;
}

function pr(pairs: Pair[], predict: (p: Pair) => boolean) {
  let tp = 0, fp = 0, fn = 0, traps = 0;
  for (const p of pairs) {
    const yes = predict(p);
    if (yes && p.gold) tp++;
    else if (yes) { fp++; if (p.trap) traps++; }
    else if (p.gold) fn++;
  }
  return { p: tp / Math.max(1, tp + fp), r: tp / Math.max(1, tp + fn), tp, fp, fn, traps };
}
const f3 = (x: number) => x.toFixed(3);
const show = (s: ReturnType<typeof pr>) => `P ${f3(s.p)} R ${f3(s.r)} (tp ${s.tp} fp ${s.fp} fn ${s.fn}, traps ${s.traps})`;

const sets = Object.fromEntries((process.argv[2] ? [process.argv[2]] : ['songxian', 'qinglan']).map((n) => {
  const { clues, county } = loadSet(n);
  return [n, pairsOf(clues, [], Object.values(county.townships).flat())];
}));
// The team's own earlier labelled fixtures (server/src/modules/clues/fixtures), with their county's place list.
const team = pairsOf(teamClues.map((c) => ({ id: c.id, text: c.content, township: c.township, category: c.category, department: '', dup_group: c.group, channel: c.channel })), teamPlaces);

// 1. Shipped defaults, fitted on the development sets and the team's fixtures; then without each set, measured on it.
const DEFAULT_SETS = ['songxian', 'qinglan', 'zhenling', 'hedu', 'zhuxi', 'yaoyuan', 'jichuan', 'luxi'];
const dev = Object.fromEntries(DEFAULT_SETS.map((n) => [n, sets[n] ?? (() => {
  const { clues, county } = loadSet(n);
  return pairsOf(clues, [], Object.values(county.townships).flat());
})()]));
const fitOn = (pairs: Pair[]) => fitPairWeights(pairs.map((p) => ({ x: p.x, y: p.gold ? 1 : 0 })), DEFAULT_PAIR_WEIGHTS.map(() => 0), { l2: Number(process.env.DEFAULT_L2 ?? 1), biasPull: 0.1 });
const t0 = performance.now();
const allDev = [...team, ...Object.values(dev).flat()];
const defaults = fitOn(allDev).map((w) => Math.round(w * 1000) / 1000);
console.log(`team fixtures: product ${show(pr(team, (p) => p.product >= SAME_PROBLEM_THRESHOLD))}; defaults ${show(pr(team, (p) => pairProbability(DEFAULT_PAIR_WEIGHTS, p.x) >= 0.5))}`);
console.log(`defaults fitted on ${DEFAULT_SETS.join(' + ')} + team fixtures (${allDev.length} pairs, ${(performance.now() - t0).toFixed(0)} ms): [${defaults.join(', ')}]`);
console.log(`in use (DEFAULT_PAIR_WEIGHTS): [${DEFAULT_PAIR_WEIGHTS.join(', ')}]`);
for (const held of DEFAULT_SETS) {
  const without = fitOn([...team, ...DEFAULT_SETS.filter((n) => n !== held).flatMap((n) => dev[n])]);
  console.log(`  ${held}: fitted without it ${show(pr(dev[held], (p) => pairProbability(without, p.x) >= 0.5))}; in use ${show(pr(dev[held], (p) => pairProbability(DEFAULT_PAIR_WEIGHTS, p.x) >= 0.5))}`);
}

for (const [name, pairs] of Object.entries(sets)) {
  const n = loadSet(name).clues.length;
  console.log(`\nset ${name}: ${pairs.length} same-township pairs, ${pairs.filter((p) => p.gold).length} gold`);
  console.log(`  product score ≥ ${SAME_PROBLEM_THRESHOLD}: ${show(pr(pairs, (p) => p.product >= SAME_PROBLEM_THRESHOLD))}`);
  console.log(`  defaults ≥ 0.5: ${show(pr(pairs, (p) => pairProbability(DEFAULT_PAIR_WEIGHTS, p.x) >= 0.5))}`);
  console.log('  learning curve (decisions on the first K reports → P/R on later pairs; defaults on the same pairs):');
  for (const k of [0, 20, 40, 60, 80, 100, 120]) {
    if (k >= n - 10) break;
    const decided: PairExample[] = pairs.filter((p) => p.j < k && (pairProbability(DEFAULT_PAIR_WEIGHTS, p.x) >= SAME_PROBLEM_THRESHOLD || p.gold)).map((p) => ({ x: p.x, y: p.gold ? 1 : 0 }));
    const t1 = performance.now();
    const fit = learnPairWeights(decided, MIN_DECISIONS);
    const w = fit.weights;
    const ms = performance.now() - t1;
    const later = pairs.filter((p) => p.j >= k);
    const learned = pr(later, (p) => pairProbability(w, p.x) >= 0.5);
    const base = pr(later, (p) => pairProbability(DEFAULT_PAIR_WEIGHTS, p.x) >= 0.5);
    // The refit whether or not the held-out check kept it (when it did, it is the weights in use).
    const refit = fit.adopted ? w : fitPairWeights(decided);
    const raw = pr(later, (p) => pairProbability(refit, p.x) >= 0.5);
    // The names the merges among the first K reports make one place (mergedPlaceNames → the county's gazetteer), and the later pairs scored with them.
    const canonical = new Map<string, string>();
    const root = (n: string): string => (canonical.has(n) && canonical.get(n) !== n ? root(canonical.get(n)!) : n);
    for (const p of pairs) {
      if (p.j >= k || !p.gold) continue;
      const names = mergedPlaceNames(p.fj, p.fi);
      if (names && root(names[0]) !== root(names[1])) canonical.set(root(names[1]), root(names[0]));
    }
    const flat = new Map([...canonical.keys()].map((n) => [n, root(n)]));
    if (process.env.NAMES && flat.size) console.log(`      learned: ${[...flat].map(([x, y]) => `${x}=${y}`).join(" ")}`);
    const aliasX = (p: Pair) => (flat.size ? pairFeatures(scoreSimilarity(withAliases(p.fj, flat, p.an), withAliases(p.fi, flat, p.an))) : p.x);
    const withNames = pr(later, (p) => pairProbability(DEFAULT_PAIR_WEIGHTS, aliasX(p)) >= 0.5);
    const both = pr(later, (p) => pairProbability(w, aliasX(p)) >= 0.5);
    console.log(`      K ${k}: ${flat.size} names learned from merges → defaults + names ${show(withNames)} | in use + names ${show(both)}`);
    console.log(`    K ${String(k).padStart(3)}: ${String(decided.length).padStart(4)} decisions (${decided.filter((d) => d.y).length} merges) fit ${ms.toFixed(1)} ms `
      + `${fit.adopted ? 'adopted' : 'kept defaults'}${fit.heldOut ? ` (held-out loss ${fit.heldOut.learned} vs ${fit.heldOut.defaults})` : ''} → in use ${show(learned)} | refit always ${show(raw)} | defaults ${show(base)}`);
  }
}
