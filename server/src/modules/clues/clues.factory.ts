/**
 * Test factories for 直通政协: a county with its staff and a handling unit, clues submitted through
 * the public API (each from its own client address, so the per-address limit is not what a test
 * meets), and clues walked through the workflow to any state by the same API staff and units use.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { clientFor, createCounty, createUnit, nextAddress, type Client, type TestEnv } from '../../test/helper.ts';
import { supportTokens } from './clues.service.ts';

export interface SubmittedClue {
  id: number;
  code: string;
  /** The one-time secret shown at submission. */
  secret: string;
}

export interface ClueWorld {
  county: Awaited<ReturnType<typeof createCounty>>;
  staff: Client;
  staffUser: { id: number; username: string };
  unit: { id: number; name: string };
  /** A handler of `unit`. */
  handler: Client;
  handlerUser: { id: number; username: string };
}

/** A county with a staff member, and a unit with one handler. */
export async function createClueWorld(env: TestEnv): Promise<ClueWorld> {
  const county = await createCounty(env.db);
  const unit = await createUnit(env.db, county.id);
  const s = await clientFor(env, county.id, ['staff']);
  const h = await clientFor(env, county.id, ['unit_handler'], { unitId: unit.id });
  return { county, staff: s.client, staffUser: s.user, unit, handler: h.client, handlerUser: h.user };
}

let seq = 0;
/** A distinct, valid text each call, so the duplicate guard never refuses a factory clue. */
export const uniqueContent = (base = '东街路口的路灯不亮已经两个星期了，晚上行人很不安全') => `${base}（第${++seq}次反映，${Date.now().toString(36)}）`;

/** A valid submit body for the county; `extra` overrides any field. */
export function clueBody(county: { townshipId: number }, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'problem', category: 'roads', content: uniqueContent(), townshipId: county.townshipId, channel: 'h5', ...extra };
}

/** POST a submit body as a citizen (from a fresh address unless one is given); the raw response. */
export function postClue(env: TestEnv, countyId: number, body: unknown, remoteAddress = nextAddress()): Promise<LightMyRequestResponse> {
  return env.app.inject({ method: 'POST', url: `/api/v1/public/counties/${countyId}/clues`, payload: body as object, remoteAddress });
}

/** Submit a clue through the public API and find its row id. */
export async function submitClue(env: TestEnv, county: { id: number; townshipId: number }, extra: Record<string, unknown> = {}): Promise<SubmittedClue> {
  const res = await postClue(env, county.id, clueBody(county, extra));
  expect(res.statusCode, res.body).toBe(201);
  const { code, secret } = res.json() as { code: string; secret: string };
  const row = await env.db.selectFrom('clues').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return { id: row.id, code, secret };
}

/** A citizen call to a public endpoint (track, rate, recheck, supplement, support). */
export function publicPost(env: TestEnv, url: string, body: unknown, remoteAddress = nextAddress()): Promise<LightMyRequestResponse> {
  return env.app.inject({ method: 'POST', url: `/api/v1/public${url}`, payload: body as object, remoteAddress });
}

/** The clue's support token (what a similar-clues hint hands out for "我也遇到了"), made if it has none yet. */
export async function supportTokenOf(env: TestEnv, c: { id: number }): Promise<string> {
  const row = await env.db.selectFrom('clues').select('tenant_id').where('id', '=', c.id).executeTakeFirstOrThrow();
  return (await supportTokens(env.db, row.tenant_id, [c.id])).get(c.id)!;
}

/** The clue's current version as its row holds it. */
export async function versionOf(env: TestEnv, id: number): Promise<number> {
  return (await env.db.selectFrom('clues').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}

/**
 * Fire a transition as `client` through the staff routes (or the unit portal), with the clue's
 * current version unless the body names one.
 */
export async function act(env: TestEnv, client: Client, id: number, name: string, body: Record<string, unknown> = {}, portal: 'clues' | 'unit/clues' = 'clues') {
  return client.post(`/api/v1/${portal}/${id}/transitions/${name}`, { version: await versionOf(env, id), ...body });
}

/** Like `act`, but the transition must succeed. */
export async function must(env: TestEnv, client: Client, id: number, name: string, body: Record<string, unknown> = {}, portal: 'clues' | 'unit/clues' = 'clues') {
  const res = await act(env, client, id, name, body, portal);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  return res.json() as { state: string; version: number; [k: string]: unknown };
}

export type Stage = 'submitted' | 'accepted' | 'forwarded' | 'replied' | 'resolved' | 'closed';
const ORDER: Stage[] = ['submitted', 'accepted', 'forwarded', 'replied', 'resolved', 'closed'];

/**
 * A clue walked through the API to `stage`: staff accept and forward to the world's unit, the unit
 * replies, staff resolve, the citizen rates (`rating`, default satisfied) to close it.
 */
export async function clueAt(env: TestEnv, w: ClueWorld, stage: Stage, extra: Record<string, unknown> = {}, rating = 'satisfied'): Promise<SubmittedClue> {
  const c = await submitClue(env, w.county, extra);
  const upTo = ORDER.indexOf(stage);
  if (upTo >= 1) await must(env, w.staff, c.id, 'accept');
  if (upTo >= 2) await must(env, w.staff, c.id, 'forward', { unitId: w.unit.id });
  if (upTo >= 3) await must(env, w.handler, c.id, 'reply', { replyText: '已安排维修人员更换灯泡，现已恢复照明。' }, 'unit/clues');
  if (upTo >= 4) await must(env, w.staff, c.id, 'resolve');
  if (upTo >= 5) {
    const res = await publicPost(env, '/clues/rate', { code: c.code, secret: c.secret, rating });
    expect(res.statusCode, res.body).toBe(200);
  }
  return c;
}

/** Rows of a table for one clue, for "exactly one" and "nothing changed" checks. */
export async function eventsOf(env: TestEnv, id: number) {
  return env.db.selectFrom('case_events').selectAll().where('case_type', '=', 'clue').where('case_id', '=', id).orderBy('id').execute();
}

export async function countClues(env: TestEnv): Promise<number> {
  const r = await env.db.selectFrom('clues').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A message in Chinese (at least one CJK character). */
export const CHINESE = /[\u4e00-\u9fff]/;
