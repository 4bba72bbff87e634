/** Route-matrix fixtures of the task module (see server/src/test/fixtures.ts). */
import type { ModuleFixtures } from '../../test/fixtures.ts';
import { createUnit } from '../../test/helper.ts';

let seq = 0;

const fixtures: ModuleFixtures = {
  sampleBodies: {
    'POST /api/v1/tasks/:id/transitions/:name': { version: 1, reason: '请尽快办理' },
    'POST /api/v1/unit/tasks/:id/transitions/:name': { version: 1 },
    'POST /api/v1/unit/tasks/:id/progress': { version: 1, note: '已完成一半' },
  },
  paramSamples: {
    /** An action each side offers. */
    name: (url) => (url.startsWith('/api/v1/unit/tasks/') ? 'start' : url.startsWith('/api/v1/tasks/') ? 'remind' : undefined),
  },
  entities: {
    /**
     * A task owned by the unit of the user the matrix acts as, when that user belongs to one (so the unit
     * portal's routes reach it), else by a new unit. Its title and code must not leak to another county.
     */
    tasks: async ({ db, county, userId }) => {
      const user = await db.selectFrom('users').select('unit_id').where('id', '=', userId).executeTakeFirst();
      const unitId = user?.unit_id ?? (await createUnit(db, county.id)).id;
      const title = `只属于本县的落实事项${Date.now().toString(36)}${++seq}`;
      const code = `RWT-${Date.now().toString(36)}${seq}`;
      const row = await db.insertInto('tasks').values({
        tenant_id: county.id, code, title, description: null, owner_unit_id: unitId, parent_type: null, parent_id: null, state: 'in_progress',
        version: 1, due_at: null, measure_label: null, measure_unit: null, measure_target: null, measure_current: null, created_by: null,
        created_at: new Date().toISOString(), verified_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id, secrets: [title, code] };
    },
  },
  ownRowUnreachable: {
    'GET /api/v1/tasks/:id/files/:fileId': 'the sample file id names no file',
  },
};

export default fixtures;
