/** Route-matrix fixtures of 协商议事 (see server/src/test/fixtures.ts). */
import { randomBytes } from 'node:crypto';
import type { ModuleFixtures } from '../../test/fixtures.ts';

let seq = 0;
const MISSING = 2_147_483_647;

const fixtures: ModuleFixtures = {
  sampleBodies: {
    'POST /api/v1/consultations/topics/:id/transitions/:name': { version: 1, briefing: '县政府关于该事项的情况通报' },
    'POST /api/v1/consultations/topics/:id/decisions/:name': { version: 1 },
    'POST /api/v1/consultations/meetings/:id/hold': { version: 1, minutes: '会议纪要' },
    'POST /api/v1/consultations/meetings/:id/qa': { question: '路口何时设置警示标志', askedBy: '村民代表', askerKind: 'citizen' },
    'POST /api/v1/consultations/meetings/:id/participants/:participantId/absence': { approve: true },
    'POST /api/v1/member/meetings/:id/absence': { reason: '外出开会' },
    'POST /api/v1/consultations/meetings/:id/public': { version: 1, openToPublic: true, capacity: 10, publicIntro: '欢迎群众代表参加' },
    'POST /api/v1/consultations/meetings/:id/signups/:signupId/decision': { accept: true },
  },
  paramSamples: {
    name: (url) => (url.startsWith('/api/v1/consultations/topics/:id/transitions/') ? 'brief' : url.startsWith('/api/v1/consultations/topics/:id/decisions/') ? 'approve' : undefined),
    qaId: (url) => (url.startsWith('/api/v1/consultations/') ? MISSING : undefined),
    participantId: (url) => (url.startsWith('/api/v1/consultations/') ? MISSING : undefined),
    signupId: (url) => (url.startsWith('/api/v1/consultations/') ? MISSING : undefined),
  },
  entities: {
    topics: async ({ db, county }) => {
      const title = `只属于本县的协商议题${Date.now().toString(36)}${++seq}`;
      const code = `YTT-${Date.now().toString(36)}${seq}`;
      const row = await db.insertInto('topics').values({
        tenant_id: county.id, code, title, description: null, source: 'member', source_note: null, format: 'special', level: 'county', place_id: null,
        venue_id: null, state: 'informing', version: 1, due_at: null, briefing: null, survey: null, approved_at: null, approved_by: null, outcome: null,
        report_sent_at: null, decision: null, instruction: null, summary: null, publish_note: null, published_at: null, plan_year: null, plan_month: null,
        created_by: null, created_at: new Date().toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id, secrets: [title, code] };
    },
    meetings: async ({ db, county }) => {
      const title = `只属于本县的协商会${Date.now().toString(36)}${++seq}`;
      const row = await db.insertInto('meetings').values({
        tenant_id: county.id, topic_id: null, kind: 'consult', title, starts_at: new Date(Date.now() + 86_400_000).toISOString(), venue_id: null, place_id: null,
        address: null, agenda: '议程', open_public: 0, state: 'planned', version: 1, checkin_token: randomBytes(18).toString('base64url'), minutes: null,
        findings: null, beneficiaries: null, held_at: null, created_by: null, created_at: new Date().toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id, secrets: [title] };
    },
  },
  ownRowUnreachable: {
    'POST /api/v1/consultations/meetings/:id/qa/:qaId/task': 'the sample Q&A id names no item',
    'POST /api/v1/consultations/meetings/:id/participants/:participantId/absence': 'the sample participant id names nobody',
    'GET /api/v1/consultations/meetings/:id/files/:fileId': 'the sample file id names no file',
    'POST /api/v1/member/meetings/:id/absence': 'the matrix member is not invited to the sample meeting',
    'POST /api/v1/consultations/meetings/:id/signups/:signupId/decision': 'the sample sign-up id names nobody',
  },
};

export default fixtures;
