/** The handling units' portal of 直通政协: the unit's own clues, their detail and actions, reply attachments and files. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ClueCoViewsSchema, ClueDetailSchema, ClueListPageSchema, ClueListQuerySchema, ClueTransitionBodySchema, UnitHandlersSchema, type ClueAction } from '@xs/core/schemas/clues.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { UploadedFileSchema } from '@xs/core/schemas/common.ts';
import { unitActorOf } from '../../platform/auth.ts';
import { AppError } from '../../platform/errors.ts';
import { readFile, receiveAttachment, sendStoredFile } from '../../platform/files.ts';
import { UNIT_COMMANDS, clueDetail, transitionClue } from './clues.staff.ts';
import { handlersOfUnit, requireUnitClue, sendUnitViews, unitClueFile, unitClues } from './clues.unit.ts';

const IdParams = z.strictObject({ id: IdSchema });
const TransitionParams = z.strictObject({ id: IdSchema, name: z.string().max(40) });
const UnitFileParams = z.strictObject({ id: IdSchema, fileId: IdSchema });
const UnitListQuery = ClueListQuerySchema.pick({ page: true, pageSize: true, state: true, overdue: true, q: true });

const unit = unitActorOf;

function commandName(name: string): ClueAction {
  if (!(UNIT_COMMANDS as string[]).includes(name)) throw new AppError('bad_request', `没有「${name}」这个操作`);
  return name as ClueAction;
}

export const clueUnitRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const unitTags = ['承办单位'];

  app.get('/unit/clues', {
    schema: { tags: unitTags, summary: '本单位承办的线索', querystring: UnitListQuery, response: { 200: ClueListPageSchema } },
    config: { permission: 'clue.unit' },
  }, async (req) => unitClues(db, unit(req), req.query));

  app.get('/unit/clues/handlers', {
    schema: { tags: unitTags, summary: '本单位的经办人（负责人据此分派线索）', response: { 200: UnitHandlersSchema } },
    config: { permission: 'clue.unit' },
  }, async (req) => handlersOfUnit(db, unit(req)));

  app.post('/unit/clues/:id/co-views', {
    schema: { tags: unitTags, summary: '会办单位提出会办意见（送主办单位）', params: IdParams, body: ClueCoViewsSchema, response: { 200: ClueDetailSchema } },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req) => {
    const ctx = unit(req);
    await sendUnitViews(db, ctx, req.params.id, req.body);
    return clueDetail(db, ctx, req.params.id);
  });

  app.get('/unit/clues/:id', {
    schema: { tags: unitTags, summary: '本单位承办的线索详情', params: IdParams, response: { 200: ClueDetailSchema } },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req) => clueDetail(db, unit(req), req.params.id));

  app.post('/unit/clues/:id/transitions/:name', {
    schema: { tags: unitTags, summary: `承办单位操作：${UNIT_COMMANDS.join(' / ')}`, params: TransitionParams, body: ClueTransitionBodySchema, response: { 200: ClueDetailSchema } },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req) => {
    const ctx = unit(req);
    const row = await transitionClue(db, ctx, req.params.id, commandName(req.params.name), req.body);
    if (row.unit_id === ctx.unitId) return clueDetail(db, ctx, req.params.id);
    // After "return" the unit no longer holds the clue: answer with it as it left, not with a 404.
    const detail = await clueDetail(db, { ...ctx, unitId: undefined }, req.params.id);
    return { ...detail, contactName: null, contactPhoneMasked: null, transitions: [], actions: [], photos: [], replyFiles: [], clocks: [], coUnits: [], myRole: null,
      timeline: detail.timeline.filter((e) => e.transition !== 'note' && !e.transition.startsWith('counit.')) };
  });

  app.post('/unit/clues/:id/files', {
    schema: { tags: unitTags, summary: '上传答复附件（PDF、图片、Word、Excel，≤ 10 MB）', params: IdParams, consumes: ['multipart/form-data'], response: { 201: UploadedFileSchema } },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req, reply) => {
    const ctx = unit(req);
    await requireUnitClue(db, ctx, req.params.id);
    const stored = await receiveAttachment(req, db, config.dataDir, ctx.tenantId, ctx.actor.id);
    reply.status(201);
    return stored;
  });

  app.get('/unit/clues/:id/files/:fileId', {
    schema: { tags: unitTags, summary: '本单位承办线索的照片或附件', params: UnitFileParams },
    config: { permission: 'clue.unit', entity: 'clues' },
  }, async (req, reply) => {
    const ctx = unit(req);
    await unitClueFile(db, ctx, req.params.id, req.params.fileId);
    const { row, data } = await readFile(db, config.dataDir, ctx.tenantId, req.params.fileId);
    return sendStoredFile(reply, row, data);
  });

};
