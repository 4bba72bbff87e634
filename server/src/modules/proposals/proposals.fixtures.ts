/** Route-matrix fixtures of the proposal module (see server/src/test/fixtures.ts). */
import type { Db } from '../../db/database.ts';
import type { ModuleFixtures, TestCounty } from '../../test/fixtures.ts';
import { createMember, createUnit, uniq } from '../../test/helper.ts';

/** A term and session of the county, made once per county. */
async function sessionOf(db: Db, county: TestCounty): Promise<number> {
  const existing = await db.selectFrom('proposal_sessions').select('id').where('tenant_id', '=', county.id).executeTakeFirst();
  if (existing) return existing.id;
  const now = new Date().toISOString();
  const term = await db.insertInto('proposal_terms').values({ tenant_id: county.id, number: 1, name: '第一届', start_year: 2022, end_year: 2026, created_at: now })
    .returning('id').executeTakeFirstOrThrow();
  const s = await db.insertInto('proposal_sessions').values({ tenant_id: county.id, term_id: term.id, number: 4, name: '一届四次会议', opens_on: '2026-01-10', deadline_on: '2026-01-12', created_at: now })
    .returning('id').executeTakeFirstOrThrow();
  return s.id;
}

/** The member the user acts as, linked on the spot when the user is a member without one. */
async function memberOf(db: Db, county: TestCounty, userId: number): Promise<number> {
  const user = await db.selectFrom('users').select(['member_id', 'roles', 'tenant_id']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.member_id) return user.member_id;
  const m = await createMember(db, county.id);
  if (user.tenant_id === county.id && user.roles.includes('"member"')) await db.updateTable('users').set({ member_id: m.id }).where('id', '=', userId).execute();
  return m.id;
}

async function proposal(db: Db, county: TestCounty, userId: number, state: 'submitted' | 'assigned') {
  const sessionId = await sessionOf(db, county);
  const memberId = await memberOf(db, county, userId);
  const title = uniq('只属于本县的提案');
  const now = new Date().toISOString();
  const row = await db.insertInto('proposals').values({
    tenant_id: county.id, session_id: sessionId, number: null, code: uniq('TA'), title, category: '社会建设', reason: '案由', suggestion: '建议', author_kind: 'member',
    sector_id: null, committee_id: null, party_name: null, lead_member_id: memberId, timing: 'regular', state, version: 1, due_at: null, year: 2026,
    submitted_at: now, registered_at: null, replied_at: null, closed_at: null, not_registered_ground: null, merged_into_id: null, handling_mode: null,
    result_class: null, key_year: null, key_leader: null, round: 1, search_tokens: title, created_by: null, created_at: now, updated_at: now,
  }).returning(['id', 'code']).executeTakeFirstOrThrow();
  await db.insertInto('proposal_signers').values({ tenant_id: county.id, proposal_id: row.id, member_id: memberId, role: 'lead', position: 0, confirmed_at: now, declined_at: null, from_proposal_id: null }).execute();
  return { id: row.id, secrets: [title, row.code] };
}

const fixtures: ModuleFixtures = {
  sampleBodies: {
    'POST /api/v1/proposals/:id/register': { version: 1 },
    'POST /api/v1/proposals/:id/not-register': { version: 1, ground: 'vague', note: '没有具体建议' },
    'POST /api/v1/proposals/:id/merge': { version: 1, targetId: 2_000_000 },
    'POST /api/v1/proposals/:id/assign': { version: 1, mode: 'separate', unitIds: [2_000_000, 2_000_001] },
    'POST /api/v1/proposals/:id/evaluations': { version: 1, memberId: 2_000_000, handling: 'satisfied', result: 'satisfied' },
    'POST /api/v1/proposals/:id/key': { version: 1, year: 2026, leader: '县委副书记 王某' },
    'POST /api/v1/proposals/:id/supervision': { version: 1, kind: 'visit', note: '实地察看', on: '2026-05-01' },
    'POST /api/v1/proposals/:id/remind': { version: 1, reason: '请尽快办理' },
    'PUT /api/v1/my/proposals/:id': { version: 1, draft: { title: '改个标题试试' } },
    'POST /api/v1/my/proposals/:id/submit': { version: 1 },
    'POST /api/v1/my/proposals/:id/withdraw': { version: 1 },
    'POST /api/v1/my/proposals/:id/cosign': { version: 1, accept: true },
    'POST /api/v1/my/proposals/:id/evaluate': { version: 1, handling: 'satisfied', result: 'satisfied' },
    'POST /api/v1/proposal-assignments/:id/transitions/:name': { version: 1, reason: '请尽快办理' },
    'POST /api/v1/unit/proposals/:id/transitions/:name': { version: 1, reason: '已电话联系提案人' },
    'POST /api/v1/unit/proposals/:id/reply': { version: 1, resultClass: 'B', summary: '正在解决', letterFileId: 2_000_000 },
  },
  paramSamples: {
    name: (url) => (url.startsWith('/api/v1/unit/proposals/') ? 'contact' : url.startsWith('/api/v1/proposal-assignments/') ? 'remind' : undefined),
  },
  entities: {
    proposals: async ({ db, county, userId }) => proposal(db, county, userId, 'submitted'),
    /** An assignment of the unit of the user the matrix acts as, when that user belongs to one, else of a new unit. */
    proposal_assignments: async ({ db, county, userId }) => {
      const p = await proposal(db, county, userId, 'assigned');
      const user = await db.selectFrom('users').select(['unit_id', 'tenant_id']).where('id', '=', userId).executeTakeFirstOrThrow();
      const unitId = user.unit_id && user.tenant_id === county.id ? user.unit_id : (await createUnit(db, county.id)).id;
      const a = await db.insertInto('proposal_assignments').values({
        tenant_id: county.id, proposal_id: p.id, parent_type: 'proposal', parent_id: p.id, unit_id: unitId, role: 'lead', state: 'assigned', version: 1,
        due_at: null, assigned_at: new Date().toISOString(), contacted_at: null, contact_note: null, views: null, replied_at: null, result_class: null, summary: null, letter_file_id: null,
      }).returning('id').executeTakeFirstOrThrow();
      return { id: a.id, secrets: p.secrets };
    },
  },
  ownRowUnreachable: {
    'GET /api/v1/proposal-assignments/:id/letter': 'the assignment has not replied, so there is no letter',
    'GET /api/v1/proposal-assignments/:id/letter.docx': 'the assignment has not replied, so there is no reply yet',
  },
};

export default fixtures;
