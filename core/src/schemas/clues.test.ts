import { describe, expect, it } from 'vitest';
import { checkEvent, checkTransition, isOpenState, validateWorkflow, type Actor } from '../workflow.ts';
import { CLUE_COUNIT_WORKFLOW, CLUE_WORKFLOW, OPEN_CLUE_STATES } from './clues.ts';

describe('CLUE_WORKFLOW', () => {
  it('is a sound declaration', () => {
    expect(validateWorkflow(CLUE_WORKFLOW)).toEqual([]);
    expect(validateWorkflow(CLUE_COUNIT_WORKFLOW)).toEqual([]);
  });

  it('counts as open exactly the states the clue lists count as open', () => {
    const open = Object.keys(CLUE_WORKFLOW.states).filter((s) => isOpenState(CLUE_WORKFLOW, s as keyof typeof CLUE_WORKFLOW.states));
    expect(open.sort()).toEqual([...OPEN_CLUE_STATES].sort());
  });

  const lead: Actor = { id: 7, name: '交通局负责人', roles: ['unit_handler'], unitId: 3 };
  const handler: Actor = { id: 8, name: '交通局经办人', roles: ['unit_handler'], unitId: 3 };
  const staff: Actor = { id: 1, name: '机关干部', roles: ['staff'] };
  const forwarded = { state: 'forwarded' as const, version: 3, unit_id: 3 };
  const kid = (state: string) => ({ caseType: 'clue_counit', id: 1, state });

  it('lets the lead unit reply only once every co-unit sent its views, stopped waiting or was withdrawn', () => {
    const input = { fields: { replyText: '已办理' } };
    expect(checkTransition(CLUE_WORKFLOW, forwarded, handler, 'reply', input, { children: [kid('viewed'), kid('asked')] }))
      .toMatchObject({ ok: false, code: 'gate', message: '会办单位意见尚未全部送达（还有 1 项）' });
    expect(checkTransition(CLUE_WORKFLOW, forwarded, handler, 'reply', input, { children: [kid('viewed'), kid('waived'), kid('withdrawn')] })).toEqual({ ok: true });
    expect(checkTransition(CLUE_WORKFLOW, forwarded, handler, 'reply', input, {})).toEqual({ ok: true });
    // The office's override is open only while some co-unit is still awaited.
    expect(checkEvent(CLUE_WORKFLOW, forwarded, staff, 'waive_views', { reason: '会办单位逾期未复' }, { children: [kid('asked')] })).toEqual({ ok: true });
    expect(checkEvent(CLUE_WORKFLOW, forwarded, staff, 'waive_views', { reason: 'x' }, { children: [kid('viewed')] }))
      .toMatchObject({ ok: false, message: '没有等待中的会办单位' });
  });

  it('lets only the handling unit’s 负责人 assign the clue to a handler', () => {
    const ctx = { unitLeads: [7] };
    expect(checkEvent(CLUE_WORKFLOW, forwarded, lead, 'assign_handler', { fields: { assigneeId: 8 } }, ctx)).toEqual({ ok: true });
    expect(checkEvent(CLUE_WORKFLOW, forwarded, handler, 'assign_handler', { fields: { assigneeId: 8 } }, ctx))
      .toMatchObject({ ok: false, message: '只有本单位负责人可以分派经办人' });
    expect(checkEvent(CLUE_WORKFLOW, { ...forwarded, unit_id: 4 }, lead, 'assign_handler', { fields: { assigneeId: 8 } }, ctx)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('asks a co-unit for its views by the date given, and only that unit sends them', () => {
    const asked = { state: 'asked' as const, version: 2, unit_id: 5 };
    expect(checkTransition(CLUE_COUNIT_WORKFLOW, asked, { ...handler, unitId: 5 }, 'send_views', { fields: { views: '同意' } })).toEqual({ ok: true });
    expect(checkTransition(CLUE_COUNIT_WORKFLOW, asked, handler, 'send_views', { fields: { views: '同意' } })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
