import { describe, expect, it } from 'vitest';
import { isOpenState, validateWorkflow } from '../workflow.ts';
import { CLUE_WORKFLOW, OPEN_CLUE_STATES } from './clues.ts';

describe('CLUE_WORKFLOW', () => {
  it('is a sound declaration', () => {
    expect(validateWorkflow(CLUE_WORKFLOW)).toEqual([]);
  });

  it('counts as open exactly the states the clue lists count as open', () => {
    const open = Object.keys(CLUE_WORKFLOW.states).filter((s) => isOpenState(CLUE_WORKFLOW, s as keyof typeof CLUE_WORKFLOW.states));
    expect(open.sort()).toEqual([...OPEN_CLUE_STATES].sort());
  });
});
