import { defineSettings, numberSetting, type SettingValuesOf } from '../../platform/settings.ts';

const group = '直通政协';

/** Rules of the office's own features (代录, recovery of a lost secret): county settings with these defaults. */
export const CLUE_OFFICE_SETTINGS = defineSettings({
  'clue.recovery.perDay': numberSetting({ label: '找回查询密码每天最多发送验证码', group, default: 3, min: 1, max: 10, unit: '次',
    description: '群众忘记查询密码时，可凭查询码和提交时留的手机号接收短信验证码；每条线索每天最多发送这么多次。' }),
  'clue.recovery.minutes': numberSetting({ label: '找回查询密码验证码有效期', group, default: 10, min: 3, max: 60, unit: '分钟',
    description: '短信验证码在这么多分钟内有效，每个验证码最多可以输错 5 次。' }),
});

declare module '../../platform/settings.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SettingValues extends SettingValuesOf<typeof CLUE_OFFICE_SETTINGS> {}
}
