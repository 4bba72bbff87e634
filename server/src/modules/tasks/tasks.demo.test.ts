/** The demo tasks: the demo handler's unit sees the task it owns and the sub-task it co-handles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed.ts';
import { DEMO_PASSWORD } from '../../demo/luoyang.data.ts';
import { createTestApp, DIALECT, login, type TestEnv } from '../../test/helper.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
  await seedDemo(env.db);
});
afterAll(async () => env.close());

describe(`the demo tasks (${DIALECT})`, () => {
  it('gives songxian.unit its own task in progress and a co-handled sub-task, each with a running deadline clock', async () => {
    const unit = await login(env.app, 'songxian.unit', DEMO_PASSWORD);
    const res = await unit.get('/api/v1/unit/tasks');
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { title: string; state: string; mine: boolean; measure: { current: number } | null }[] }).items;
    expect(items).toEqual(expect.arrayContaining([
      expect.objectContaining({ title: '农村公路“四好”示范路建设', state: 'in_progress', mine: true, measure: expect.objectContaining({ current: 45 }) }),
      expect.objectContaining({ title: '偏远村卫生室道路通达', state: 'assigned', mine: false }),
    ]));
    // The tasks module's own demo tasks (no parent, or a parent task); topics and proposals seed tasks of their own.
    const own = env.db.selectFrom('tasks').select('id').where((eb) => eb.or([eb('parent_type', 'is', null), eb('parent_type', '=', 'task')]));
    const clocks = await env.db.selectFrom('case_clocks').select(['name', 'stopped_at']).where('case_type', '=', 'task').where('case_id', 'in', own).execute();
    expect(clocks.length).toBe(3);
    expect(clocks.every((c) => c.name === 'deadline' && c.stopped_at === null)).toBe(true);
  });
});
