/**
 * What the clue judgements learn from and are shaped by: 不是同一问题 on a merge suggestion and the county's
 * learned-decisions summary; the county's gazetteer (places with aliases, own words) and its proposals; the
 * vocabulary. Thin handlers: parse → one use-case.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdSchema } from '@xs/core/validation.ts';
import { OkSchema } from '@xs/core/schemas/common.ts';
import { GazetteerProposalsSchema, GazetteerSavedSchema, GazetteerSchema, LearningSummarySchema, VocabularySchema } from '@xs/core/schemas/clues-office.ts';
import { actorOf, authOf } from '../../platform/auth.ts';
import { learningSummary, markNotSame } from './clues.learning.store.ts';
import { GazetteerRemoveSchema, GazetteerSaveSchema, gazetteerProposals, listGazetteer, removeGazetteer, saveGazetteer } from './clues.gazetteer.ts';
import { forgetPlaceNames } from './clues.similar.ts';
import { vocabularySummary } from './clues.vocabulary/index.ts';

const NotSameBody = z.strictObject({ clueId: IdSchema, otherId: IdSchema });

export const clueLearningRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const tags = ['直通政协'];

  app.post('/clues/not-same', {
    schema: { tags, summary: '合并建议「不是同一问题」：记为一条反例，本县相似模型据此重新学习', body: NotSameBody, response: { 200: OkSchema } },
    config: { permission: 'clue.triage' },
  }, async (req) => markNotSame(db, actorOf(req), req.body));

  app.get('/clues/learning', {
    schema: { tags, summary: '相似线索模型：本县已学习的合并/不是同一问题决定与权重', response: { 200: LearningSummarySchema } },
    config: { permission: 'clue.read' },
  }, async (req) => learningSummary(db, authOf(req).tenantId));

  app.get('/clues/gazetteer', {
    schema: { tags, summary: '本县地名库：小区、市场、学校、医院、道路、桥梁、景区及别名，和本县词语', response: { 200: GazetteerSchema } },
    config: { permission: 'clue.read' },
  }, async (req) => listGazetteer(db, authOf(req).tenantId));

  app.get('/clues/gazetteer/proposals', {
    schema: { tags, summary: '地名库建议：线索中反复出现、尚未收录的地名', response: { 200: GazetteerProposalsSchema } },
    config: { permission: 'clue.read' },
  }, async (req) => gazetteerProposals(db, authOf(req).tenantId));

  app.post('/clues/gazetteer', {
    schema: { tags, summary: '新增或修改地名库条目（带 id 和 version 为修改）', body: GazetteerSaveSchema, response: { 200: GazetteerSavedSchema } },
    config: { permission: 'clue.triage' },
  }, async (req) => {
    const src = actorOf(req);
    const r = await saveGazetteer(db, src, req.body);
    forgetPlaceNames(src.tenantId);
    return r;
  });

  app.post('/clues/gazetteer/remove', {
    schema: { tags, summary: '删除地名库条目', body: GazetteerRemoveSchema, response: { 200: OkSchema } },
    config: { permission: 'clue.triage' },
  }, async (req) => {
    const src = actorOf(req);
    const r = await removeGazetteer(db, src, req.body.id);
    forgetPlaceNames(src.tenantId);
    return r;
  });

  app.get('/clues/vocabulary', {
    schema: { tags, summary: '线索词库：感谢/追问短语、地点同义后缀、转办语料与单位职能、问题概念', response: { 200: VocabularySchema } },
    config: { permission: 'clue.read' },
  }, async () => vocabularySummary());
};
