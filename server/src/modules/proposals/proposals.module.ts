/**
 * 提案: members' proposals from the draft to the proposer's verdict — terms and sessions, co-signing, review with
 * numbering per session, assignment to lead, co- and separate units as child cases, replies with result classes,
 * evaluation and rehandling, key proposals, figures, Word documents.
 */
import { defineModule } from '../../platform/module.ts';
import { proposalRoutes } from './proposals.routes.ts';
import { PROPOSAL_RULES } from './proposals.settings.ts';
import { seedDemoProposals } from './proposals.demo.ts';
import { ASSIGNMENT_CASE_TYPE, PROPOSAL_CASE_TYPE } from './proposals.workflow.ts';
import * as tables from './migrations/20261204_1820_proposals_tables.ts';
import * as figureIndexes from './migrations/20261205_0840_proposals_figure_indexes.ts';

export const proposalsModule = defineModule({
  name: 'proposals',
  label: '提案',
  routes: [proposalRoutes],
  migrations: { '20261204_1820_proposals_tables': tables, '20261205_0840_proposals_figure_indexes': figureIndexes },
  settings: PROPOSAL_RULES,
  caseTypes: [PROPOSAL_CASE_TYPE, ASSIGNMENT_CASE_TYPE],
  // After the tasks (order 20): the live 嵩县 cases create tasks-free assignments only, but the demo users exist by then either way.
  demo: { order: 30, seed: seedDemoProposals },
  fixtures: () => import('./proposals.fixtures.ts'),
});
