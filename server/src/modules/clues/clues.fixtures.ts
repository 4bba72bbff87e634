/** Route-matrix fixtures of the clue module (see server/src/test/fixtures.ts). */
import type { ModuleFixtures } from '../../test/fixtures.ts';
import { createUnit } from '../../test/helper.ts';
import { submitClue, uniqueContent } from './clues.factory.ts';

let phones = 0;

const fixtures: ModuleFixtures = {
  sampleBodies: {
    'POST /api/v1/clues/:id/transitions/:name': { version: 1 },
    'POST /api/v1/clues/:id/publish': { summary: '路灯已修复，感谢反映。', publish: true },
    'POST /api/v1/clues/:id/supervise': { version: 1, instruction: '请抓紧办理，本周内答复群众。' },
    'POST /api/v1/unit/clues/:id/transitions/:name': { version: 1, replyText: '已安排维修。' },
    'POST /api/v1/clues/:id/accept-forward': { version: 1, unitId: 1, urgency: 'normal' },
    'POST /api/v1/unit/clues/:id/co-views': { version: 1, views: '同意主办单位的处理意见，我局配合。' },
  },
  paramSamples: {
    /** A transition each portal offers. */
    name: (url) => (url.startsWith('/api/v1/unit/clues/') ? 'reply' : url.startsWith('/api/v1/clues/') ? 'accept' : undefined),
  },
  entities: {
    clue_routing_rules: async ({ db, county }) => {
      const unit = await createUnit(db, county.id);
      const keywords = `关键词${uniqueContent('')}`;
      const r = await db.insertInto('clue_routing_rules').values({ tenant_id: county.id, category: null, keywords, unit_id: unit.id, note: null })
        .returning('id').executeTakeFirstOrThrow();
      return { id: r.id, secrets: [keywords, unit.name] };
    },
    clues: async ({ env, county }) => {
      const content = uniqueContent('反映一个只属于本县的问题：菜市场门口积水严重');
      // A phone of its own per clue: one number may submit only a few a day.
      const phone = `137${String(++phones).padStart(8, '0')}`;
      const c = await submitClue(env, county, { content, contactName: '秘密联系人', contactPhone: phone, consent: true });
      return { id: c.id, secrets: [c.code, c.secret, content, '秘密联系人', phone, `${phone.slice(0, 3)}****${phone.slice(-4)}`] };
    },
  },
  ownRowUnreachable: {
    'GET /api/v1/unit/clues/:id': 'the clue was not forwarded to this handler\'s unit',
    'POST /api/v1/unit/clues/:id/transitions/:name': 'the clue was not forwarded to this handler\'s unit',
    'POST /api/v1/unit/clues/:id/files': 'the clue was not forwarded to this handler\'s unit',
    'GET /api/v1/unit/clues/:id/files/:fileId': 'the sample file id names no file',
    'POST /api/v1/unit/clues/:id/co-views': 'this handler\'s unit was not asked for views on the clue',
  },
};

export default fixtures;
