/**
 * The clue as a registered case type: the platform's 我的待办 asks it for work, notices link to it, and case links
 * resolve it. Its deadline is still the clue's own `due_at` with the clue jobs' reminders (clues.jobs.ts); it has
 * no named clocks, so the platform deadline job passes it by.
 */
import { CLUE_WORKFLOW } from '@xs/core/schemas/clues.ts';
import type { CaseType } from '../../platform/cases.ts';
import { summarize } from './clues.repository.ts';
import { clueWorkOf } from './clues.work.ts';

export const CLUE_CASE_TYPE: CaseType = {
  name: 'clue', label: '民意线索', table: 'clues', def: CLUE_WORKFLOW,
  responsible: (_db, row) => (row.state === 'forwarded' && row.unit_id ? { unitIds: [Number(row.unit_id)] } : { roles: ['staff'] }),
  title: (row) => `${String(row.code)} ${summarize(String(row.content), 20)}`,
  path: (row) => `/clues/${row.id}`,
  unitPath: (row) => `/unit/clues/${row.id}`,
  workOf: clueWorkOf,
};
