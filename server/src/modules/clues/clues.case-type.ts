/**
 * The clue as a registered case type: the platform's 我的待办 asks it for work, notices link to it, case links
 * resolve it, and the platform deadline job chases its clocks (CLUE_WORKFLOW.clocks): overdue flags, 催办 once per
 * period and escalation, to the unit while it handles a clue and to the office at every other stage.
 */
import { CLUE_WORKFLOW } from '@xs/core/schemas/clues.ts';
import type { CaseType } from '../../platform/cases.ts';
import { enqueueMessage } from '../../platform/notify.ts';
import { activeUnit } from '../orgs/orgs.read.ts';
import { summarize } from './clues.repository.ts';
import { clueWorkOf } from './clues.work.ts';

export const CLUE_CASE_TYPE: CaseType = {
  name: 'clue', label: '民意线索', table: 'clues', def: CLUE_WORKFLOW,
  // The office hears of a unit's lateness from the first day, as the unit does.
  responsible: (_db, row) => (row.state === 'forwarded' && row.unit_id ? { unitIds: [Number(row.unit_id)], roles: ['staff'] } : { roles: ['staff'] }),
  /** A unit late with its answer is also texted on its duty phone, and the row keeps when it was last chased. */
  reminded: async (trx, row, r) => {
    if (r.clock !== 'handle' || row.state !== 'forwarded' || !row.unit_id) return;
    await trx.updateTable('clues').set({ reminded_at: r.at.toISOString() }).where('id', '=', row.id).where('tenant_id', '=', row.tenant_id).execute();
    const unit = await activeUnit(trx, row.tenant_id, Number(row.unit_id));
    if (unit?.contactPhone && /^1\d{10}$/.test(unit.contactPhone)) {
      await enqueueMessage(trx, { tenantId: row.tenant_id, channel: 'sms', recipient: unit.contactPhone, template: 'clue.overdue', payload: { code: String(row.code), due: r.dueAt.slice(0, 10) } });
    }
  },
  title: (row) => `${String(row.code)} ${summarize(String(row.content), 20)}`,
  path: (row) => `/clues/${row.id}`,
  unitPath: (row) => `/unit/clues/${row.id}`,
  workOf: clueWorkOf,
};
