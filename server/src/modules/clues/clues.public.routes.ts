/** The citizen side of 直通政协: no account, rate-limited, no personal data ever sent back. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClueBoardPageSchema, ClueRateSchema, ClueRecheckSchema, ClueSimilarQuerySchema, ClueSubmitResultSchema, ClueSubmitSchema, ClueSupplementSchema,
  ClueSupportSchema, ClueTrackSchema, ClueTrackViewSchema, PublicSimilarCluesSchema,
  ClueSupportResultSchema, PhotoUploadSchema, PublicCountiesSchema, ReportFormSchema,
} from '@xs/core/schemas/clues.ts';
import { BoardFilterSchema } from '@xs/core/schemas/clues-office.ts';
import { IdSchema } from '@xs/core/validation.ts';
import { AppError } from '../../platform/errors.ts';
import { preparePhoto } from '../../platform/files.ts';
import { listCounties, requireCounty } from '../orgs/orgs.read.ts';
import {
  clueByCode, publicBoard, publicForm, publicSimilarClues, publicView, rateClue, recheckClue, storeCitizenPhoto, supplementClue, supportClue,
} from './clues.citizen.ts';
import { createIntake } from './clues.intake.ts';

export const CONSENT_TEXT = '您留下的姓名和手机号仅用于县政协工作人员联系您核实情况、告知办理结果和回访，不会公开，也不会提供给与办理无关的单位和个人。'
  + '照片默认去除拍摄位置信息。您可以不留姓名和电话，凭查询码查询进度。';

const CountyParams = z.strictObject({ countyId: IdSchema });
const FormQuery = z.strictObject({ venue: IdSchema.optional(), member: IdSchema.optional() });
const BoardQuery = BoardFilterSchema;

export const cluePublicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app;
  const limit = (factor = 1) => ({ rateLimit: { max: config.publicRateLimit.max * factor, timeWindow: config.publicRateLimit.windowMs } });
  const tags = ['直通政协（公开）'];
  const intake = createIntake(db, config);
  app.addHook('onClose', () => intake.close());

  const county = (id: number) => requireCounty(db, id);

  app.get('/public/counties', {
    schema: { tags, summary: '可反映问题的县区', response: { 200: PublicCountiesSchema } },
    config: { permission: 'public', ...limit(4) },
  }, async () => ({ items: await listCounties(db) }));

  app.get('/public/counties/:countyId/form', {
    schema: { tags, summary: '反映问题表单所需数据（乡镇、村、类别；扫码时带出阵地或委员）', params: CountyParams, querystring: FormQuery, response: { 200: ReportFormSchema } },
    config: { permission: 'public', ...limit(4) },
  }, async (req) => {
    const form = await publicForm(db, req.params.countyId, req.query.venue, req.query.member);
    return { ...form, consentText: CONSENT_TEXT };
  });

  app.post('/public/counties/:countyId/uploads', {
    schema: { tags, summary: '上传一张照片（JPG/PNG/WebP/HEIC，≤ 8 MB；默认去除位置信息），得到提交时使用的凭证', params: CountyParams, consumes: ['multipart/form-data'], response: { 201: PhotoUploadSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req, reply) => {
    const c = await county(req.params.countyId);
    if (!req.isMultipart()) throw new AppError('validation_failed', '请选择照片', [{ path: 'photo', message: '请选择照片' }]);
    let photo: Buffer | null = null;
    let keepLocation = false;
    for await (const part of req.parts({ limits: { fileSize: 8 * 1024 * 1024, files: 1, fields: 2 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'photo') throw new AppError('validation_failed', '文件字段应为 photo', [{ path: 'photo', message: '文件字段应为 photo' }]);
        photo = await part.toBuffer();
        if (part.file.truncated) throw new AppError('payload_too_large', '照片不能超过 8 MB');
      } else if (part.fieldname === 'keepLocation') {
        keepLocation = part.value === '1' || part.value === 'true';
      }
    }
    if (!photo) throw new AppError('validation_failed', '请选择照片', [{ path: 'photo', message: '请选择照片' }]);
    const prepared = await preparePhoto(photo, keepLocation);
    const stored = await storeCitizenPhoto(db, config.dataDir, c.id, prepared);
    reply.status(201);
    return stored;
  });

  app.post('/public/counties/:countyId/clues', {
    schema: { tags, summary: '提交民意线索（反映问题或提出建议），返回查询码和一次性查询密码', params: CountyParams, body: ClueSubmitSchema, response: { 201: ClueSubmitResultSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req, reply) => {
    // submitClue checks the county inside its transaction; a second lookup here would only cost the hot path.
    const result = await intake.submit(req.params.countyId, req.body, { ip: req.ip });
    reply.status(201);
    return result;
  });

  app.post('/public/counties/:countyId/clues/similar', {
    schema: {
      tags, params: CountyParams, body: ClueSimilarQuerySchema, response: { 200: PublicSimilarCluesSchema },
      summary: '相似线索：输入草稿文字、乡镇和类别，返回判定为同一问题的在办线索（按相似度排序，带分数；只含去除个人信息的摘要，不含查询码）',
    },
    config: { permission: 'public', ...limit(4) },
  }, async (req) => {
    await county(req.params.countyId);
    if (req.body.content.length < 6) return { items: [] };
    return publicSimilarClues(db, req.params.countyId, { content: req.body.content, townshipId: req.body.townshipId, category: req.body.category ?? null,
      place: req.body.place ?? null, villageId: req.body.villageId ?? null });
  });

  app.post('/public/clues/support', {
    schema: { tags, summary: '“我也遇到了”：凭相似线索给出的凭证，为已有线索增加一份群众声音（同一来源每条线索每天计一次）', body: ClueSupportSchema, response: { 200: ClueSupportResultSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req) => supportClue(db, req.body.token, req.ip));

  app.post('/public/clues/track', {
    schema: { tags, summary: '凭查询码和查询密码（或手机号后四位）查询办理进度', body: ClueTrackSchema, response: { 200: ClueTrackViewSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req) => publicView(db, await clueByCode(db, req.body.code, req.body.secret)));

  app.post('/public/clues/rate', {
    schema: { tags, summary: '评价办理结果（不满意将重新办理）', body: ClueRateSchema, response: { 200: ClueTrackViewSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req) => {
    const clue = await clueByCode(db, req.body.code, req.body.secret);
    await rateClue(db, clue, req.body.rating, req.body.comment ?? null, req.ip);
    return publicView(db, await clueByCode(db, req.body.code, req.body.secret));
  });

  app.post('/public/clues/recheck', {
    schema: { tags, summary: '回访：问题是否真的解决了（未解决将重新办理）', body: ClueRecheckSchema, response: { 200: ClueTrackViewSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req) => {
    const clue = await clueByCode(db, req.body.code, req.body.secret);
    await recheckClue(db, clue, req.body.solved, req.body.comment ?? null, req.ip);
    return publicView(db, await clueByCode(db, req.body.code, req.body.secret));
  });

  app.post('/public/clues/supplement', {
    schema: { tags, summary: '按工作人员要求补充信息', body: ClueSupplementSchema, response: { 200: ClueTrackViewSchema } },
    config: { permission: 'public', ...limit() },
  }, async (req) => {
    const clue = await clueByCode(db, req.body.code, req.body.secret);
    await supplementClue(db, clue, req.body.content, req.ip);
    return publicView(db, await clueByCode(db, req.body.code, req.body.secret));
  });

  app.get('/public/counties/:countyId/board', {
    schema: { tags, summary: '反馈公开：经审核公开的已办结线索（不含姓名和电话）', params: CountyParams, querystring: BoardQuery, response: { 200: ClueBoardPageSchema } },
    config: { permission: 'public', ...limit(4) },
  }, async (req) => {
    await county(req.params.countyId);
    const { page, pageSize, ...filter } = req.query;
    return publicBoard(db, req.params.countyId, page, pageSize, filter);
  });
};
