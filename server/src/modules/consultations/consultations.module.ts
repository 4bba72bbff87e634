/**
 * 协商议事: topics through the eight steps (engine v2 gates, named clocks, events), meetings and activities
 * with QR check-in and 共提共答 that become platform tasks, the dashboard's named figures, public pages.
 */
import { defineModule } from '../../platform/module.ts';
import { consultationRoutes } from './consultations.routes.ts';
import { CONSULT_SETTINGS, TOPIC_CASE_TYPE } from './topics.service.ts';
import { seedDemoConsultations } from './consultations.demo.ts';
import * as tables from './migrations/20261204_1810_consultations_tables.ts';
import * as signups from './migrations/20261205_0930_consultations_signups.ts';

export const consultationsModule = defineModule({
  name: 'consultations',
  label: '协商议事',
  routes: [consultationRoutes],
  migrations: { '20261204_1810_consultations_tables': tables, '20261205_0930_consultations_signups': signups },
  settings: CONSULT_SETTINGS,
  caseTypes: [TOPIC_CASE_TYPE],
  // After the clues (10) and tasks (20).
  demo: { order: 30, seed: seedDemoConsultations },
  fixtures: () => import('./consultations.fixtures.ts'),
});
