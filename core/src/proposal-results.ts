/**
 * Proposal result classes (RULES.md): provinces mark a reply letter with one of these schemes. Which one a
 * county uses is its setting `proposal.resultClasses`; the reply form and the figures read the classes here.
 */
export const PROPOSAL_RESULT_SCHEMES = {
  henan4: {
    label: '四类（A–D，河南）',
    classes: [
      { code: 'A', label: '已解决或采取措施解决' },
      { code: 'B', label: '正在解决' },
      { code: 'C', label: '列入规划逐步解决' },
      { code: 'D', label: '留作参考（已说明）' },
    ],
  },
  three: {
    label: '三类（A–C）',
    classes: [
      { code: 'A', label: '已解决或基本解决' },
      { code: 'B', label: '部分解决或列入计划' },
      { code: 'C', label: '因条件限制留作参考' },
    ],
  },
} as const;
export type ProposalResultScheme = keyof typeof PROPOSAL_RESULT_SCHEMES;

/** "A 已解决… · B 正在解决 · …", the scheme spelled out in one line. */
export function describeResultScheme(scheme: ProposalResultScheme): string {
  return PROPOSAL_RESULT_SCHEMES[scheme].classes.map((c) => `${c.code} ${c.label}`).join(' · ');
}
