/** 直通政协 in core: its permissions and audit names (the workflow is in schemas/clues.ts). */
import { defineCoreModule } from '../module.ts';
import { CLUE_COUNIT_WORKFLOW, CLUE_WORKFLOW } from '../schemas/clues.ts';

export const cluesModule = defineCoreModule({
  name: 'clues',
  label: '直通政协',
  permissions: {
    'clue.read': { label: '查看民意线索', readOnly: true, roles: ['staff', 'leader', 'county_admin', 'city_viewer', 'city_admin'] },
    'clue.triage': { label: '处理民意线索', roles: ['staff', 'county_admin'] },
    'clue.unit': { label: '承办单位办理线索', roles: ['unit_handler'] },
    'clue.supervise': { label: '领导督办民意线索（批示）', roles: ['leader'] },
  },
  workflows: [CLUE_WORKFLOW, CLUE_COUNIT_WORKFLOW],
  auditActions: {
    // The declared events (催办, 回访确认, 延期申请 …) are named from the workflow, as the transitions are.
    ...Object.fromEntries([CLUE_WORKFLOW, CLUE_COUNIT_WORKFLOW].flatMap((w) => Object.entries<{ label: string; audit?: string }>(w.events ?? {})
      .map(([n, e]) => [e.audit ?? `${w.name}.${n}`, `${w.label}·${e.label}`]))),
    'clue.submit': '民意线索·群众提交',
    'clue.staff_intake': '民意线索·工作人员代录',
    'clue.recovery_request': '民意线索·申请找回查询密码',
    'clue.recovery': '民意线索·短信验证找回查询密码',
    'clue.view_contact': '民意线索·查看联系方式',
    'clue_rule.create': '新增转办规则',
    'clue_rule.delete': '删除转办规则',
  },
  auditEntities: { clue: '民意线索', clue_counit: '线索会办' },
});
