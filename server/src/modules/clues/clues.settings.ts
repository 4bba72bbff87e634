import type { SettingDef } from '../../platform/settings.ts';

/** Clue rules (RULES.md, 12345 practice): county settings with these defaults. */
export const CLUE_SETTINGS: Record<string, SettingDef> = {
  'clue.deadline.accept': { label: '线索受理时限', default: 3, min: 1, max: 30, unit: '个工作日' },
  'clue.deadline.dispatch': { label: '采纳后转办时限', default: 2, min: 1, max: 30, unit: '个工作日' },
  'clue.deadline.forward': { label: '承办单位办理时限', default: 13, min: 1, max: 60, unit: '个工作日' },
  'clue.deadline.review': { label: '答复审核时限', default: 3, min: 1, max: 30, unit: '个工作日' },
  'clue.deadline.info': { label: '群众补充信息期限', default: 7, min: 1, max: 60, unit: '天' },
  'clue.deadline.rate': { label: '群众评价期限（逾期自动归档）', default: 15, min: 1, max: 60, unit: '天' },
  'clue.recheckDays': { label: '办结后回访间隔', default: 28, min: 7, max: 90, unit: '天' },
  'clue.maxExtensionDays': { label: '延期累计上限', default: 20, min: 0, max: 60, unit: '个工作日' },
  'clue.duplicateWindowMinutes': { label: '相同内容重复提交拦截时间', default: 10, min: 1, max: 1440, unit: '分钟' },
  'clue.maxPerPhonePerDay': { label: '同一手机号每日最多提交', default: 5, min: 1, max: 100, unit: '条' },
};
