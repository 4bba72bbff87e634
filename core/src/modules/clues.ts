/** 直通政协 in core: its permissions and audit names (the workflow is in schemas/clues.ts). */
import { defineCoreModule } from '../module.ts';
import { CLUE_WORKFLOW } from '../schemas/clues.ts';

export const cluesModule = defineCoreModule({
  name: 'clues',
  label: '直通政协',
  permissions: {
    'clue.read': { label: '查看民意线索', readOnly: true, roles: ['staff', 'leader', 'county_admin', 'city_viewer', 'city_admin'] },
    'clue.triage': { label: '处理民意线索', roles: ['staff', 'county_admin'] },
    'clue.unit': { label: '承办单位办理线索', roles: ['unit_handler'] },
  },
  workflows: [CLUE_WORKFLOW],
  auditActions: {
    'clue.submit': '民意线索·群众提交',
    'clue.remind': '民意线索·超期催办',
    'clue.recheck': '民意线索·回访复核',
    'clue.view_contact': '民意线索·查看联系方式',
    'clue_rule.create': '新增转办规则',
    'clue_rule.delete': '删除转办规则',
  },
  auditEntities: { clue: '民意线索' },
});
