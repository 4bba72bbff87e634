/**
 * Proposal rules (RULES.md) as county settings with their defaults; the workflows' clocks name them. The keys are
 * stored per county as they are: `proposal.resultClasses` was declared by the settings module before this module
 * existed, and a value a county chose then still applies.
 */
import { describeResultScheme, PROPOSAL_RESULT_SCHEMES, type ProposalResultScheme } from '@xs/core/proposal-results.ts';
import { defineSettings, enumSetting, numberSetting, textSetting, type SettingValuesOf } from '../../platform/settings.ts';

const group = '提案';
const schemes = Object.keys(PROPOSAL_RESULT_SCHEMES) as ProposalResultScheme[];

export const PROPOSAL_RULES = defineSettings({
  'proposal.resultClasses': enumSetting<ProposalResultScheme>({
    label: '提案办理结果分类', group, default: 'henan4',
    description: '承办单位答复提案时在答复函上标注的办理结果类别。各省做法不同：河南默认分 A–D 四类，也有地方分 A–C 三类。'
      + '修改后只影响此后的答复，已答复的提案保留原类别。',
    options: schemes.map((s) => ({ value: s, label: PROPOSAL_RESULT_SCHEMES[s].label, description: describeResultScheme(s) })),
  }),
  'proposal.cosign.days': numberSetting({ label: '附议人确认时限', group, default: 5, min: 1, max: 30, unit: '个工作日',
    description: '联名提案提交后，附议人须在这么多个工作日内确认是否联名。' }),
  'proposal.plenaryWindowMonths': numberSetting({ label: '大会提案起算（会前月数）', group, default: 3, min: 0, max: 12, unit: '个月',
    description: '自全体会议开幕前这么多个月起至提案截止日提交的为大会提案，其余为平时提案。' }),
  'proposal.dispute.days': numberSetting({ label: '承办单位申请调整时限', group, default: 10, min: 1, max: 30, unit: '个工作日',
    description: '承办单位认为交办不当的，须在交办后这么多个工作日内说明理由申请调整。' }),
  'proposal.contact.days': numberSetting({ label: '联系提案人时限', group, default: 15, min: 1, max: 60, unit: '个工作日',
    description: '交办后，承办单位须在这么多个工作日内联系提案人。' }),
  'proposal.views.months': numberSetting({ label: '会办意见时限', group, default: 1, min: 1, max: 3, unit: '个月',
    description: '会办单位须在交办后这么多个月内向主办单位提出会办意见。' }),
  'proposal.reply.months': numberSetting({ label: '答复时限', group, default: 3, min: 1, max: 6, unit: '个月',
    description: '承办单位须在交办后这么多个月内答复提案人。' }),
  'proposal.reply.capMonths': numberSetting({ label: '延期后最长答复时限', group, default: 6, min: 1, max: 12, unit: '个月',
    description: '经批准延期的，自交办起最迟不超过这么多个月。' }),
  'proposal.evaluate.days': numberSetting({ label: '提案人评价时限', group, default: 15, min: 1, max: 60, unit: '个工作日',
    description: '收到答复后，提案人须在这么多个工作日内评价办理工作和办理结果。' }),
  'proposal.categories': textSetting({ label: '提案分类', group, default: '经济建设、政治建设、文化建设、社会建设、生态文明建设、其他', maxLength: 200,
    description: '提案的类别，用顿号分隔；列表筛选和统计按这些类别。' }),
});

declare module '../../platform/settings.ts' {
  interface SettingValues extends SettingValuesOf<typeof PROPOSAL_RULES> {}
}
