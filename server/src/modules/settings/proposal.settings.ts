/**
 * Proposal rules that counties set before the proposals module arrives, so the choice is made (and audited)
 * once; the proposals module reads them with `getSetting`.
 */
import { describeResultScheme, PROPOSAL_RESULT_SCHEMES, type ProposalResultScheme } from '@xs/core/proposal-results.ts';
import { defineSettings, enumSetting, type SettingValuesOf } from '../../platform/settings.ts';

const schemes = Object.keys(PROPOSAL_RESULT_SCHEMES) as ProposalResultScheme[];

export const PROPOSAL_SETTINGS = defineSettings({
  'proposal.resultClasses': enumSetting<ProposalResultScheme>({
    label: '提案办理结果分类', group: '提案', default: 'henan4',
    description: '承办单位答复提案时在答复函上标注的办理结果类别。各省做法不同：河南默认分 A–D 四类，也有地方分 A–C 三类。'
      + '修改后只影响此后的答复，已答复的提案保留原类别。',
    options: schemes.map((s) => ({ value: s, label: PROPOSAL_RESULT_SCHEMES[s].label, description: describeResultScheme(s) })),
  }),
});

declare module '../../platform/settings.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SettingValues extends SettingValuesOf<typeof PROPOSAL_SETTINGS> {}
}
