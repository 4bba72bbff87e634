/**
 * Demo clues for the city's other 14 counties, so the city's comparison has something to compare: each county a
 * year of clues with its own volume, speed and satisfaction (嵩县's detailed demo is clues.demo.ts). Every clue
 * has the timeline that leads to its state, with the forward's deadline, so the unit figures read them as real.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { ClueCategory, ClueState } from '@xs/core/schemas/clues.ts';
import { addWorkingDays, EMPTY_CALENDAR } from '@xs/core/calendar.ts';
import type { Db } from '../../db/database.ts';
import { clueSearchTokens, ensurePlaceNames } from './clues.similar.ts';
import type { CluesTable } from './clues.table.ts';
import { backfillClueClocks } from './clues.clocks.ts';

const TEXTS: [ClueCategory, string][] = [
  ['roads', '{t}主干道有一段路面坑洼积水，车辆经过溅水，行人无法通行。'],
  ['utilities', '{t}部分小区夜间路灯不亮已经十多天，居民出行不便。'],
  ['environment', '{t}农贸市场周边垃圾清运不及时，气味很大。'],
  ['traffic', '{t}中学门口上下学时段车辆乱停，存在安全隐患。'],
  ['elderly', '{t}希望增设老年助餐点，方便独居老人吃饭。'],
  ['health', '{t}卫生院周末没有儿科医生，孩子看病要跑县城。'],
  ['housing', '{t}老旧小区外墙脱落，下雨天漏水。'],
  ['agriculture', '{t}灌溉渠年久失修，春灌时水送不到田里。'],
];

let seed = 20261204;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** Tracking-code tails that no 嵩县 demo code has (those are digits, Z and X). */
const LETTERS = 'ABCDEFGHJKMNPQRSTUVW';

