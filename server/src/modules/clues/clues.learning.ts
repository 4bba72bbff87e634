/**
 * Learning from staff decisions on similar clues. A staff merge is a positive pair, 不是同一问题 on a suggestion
 * a negative one; the county's pair weights — a logistic regression over the scorer's evidence (pairFeatures) —
 * are refitted from them, starting from and pulled towards the shipped defaults (L2 towards DEFAULT_PAIR_WEIGHTS,
 * so a handful of decisions moves the model a little and hundreds move it much). Newton's method: ~11
 * features, at most a few thousand pairs, a few milliseconds (bench/clue-learning.ts measures it).
 */
import type { PlaceEvidence, SimilarityResult } from './clues.similar.ts';

export const PAIR_FEATURES = ['偏置', '问题证据', '地点证据', '文本重合', '字重合', '同类问题', '问题冲突', '同一地点', '地点未知', '地点冲突', '同一类别'] as const;

const logit = (p: number) => Math.log(Math.max(1e-4, Math.min(1 - 1e-4, p)) / (1 - Math.max(1e-4, Math.min(1 - 1e-4, p))));
const SAME: PlaceEvidence[] = ['same', 'near'];

/** The evidence of a scored pair as a feature vector (PAIR_FEATURES order). */
export function pairFeatures(r: SimilarityResult): number[] {
  const e = r.evidence;
  return [
    1, logit(e.pProblem), logit(e.pPlace), e.text, e.chars, e.concept, e.conceptConflict ? 1 : 0,
    SAME.includes(e.place) ? 1 : 0, e.place === 'unknown' ? 1 : 0, e.place === 'conflict' || e.place === 'apart' ? 1 : 0, e.category,
  ];
}

/**
 * Shipped defaults: fitted (L2 1) on every labelled set of bench/sets that has been run (not a blind one waiting) and the team's earlier
 * fixtures (bench/clue-learning.ts prints them): eight counties' voices, so that before any decision the model is
 * not one county's. Fitted without each of the newer sets in turn, the weights did at least as well on it as the ones they replaced
 * (bench/README §6).
 */
export const DEFAULT_PAIR_WEIGHTS: readonly number[] = [-2.344, 0.488, 0.999, -1.989, 3.992, 2.453, -1.137, -1.515, -1.647, -2.805, 0.936];

/** L2 pull on the bias (index 0). */
const BIAS_PULL = 50;

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function pairProbability(weights: readonly number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (weights[i] ?? 0) * x[i];
  return sigmoid(z);
}

export interface PairExample {
  x: number[];
  /** 1: the same problem (merged), 0: not (不是同一问题). */
  y: 0 | 1;
}

/** Solves A·x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let v = m[r][n];
    for (let k = r + 1; k < n; k++) v -= m[r][k] * x[k];
    x[r] = v / m[r][r];
  }
  return x;
}

/**
 * Logistic regression by Newton's method, with an L2 pull of strength `l2` towards `prior` (the shipped
 * weights; the bias much harder, BIAS_PULL): minimises Σ logloss + ½ Σ λᵢ (wᵢ − priorᵢ)².
 */
export function fitPairWeights(examples: PairExample[], prior: readonly number[] = DEFAULT_PAIR_WEIGHTS, opts: { l2?: number; iterations?: number; biasPull?: number } = {}): number[] {
  const l2 = opts.l2 ?? 10;
  const w = [...prior];
  if (!examples.length) return w;
  const d = w.length;
  // The pull is per unit of the feature's own spread (its mean square over the examples, at least 1): the
  // evidence logits run to ±7, so a plain pull let a dozen decisions swing their weights (recall 0.92 → 0.68).
  const scale = prior.map((_, i) => Math.max(1, examples.reduce((a, e) => a + e.x[i] * e.x[i], 0) / examples.length));
  const lambda = prior.map((_, i) => (i === 0 ? (opts.biasPull ?? BIAS_PULL) : l2 * scale[i]));
  for (let it = 0; it < (opts.iterations ?? 25); it++) {
    const g = w.map((wi, i) => lambda[i] * (wi - prior[i]));
    const h = w.map((_, i) => w.map((__, j) => (i === j ? lambda[i] : 0)));
    for (const { x, y } of examples) {
      const p = pairProbability(w, x);
      const s = p * (1 - p);
      for (let i = 0; i < d; i++) {
        g[i] += (p - y) * x[i];
        for (let j = 0; j < d; j++) h[i][j] += s * x[i] * x[j];
      }
    }
    const step = solve(h, g);
    let moved = 0;
    for (let i = 0; i < d; i++) {
      w[i] -= step[i];
      moved = Math.max(moved, Math.abs(step[i]));
    }
    if (moved < 1e-6) break;
  }
  return w.map((v) => Math.round(v * 1000) / 1000);
}

/** Mean log loss of weights on examples (lower is better). */
function logLoss(weights: readonly number[], examples: PairExample[]): number {
  let sum = 0;
  for (const { x, y } of examples) {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, pairProbability(weights, x)));
    sum -= y ? Math.log(p) : Math.log(1 - p);
  }
  return sum / Math.max(1, examples.length);
}

export interface LearnedPairWeights {
  weights: readonly number[];
  /** Whether the county's refit is in use: it predicted held-out decisions better than the defaults. */
  adopted: boolean;
  /** Held-out log loss of the refit and of the defaults (k-fold over the decisions), when there were enough. */
  heldOut: { learned: number; defaults: number } | null;
}

/**
 * The county's weights from its decisions, used only when they predict decisions they were not fitted on better
 * than the shipped defaults (k-fold, up to 5 folds): staff decide on the hard pairs the panel shows, and a refit
 * on a few dozen of those can trade much recall for a little precision (bench/README §6). Fewer than
 * `minDecisions` decisions: the defaults.
 */
export function learnPairWeights(examples: PairExample[], minDecisions: number): LearnedPairWeights {
  if (examples.length < minDecisions) return { weights: DEFAULT_PAIR_WEIGHTS, adopted: false, heldOut: null };
  const folds = Math.min(5, examples.length);
  let learned = 0;
  let defaults = 0;
  // Held-out merges the refit would still suggest, against the defaults: a refit that finds fewer is not adopted,
  // however much better its loss (on 澥峿 one traded recall on later pairs 0.756 → 0.689 for a lower loss).
  let foundLearned = 0;
  let foundDefaults = 0;
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((_, i) => i % folds !== f);
    const test = examples.filter((_, i) => i % folds === f);
    const w = fitPairWeights(train);
    learned += logLoss(w, test) * test.length;
    defaults += logLoss(DEFAULT_PAIR_WEIGHTS, test) * test.length;
    for (const e of test) {
      if (!e.y) continue;
      if (pairProbability(w, e.x) >= 0.5) foundLearned++;
      if (pairProbability(DEFAULT_PAIR_WEIGHTS, e.x) >= 0.5) foundDefaults++;
    }
  }
  const mean = (sum: number) => Math.round((sum / examples.length) * 10_000) / 10_000;
  const heldOut = { learned: mean(learned), defaults: mean(defaults) };
  const adopted = heldOut.learned < heldOut.defaults && foundLearned >= foundDefaults;
  return { weights: adopted ? fitPairWeights(examples) : DEFAULT_PAIR_WEIGHTS, adopted, heldOut };
}
