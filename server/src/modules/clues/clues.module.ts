/**
 * 直通政协: the public clue channel from a citizen's phone through triage, forwarding and the unit's
 * reply to the public board. Files: see README.md beside this one.
 */
import { defineModule } from '../../platform/module.ts';
import { clueStaffRoutes } from './clues.staff.routes.ts';
import { clueUnitRoutes } from './clues.unit.routes.ts';
import { cluePublicRoutes } from './clues.public.routes.ts';
import { clueOfficeRoutes } from './clues.office.routes.ts';
import { CLUE_SETTINGS } from './clues.settings.ts';
import { CLUE_OFFICE_SETTINGS } from './clues.office.settings.ts';
import { CLUE_JOBS } from './clues.jobs.ts';
import { CLUE_CASE_TYPE } from './clues.case-type.ts';
import { CLUE_COUNIT_CASE_TYPE } from './clues.counits.ts';
import { seedDemoClues } from './clues.demo.ts';
import { seedCountyDemoClues } from './clues.county-demo.ts';
import * as m0002 from './migrations/20261129_0002_clues.ts';
import * as m0003 from './migrations/20261129_0003_clue_list_indexes.ts';
import * as m0004 from './migrations/20261129_0004_clue_scope_markers.ts';
import * as m0006 from './migrations/20261129_0006_clue_file_once.ts';
import * as m0007 from './migrations/20261129_0007_clue_counts_pg.ts';
import * as m1517 from './migrations/20261204_1517_clues_support_token.ts';
import * as m1528 from './migrations/20261204_1528_clues_supports.ts';
import * as m1533 from './migrations/20261204_1533_clues_track_failures.ts';
import * as m1534 from './migrations/20261204_1534_clues_upload_purge.ts';
import * as m1810 from './migrations/20261204_1810_clues_staff_intake.ts';
import * as m1830 from './migrations/20261204_1830_clues_recovery_codes.ts';
import * as m1840 from './migrations/20261204_1840_clues_pair_decisions.ts';
import * as m1850 from './migrations/20261204_1850_clues_gazetteer.ts';
import { clueLearningRoutes } from './clues.learning.routes.ts';
import * as m0900 from './migrations/20261205_0900_clues_extension_request.ts';
import * as m0910 from './migrations/20261205_0910_clues_conversion_links.ts';
import * as m1000 from './migrations/20261205_1000_clues_lexicon_concept.ts';
import * as m1001 from './migrations/20261205_1000_clues_clocks.ts';
import * as m1010 from './migrations/20261205_1010_clues_forwarding.ts';
import * as m0915 from './migrations/20261206_0915_clues_terms_pg.ts';

export const cluesModule = defineModule({
  name: 'clues',
  label: '直通政协',
  routes: [clueStaffRoutes, clueUnitRoutes, cluePublicRoutes, clueLearningRoutes, clueOfficeRoutes],
  migrations: {
    '20261129_0002_clues': m0002,
    '20261129_0003_clue_list_indexes': m0003,
    '20261129_0004_clue_scope_markers': m0004,
    '20261129_0006_clue_file_once': m0006,
    '20261129_0007_clue_counts_pg': m0007,
    '20261204_1517_clues_support_token': m1517,
    '20261204_1528_clues_supports': m1528,
    '20261204_1533_clues_track_failures': m1533,
    '20261204_1534_clues_upload_purge': m1534,
    '20261204_1810_clues_staff_intake': m1810,
    '20261204_1830_clues_recovery_codes': m1830,
    '20261204_1840_clues_pair_decisions': m1840,
    '20261204_1850_clues_gazetteer': m1850,
    '20261205_0900_clues_extension_request': m0900,
    '20261205_0910_clues_conversion_links': m0910,
    '20261205_1000_clues_clocks': m1001,
    '20261205_1000_clues_lexicon_concept': m1000,
    '20261205_1010_clues_forwarding': m1010,
    '20261206_0915_clues_terms_pg': m0915,
  },
  settings: { ...CLUE_SETTINGS, ...CLUE_OFFICE_SETTINGS },
  jobs: CLUE_JOBS,
  caseTypes: [CLUE_CASE_TYPE, CLUE_COUNIT_CASE_TYPE],
  // 嵩县 in detail, then a year of clues for each other county (the city's comparison).
  demo: { order: 10, seed: async (db, ctx) => { await seedDemoClues(db, ctx); await seedCountyDemoClues(db, ctx); } },
  fixtures: () => import('./clues.fixtures.ts'),
});
