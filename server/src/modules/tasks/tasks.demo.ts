/** Demo tasks in 嵩县: one per stage, so the staff list, 我的任务 (songxian.unit) and the join rule all show something. */
import type { Actor } from '@xs/core/workflow.ts';
import { TaskCreateSchema } from '@xs/core/schemas/tasks.ts';
import type { Db } from '../../db/database.ts';
import { actOnTask, createTask, reportProgress } from './tasks.service.ts';

export async function seedDemoTasks(db: Db, ctx: { songxianId: number; now: Date }) {
  const tenantId = ctx.songxianId;
  if (!tenantId) return;
  const units = await db.selectFrom('units').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('id').execute();
  if (units.length === 0) return;
  const unitOf = (part: string) => units.find((u) => u.name.includes(part))?.id ?? units[0]!.id;
  const staffUser = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'songxian.staff').executeTakeFirst();
  const unitUser = await db.selectFrom('users').select(['id', 'display_name', 'unit_id']).where('username', '=', 'songxian.unit').executeTakeFirst();
  if (!staffUser || !unitUser?.unit_id) return;
  const staff = { tenantId, actor: { id: staffUser.id, name: staffUser.display_name, roles: ['staff'] } satisfies Actor };
  const handler = { tenantId, unitId: unitUser.unit_id, actor: { id: unitUser.id, name: unitUser.display_name, roles: ['unit_handler'], unitId: unitUser.unit_id } satisfies Actor };

  // Owned by the demo handler's unit, signed for and half done.
  const roads = await createTask(db, staff, TaskCreateSchema.parse({
    title: '农村公路“四好”示范路建设', description: '委员视察发现部分村道路面破损，县政府承诺年内完成示范路改造。',
    ownerUnitId: unitUser.unit_id, coUnitIds: [unitOf('农业农村')], days: 60, measureLabel: '完成改造里程', measureUnit: '公里', measureTarget: 120,
  }));
  await actOnTask(db, handler, roads.id, 'start', { version: roads.version });
  await reportProgress(db, handler, roads.id, { version: roads.version + 1, note: '已完成田湖镇、车村镇段改造，累计 45 公里', value: 45 });

  // The 308 village clinics, with a sub-task the demo handler's unit co-handles.
  const clinics = await createTask(db, staff, TaskCreateSchema.parse({
    title: '村卫生室标准化建设', description: '协商议题“基层医疗服务能力提升”的成果：全县 308 个行政村卫生室年内全部达标。',
    ownerUnitId: unitOf('卫健委'), coUnitIds: [unitOf('民政')], days: 120, measureLabel: '达标村卫生室', measureUnit: '个', measureTarget: 308,
  }));
  await createTask(db, staff, TaskCreateSchema.parse({
    title: '偏远村卫生室道路通达', ownerUnitId: unitOf('住建'), coUnitIds: [unitUser.unit_id], days: 30, parentType: 'task', parentId: clinics.id,
  }));
}
