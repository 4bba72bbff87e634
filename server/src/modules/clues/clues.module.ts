/**
 * 直通政协: the public clue channel from a citizen's phone through triage, forwarding and the unit's
 * reply to the public board. Files: see README.md beside this one.
 */
import { defineModule } from '../../platform/module.ts';
import { clueRoutes } from './clues.routes.ts';
import { cluePublicRoutes } from './clues.public.routes.ts';
import { CLUE_SETTINGS } from './clues.settings.ts';
import { CLUE_JOBS } from './clues.jobs.ts';
import { seedDemoClues } from './clues.demo.ts';
import * as m0002 from './migrations/20261129_0002_clues.ts';
import * as m0003 from './migrations/20261129_0003_clue_list_indexes.ts';
import * as m0004 from './migrations/20261129_0004_clue_scope_markers.ts';
import * as m0006 from './migrations/20261129_0006_clue_file_once.ts';
import * as m0007 from './migrations/20261129_0007_clue_counts_pg.ts';

export const cluesModule = defineModule({
  name: 'clues',
  label: '直通政协',
  routes: [clueRoutes, cluePublicRoutes],
  migrations: {
    '20261129_0002_clues': m0002,
    '20261129_0003_clue_list_indexes': m0003,
    '20261129_0004_clue_scope_markers': m0004,
    '20261129_0006_clue_file_once': m0006,
    '20261129_0007_clue_counts_pg': m0007,
  },
  settings: CLUE_SETTINGS,
  jobs: CLUE_JOBS,
  demo: { order: 10, seed: seedDemoClues },
  fixtures: () => import('./clues.fixtures.ts'),
});
