/**
 * Similar-clue detection measured on a labelled set (fixtures/similar-clues.json): each clue, in
 * submission order, is checked against every clue filed before it, as the public form does; each pair
 * the finder reports is a "same problem" decision, right when both clues carry the same group. Runs on
 * the dialect DATABASE_URL selects.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClueCategory, ClueChannel } from '@xs/core/schemas/clues.ts';
import { insertRawClue, serviceSearchTokens } from './fixtures/clue-rows.ts';
import { createCounty, createTestApp, DIALECT, type TestEnv } from '../../test/helper.ts';
import type { Db } from '../../db/database.ts';
import { addPlaces, addTownships } from '../../platform/search/segment.ts';
import { clueFeatures, findSimilarClues, scoreSimilarity, storedClueFeatures, SAME_PROBLEM_THRESHOLD } from './clues.similar.ts';
import fixture from './fixtures/similar-clues.json';

interface FixtureClue {
  id: string;
  set: 'dev' | 'holdout';
  group: string | null;
  township: string;
  village: string | null;
  category: string;
  channel: string;
  place: string | null;
  content: string;
  note?: string;
}
const clues = fixture.clues as FixtureClue[];
const DEBUG = !!process.env.SIMILAR_DEBUG;

interface Orgs {
  tenantId: number;
  township: Map<string, number>;
  village: Map<string, number>;
}

/** The county of the fixture: its townships and villages as org rows. */
async function createFixtureCounty(db: Db): Promise<Orgs> {
  const county = await createCounty(db, `${fixture.county}${randomBytes(3).toString('hex')}`);
  const township = new Map<string, number>([['城关镇', county.townshipId]]);
  const village = new Map<string, number>([['东街村', county.villageId]]);
  const now = new Date().toISOString();
  for (const [tName, villages] of Object.entries(fixture.townships)) {
    let tId = township.get(tName);
    if (!tId) {
      tId = (await db.insertInto('orgs').values({ parent_id: county.id, tenant_id: county.id, kind: 'township', name: tName, code: null, sort: township.size + 1, created_at: now, version: 1 })
        .returning('id').executeTakeFirstOrThrow()).id;
      township.set(tName, tId);
    }
    for (const vName of villages) {
      if (village.has(vName)) continue;
      const v = await db.insertInto('orgs').values({ parent_id: tId, tenant_id: county.id, kind: 'village', name: vName, code: null, sort: village.size + 1, created_at: now, version: 1 })
        .returning('id').executeTakeFirstOrThrow();
      village.set(vName, v.id);
    }
  }
  return { tenantId: county.id, township, village };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const precision = (t: Tally) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1);
const recall = (t: Tally) => (t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1);
const fmt = (t: Tally) => `precision ${precision(t).toFixed(3)} (${t.tp}/${t.tp + t.fp}), recall ${recall(t).toFixed(3)} (${t.tp}/${t.tp + t.fn})`;