export async function seedCountyDemoClues(db: Db, ctx: { songxianId: number; now: Date }) {
  const city = await db.selectFrom('orgs').select('parent_id').where('id', '=', ctx.songxianId).executeTakeFirst();
  if (!city?.parent_id) return;
  const counties = await db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', city.parent_id).where('kind', '=', 'county')
    .where('id', '!=', ctx.songxianId).orderBy('id').execute();
  for (const [i, county] of counties.entries()) {
    const townships = await db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', county.id).where('kind', '=', 'township').execute();
    const units = await db.selectFrom('units').select(['id']).where('tenant_id', '=', county.id).execute();
    if (!townships.length || !units.length) continue;
    const analyzer = await ensurePlaceNames(db, county.id);
    // Each county its own profile: how many clues, how fast its units answer, how content people are.
    const volume = 40 + ((i * 37) % 110);
    const onTime = 0.55 + ((i * 7) % 5) * 0.09;
    const content = 0.62 + ((i * 3) % 7) * 0.05;
    const staff = `${county.name.replace('政协', '')}政协工作人员`;
    const rows: { row: Insertable<CluesTable>; events: { transition: string; label: string; from: string | null; to: string; actor: string; kind: 'user' | 'public'; data: Record<string, unknown> | null; note: string | null; at: string }[] }[] = [];
    for (let n = 0; n < volume; n++) {
      const [category, text] = pick(TEXTS);
      const township = pick(townships);
      const created = new Date(ctx.now.getTime() - Math.floor(rand() * 360 + 1) * 86_400_000 - Math.floor(rand() * 12) * 3600_000);
      const age = (ctx.now.getTime() - created.getTime()) / 86_400_000;
      const body = text.replace('{t}', township.name);
      const r = rand();
      // Recent clues are still on their way; older ones have mostly been answered.
      const path: string[] = age < 5 && r < 0.5 ? [] : r < 0.08 ? ['decline'] : age < 30 && r < 0.45 ? ['accept', 'forward']
        : r < 0.12 ? ['accept', 'forward', 'return'] : ['accept', 'forward', 'reply', 'resolve', ...(rand() < 0.85 ? ['rate'] : [])];
      const row: Insertable<CluesTable> = {
        tenant_id: county.id, code: '', secret_hash: createHash('sha256').update(`${county.id}-${n}-${rand()}`).digest('hex'), kind: 'problem', category,
        channel: pick(['h5', 'h5', 'wechat', 'hotline', 'qr_venue'] as const), content: body, township_id: township.id, village_id: null, place: null,
        venue_id: null, member_id: null, contact_name: null, contact_phone: null, consent_at: null, state: 'submitted', version: 1, due_at: null, unit_id: null,
        merged_into_id: null, reply_text: null, rating: null, rating_comment: null, supporters: Math.floor(rand() * 3), published: 0, public_summary: null,
        recheck_due_at: null, recheck_result: null, reminded_at: null, extension_days: 0,
        search_tokens: clueSearchTokens({ content: body, townshipName: township.name, tenantId: county.id, townshipId: township.id }, undefined, analyzer),
        content_hash: createHash('sha256').update(`${county.id}|${n}|${body}`).digest('hex'), created_at: created.toISOString(),
        accepted_at: null, forwarded_at: null, replied_at: null, resolved_at: null, closed_at: null,
      };
      const events: (typeof rows)[number]['events'] = [{ transition: 'submit', label: '群众提交', from: null, to: 'submitted', actor: '群众', kind: 'public', data: { channel: row.channel }, note: null, at: row.created_at }];
      let state = 'submitted' as ClueState;
      let at = created;
      let unitId = 0;
      let due = '';
      const step = (transition: string, label: string, to: ClueState, hours: number, data: Record<string, unknown> | null = null, note: string | null = null, actor = staff, kind: 'user' | 'public' = 'user') => {
        at = new Date(at.getTime() + hours * 3600_000);
        events.push({ transition, label, from: state, to, actor, kind, data, note, at: at.toISOString() });
        state = to;
      };
      for (const t of path) {
        switch (t) {
          case 'accept': step('accept', '采纳受理', 'accepted', 4 + rand() * 40); row.accepted_at = at.toISOString(); break;
          case 'decline': step('decline', '不予采纳', 'declined', 4 + rand() * 40, null, '该事项已由12345热线受理'); break;
          case 'forward': {
            unitId = pick(units).id;
            step('forward', '转办', 'forwarded', 2 + rand() * 30);
            due = addWorkingDays(at, 13, EMPTY_CALENDAR).toISOString();
            events[events.length - 1]!.data = { unitId, dueAt: due };
            row.forwarded_at = at.toISOString(); row.unit_id = unitId; row.due_at = due;
            break;
          }
          case 'return': step('return', '退回', 'returned', 24 + rand() * 72, { unitId }, '不属于本单位职责'); row.unit_id = null; break;
          case 'reply': {
            const days = rand() < onTime ? 3 + rand() * 14 : 20 + rand() * 20;
            step('reply', '单位答复', 'replied', days * 24, { unitId }, null, '承办单位');
            row.replied_at = at.toISOString(); row.reply_text = '经核查，已安排处理，现已整改完毕。';
            break;
          }
          case 'resolve': step('resolve', '办结', 'resolved', 24 + rand() * 48); row.resolved_at = at.toISOString(); break;
          case 'rate': {
            row.rating = rand() < content ? 'satisfied' : rand() < 0.6 ? 'basically' : 'unsatisfied';
            step('rate', '群众评价', 'closed', 24 + rand() * 120, { rating: row.rating }, null, '群众', 'public');
            row.closed_at = at.toISOString();
            break;
          }
        }
      }
      // A clue whose path would end in the future stays where today finds it.
      if (at > ctx.now) continue;
      row.state = state;
      row.version = events.length;
      if (state !== 'forwarded') row.due_at = state === 'submitted' ? addWorkingDays(created, 3, EMPTY_CALENDAR).toISOString() : null;
      rows.push({ row, events });
    }
    rows.sort((a, b) => String(a.row.created_at).localeCompare(String(b.row.created_at)));
    await db.transaction().execute(async (trx) => {
      for (const [n, { row, events }] of rows.entries()) {
        const d = String(row.created_at);
        row.code = `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${LETTERS[i % LETTERS.length]}${LETTERS[Math.floor(n / 400) % 20]}${LETTERS[Math.floor(n / 20) % 20]}${LETTERS[n % 20]}`;
        const inserted = await trx.insertInto('clues').values(row).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('case_events').values(events.map((e) => ({
          tenant_id: county.id, case_type: 'clue', case_id: inserted.id, transition: e.transition, label: e.label, from_state: e.from, to_state: e.to,
          actor_kind: e.kind, actor_id: null, actor_name: e.actor, note: e.note, data_json: e.data ? JSON.stringify(e.data) : null, at: e.at,
        }))).execute();
      }
      // The platform deadline job reads the clocks: the rows above carry due dates only.
      await backfillClueClocks(trx, county.id);
    });
  }
}
