/** 落实事项: the staff list, creation, detail and actions; the units' portal (我的任务) with progress and evidence. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  TaskCreateSchema, TaskDetailSchema, TaskListQuerySchema, TaskPageSchema, TaskProgressSchema, TaskTransitionBodySchema,
} from '@xs/core/schemas/tasks.ts';
import { UploadedFileSchema } from '@xs/core/schemas/common.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { actorOf, unitActorOf } from '../../platform/auth.ts';
import { readFile, receiveAttachment, sendStoredFile } from '../../platform/files.ts';
import { actOnTask, createTask, listTasks, reportProgress, requireUnitTask, taskDetail, taskFile } from './tasks.service.ts';

const IdParams = z.strictObject({ id: IdSchema });
const ActionParams = z.strictObject({ id: IdSchema, name: z.string().max(40) });
const FileParams = z.strictObject({ id: IdSchema, fileId: IdSchema });
const UnitListQuery = TaskListQuerySchema.pick({ page: true, pageSize: true, state: true, overdue: true, q: true });

const staff = actorOf;
const unit = unitActorOf;

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const tags = ['落实事项'];
  const unitTags = ['落实事项（承办单位）'];

  app.get('/tasks', {
    schema: { tags, summary: '落实事项列表（按状态、单位、超期、上级事项筛选）', querystring: TaskListQuerySchema, response: { 200: TaskPageSchema } },
    config: { permission: 'task.read' },
  }, async (req) => listTasks(db, staff(req), req.query));

  app.post('/tasks', {
    schema: { tags, summary: '交办落实事项（牵头单位、协办单位、时限、成效指标）', body: TaskCreateSchema, response: { 201: TaskDetailSchema } },
    config: { permission: 'task.manage' },
  }, async (req, reply) => {
    const row = await createTask(db, staff(req), req.body);
    reply.status(201);
    return taskDetail(db, staff(req), row.id);
  });

  app.get('/tasks/:id', {
    schema: { tags, summary: '落实事项详情（进展、材料、计时、子任务、流转记录、可执行操作及不可执行的原因）', params: IdParams, response: { 200: TaskDetailSchema } },
    config: { permission: 'task.read', entity: 'tasks' },
  }, async (req) => taskDetail(db, staff(req), req.params.id));

  app.post('/tasks/:id/transitions/:name', {
    schema: { tags, summary: '核验、退回、延期、撤销或催办', params: ActionParams, body: TaskTransitionBodySchema, response: { 200: TaskDetailSchema } },
    config: { permission: 'task.manage', entity: 'tasks' },
  }, async (req) => actOnTask(db, staff(req), req.params.id, req.params.name, req.body));

  app.get('/tasks/:id/files/:fileId', {
    schema: { tags, summary: '落实事项的佐证材料', params: FileParams },
    config: { permission: 'task.read', entity: 'tasks' },
  }, async (req, reply) => {
    const ctx = staff(req);
    const fileId = await taskFile(db, ctx, req.params.id, req.params.fileId);
    const { row, data } = await readFile(db, config.dataDir, ctx.tenantId, fileId);
    return sendStoredFile(reply, row, data);
  });

  app.get('/unit/tasks', {
    schema: { tags: unitTags, summary: '我的任务：本单位牵头或协办的落实事项', querystring: UnitListQuery, response: { 200: TaskPageSchema } },
    config: { permission: 'task.unit' },
  }, async (req) => listTasks(db, unit(req), { ...req.query }));

  app.get('/unit/tasks/:id', {
    schema: { tags: unitTags, summary: '本单位的落实事项详情', params: IdParams, response: { 200: TaskDetailSchema } },
    config: { permission: 'task.unit', entity: 'tasks' },
  }, async (req) => taskDetail(db, unit(req), req.params.id));

  app.post('/unit/tasks/:id/transitions/:name', {
    schema: { tags: unitTags, summary: '签收或报请核验', params: ActionParams, body: TaskTransitionBodySchema, response: { 200: TaskDetailSchema } },
    config: { permission: 'task.unit', entity: 'tasks' },
  }, async (req) => actOnTask(db, unit(req), req.params.id, req.params.name, req.body));

  app.post('/unit/tasks/:id/progress', {
    schema: { tags: unitTags, summary: '报送办理进展（完成值、说明、佐证材料）', params: IdParams, body: TaskProgressSchema, response: { 200: TaskDetailSchema } },
    config: { permission: 'task.unit', entity: 'tasks' },
  }, async (req) => reportProgress(db, unit(req), req.params.id, req.body));

  app.post('/unit/tasks/:id/files', {
    schema: { tags: unitTags, summary: '上传佐证材料（PDF、图片、Word、Excel，≤ 10 MB）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: UploadedFileSchema } },
    config: { permission: 'task.unit', entity: 'tasks' },
  }, async (req, reply) => {
    const ctx = unit(req);
    await requireUnitTask(db, ctx, req.params.id);
    const stored = await receiveAttachment(req, db, config.dataDir, ctx.tenantId, ctx.actor.id);
    reply.status(201);
    return stored;
  });
};