describe(`similar clues on the labelled set (${DIALECT})`, () => {
  let env: TestEnv;
  let orgs: Orgs;
  /** mode → set → tally. Modes: what the public form sends (text, township, category), and what staff have (plus place and village). */
  const tallies = { form: { dev: { tp: 0, fp: 0, fn: 0 }, holdout: { tp: 0, fp: 0, fn: 0 } }, full: { dev: { tp: 0, fp: 0, fn: 0 }, holdout: { tp: 0, fp: 0, fn: 0 } } };
  const latencies: number[] = [];
  let top1 = { right: 0, asked: 0 };

  beforeAll(async () => {
    env = await createTestApp();
    orgs = await createFixtureCounty(env.db);
    // What a county configures: its townships as words, villages, roads, estates and landmarks as places.
    addTownships(Object.keys(fixture.townships));
    addPlaces(Object.values(fixture.townships).flat(), 'village');
    addPlaces(fixture.places);

    const idOf = new Map<number, FixtureClue>();
    const start = Date.now() - 120 * 86_400_000;
    for (const [i, c] of clues.entries()) {
      const townshipId = orgs.township.get(c.township)!;
      const villageId = c.village ? orgs.village.get(c.village)! : null;
      const earlierSame = clues.slice(0, i).filter((e) => c.group && e.group === c.group).map((e) => e.id);
      for (const mode of ['form', 'full'] as const) {
        const t0 = performance.now();
        const found = await findSimilarClues(env.db, orgs.tenantId, {
          content: c.content, townshipId, category: c.category as ClueCategory,
          ...(mode === 'full' ? { place: c.place, villageId } : {}),
        });
        latencies.push(performance.now() - t0);
        const predicted = found.map((f) => idOf.get(f.id)!);
        const tally = tallies[mode][c.set];
        for (const p of predicted) {
          if (c.group && p.group === c.group) tally.tp++;
          else {
            tally.fp++;
            if (DEBUG) debugPair(mode, c, p, found.find((f) => idOf.get(f.id) === p)!.score);
          }
        }
        for (const e of earlierSame) {
          if (!predicted.some((p) => p.id === e)) {
            tally.fn++;
            if (DEBUG) debugPair(mode, c, clues.find((x) => x.id === e)!, null);
          }
        }
        if (mode === 'form' && earlierSame.length) {
          top1.asked++;
          if (predicted[0] && predicted[0].group === c.group) top1.right++;
        }
      }
      const row = await insertRawClue(env.db, orgs.tenantId, {
        content: c.content, place: c.place, category: c.category as ClueCategory, channel: c.channel as ClueChannel, townshipId,
        townshipName: c.township, villageId, villageName: c.village, createdAt: new Date(start + i * 3_600_000),
      });
      idOf.set(row.id, c);
    }
  });

  afterAll(async () => {
    await env?.close();
  });

  function debugPair(mode: string, q: FixtureClue, r: FixtureClue, score: number | null) {
    const rq = { content: q.content, place: mode === 'full' ? q.place : null, category: q.category as ClueCategory, villageId: null };
    const rr = storedClueFeatures({ search_tokens: serviceSearchTokens(r.content, r.place, r.township, r.village), place: r.place, category: r.category as ClueCategory, village_id: null });
    const s = scoreSimilarity(clueFeatures(rq), rr);
    console.log(`${score === null ? 'MISS' : 'FALSE'} [${mode}] ${q.id}(${q.group ?? '-'}) ~ ${r.id}(${r.group ?? '-'}) score ${score ?? s.score} ${JSON.stringify(s.evidence)} ${s.reason}\n    ${q.content}\n    ${r.content}`);
  }

  it('decides "same problem" pairs with precision and recall ≥ 0.85', () => {
    const sum = (a: Tally, b: Tally): Tally => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
    const groups = new Set(clues.filter((c) => c.group).map((c) => c.group));
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log([
      `similar clues [${DIALECT}] ${clues.length} clues, ${groups.size} groups, threshold ${SAME_PROBLEM_THRESHOLD}`,
      ...(['form', 'full'] as const).flatMap((m) => [
        `  ${m === 'form' ? 'text+township+category' : 'plus place+village   '} all: ${fmt(sum(tallies[m].dev, tallies[m].holdout))}`,
        `      dev: ${fmt(tallies[m].dev)}`,
        `      holdout: ${fmt(tallies[m].holdout)}`,
      ]),
      `  nearest reported clue is a true duplicate: ${top1.right}/${top1.asked}`,
      `  query latency (${latencies.length} queries, small db) p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(2)} ms`,
    ].join('\n'));
    for (const m of ['form', 'full'] as const) {
      const all = sum(tallies[m].dev, tallies[m].holdout);
      expect(precision(all), m).toBeGreaterThanOrEqual(0.85);
      expect(recall(all), m).toBeGreaterThanOrEqual(0.85);
    }
  });
});
