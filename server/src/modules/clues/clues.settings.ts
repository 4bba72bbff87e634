import { defineSettings, numberSetting, type SettingValuesOf } from '../../platform/settings.ts';

const group = '直通政协';

/** Clue rules (RULES.md, 12345 practice): county settings with these defaults. */
export const CLUE_SETTINGS = defineSettings({
  'clue.deadline.accept': numberSetting({ label: '线索受理时限', group, default: 3, min: 1, max: 30, unit: '个工作日',
    description: '群众提交的线索须在这么多个工作日内受理（采纳、不予采纳或请群众补充），逾期标为超期。' }),
  'clue.deadline.dispatch': numberSetting({ label: '采纳后转办时限', group, default: 2, min: 1, max: 30, unit: '个工作日',
    description: '线索采纳后须在这么多个工作日内转交承办单位。' }),
  'clue.deadline.forward': numberSetting({ label: '承办单位办理时限', group, default: 13, min: 1, max: 60, unit: '个工作日',
    description: '承办单位收到转办线索后答复的期限；12345 热线对投诉、建议类一般为 13 个工作日。超期次日发出催办。' }),
  'clue.deadline.urgent': numberSetting({ label: '紧急件办理时限', group, default: 1, min: 1, max: 30, unit: '个工作日',
    description: '转办时选「紧急」，办理期限默认这么多个工作日（转办人仍可另选日期）。' }),
  'clue.deadline.forwardMax': numberSetting({ label: '转办期限最长可选', group, default: 30, min: 1, max: 120, unit: '个工作日',
    description: '转办时可选的办理期限最晚为这么多个工作日之后；最早为明天。' }),
  'clue.deadline.coViews': numberSetting({ label: '会办单位提出意见时限', group, default: 5, min: 1, max: 30, unit: '个工作日',
    description: '会办单位向主办单位提出会办意见的期限，不晚于主办单位的办理期限。会办意见全部送达后主办单位才能答复。' }),
  'clue.mark.yellowDays': numberSetting({ label: '临期黄色提示', group, default: 2, min: 0, max: 30, unit: '个工作日',
    description: '离办理期限不到这么多个工作日的在办线索，在线索列表、详情和承办单位页面标黄色「临期」。' }),
  'clue.mark.redDays': numberSetting({ label: '超期红色提示', group, default: 0, min: 0, max: 60, unit: '个工作日',
    description: '超过办理期限这么多个工作日起标红色「超期」（0 为一超期即标红）；此前已超期的仍标黄色。' }),
  'clue.deadline.review': numberSetting({ label: '答复审核时限', group, default: 3, min: 1, max: 30, unit: '个工作日',
    description: '承办单位答复后，机关工作人员审核并办结（或退回）的期限。' }),
  'clue.deadline.info': numberSetting({ label: '群众补充信息期限', group, default: 7, min: 1, max: 60, unit: '天',
    description: '请群众补充信息后等待的天数，按自然日计算。' }),
  'clue.deadline.rate': numberSetting({ label: '群众评价期限（逾期自动归档）', group, default: 15, min: 1, max: 60, unit: '天',
    description: '办结后群众可评价的天数；逾期未评价的线索自动归档。' }),
  'clue.recheckDays': numberSetting({ label: '办结后回访间隔', group, default: 28, min: 7, max: 90, unit: '天',
    description: '办结后隔这么多天向群众回访，问题未解决的线索重新打开。' }),
  'clue.maxExtensionDays': numberSetting({ label: '延期累计上限', group, default: 20, min: 0, max: 60, unit: '个工作日',
    description: '承办单位对一条线索累计可申请延期的工作日数；为 0 时不允许延期。' }),
  'clue.duplicateWindowMinutes': numberSetting({ label: '相同内容重复提交拦截时间', group, default: 10, min: 1, max: 1440, unit: '分钟',
    description: '同一手机号在这段时间内重复提交相同内容时，只保留第一条。' }),
  'clue.maxPerPhonePerDay': numberSetting({ label: '同一手机号每日最多提交', group, default: 5, min: 1, max: 100, unit: '条',
    description: '同一手机号一天内最多可提交的线索条数，防止刷单。' }),
  'clue.unusedUploadHours': numberSetting({ label: '群众上传后未提交的照片保留', group, default: 24, min: 1, max: 720, unit: '小时',
    description: '群众上传了照片却没有提交线索时，照片保留这么多小时后连同文件一并删除。' }),
  // The last four digits of a phone are 10,000 possibilities: 10 wrong a day takes years to try them all, and
  // the total stops it for good (100 is a 1 % chance); the 8-character secret is never locked (clues.track-lock.ts).
  'clue.track.phoneFailuresPerDay': numberSetting({ label: '每个查询码每天允许输错手机号后四位', group, default: 10, min: 1, max: 20, unit: '次',
    description: '群众用查询码加手机号后四位查看进度时，每个查询码每天允许输错的次数；用 8 位查询密码不受限制。' }),
  'clue.track.phoneFailuresTotal': numberSetting({ label: '每个查询码累计允许输错手机号后四位', group, default: 100, min: 10, max: 500, unit: '次',
    description: '累计输错达到此数后，该线索只能用 8 位查询密码查看。' }),
});

declare module '../../platform/settings.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SettingValues extends SettingValuesOf<typeof CLUE_SETTINGS> {}
}
