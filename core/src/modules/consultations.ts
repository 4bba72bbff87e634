/** 协商议事 in core: its permissions and audit names (the workflow is in schemas/consultations.ts). */
import { defineCoreModule } from '../module.ts';
import { TOPIC_WORKFLOW } from '../schemas/consultations.ts';

export const consultationsModule = defineCoreModule({
  name: 'consultations',
  label: '协商议事',
  permissions: {
    'consult.read': { label: '查看协商议题和活动', readOnly: true, roles: ['staff', 'leader', 'county_admin', 'city_viewer', 'city_admin'] },
    'consult.manage': { label: '办理协商议题和活动', roles: ['staff', 'county_admin'] },
    'consult.decide': { label: '审定议题、登记党政决议', roles: ['staff', 'leader', 'county_admin'] },
    'consult.member': { label: '委员参加协商活动（邀请、签到、请假）', roles: ['member'] },
  },
  workflows: [TOPIC_WORKFLOW],
  auditActions: {
    ...Object.fromEntries(Object.entries(TOPIC_WORKFLOW.events ?? {}).map(([name, e]) => [e.audit ?? `topic.${name}`, `协商议题·${e.label}`])),
    'topic.create': '协商议题·新建',
    'meeting.create': '协商活动·新建',
    'meeting.hold': '协商活动·召开并记录纪要',
    'meeting.checkin': '协商活动·扫码签到',
    'meeting.absence': '协商活动·请假',
    'meeting.absence_decide': '协商活动·审批请假',
    'meeting.qa': '协商活动·共提共答',
    'meeting.qa_task': '协商活动·承诺转落实事项',
    'meeting.public': '协商活动·公开报名设置',
    'meeting.signup_accept': '协商活动·确认群众代表报名',
    'meeting.signup_decline': '协商活动·不安排群众代表报名',
    'consult_plan.approve': '年度协商计划·审定',
  },
  auditEntities: { topic: '协商议题', meeting: '协商活动', consult_plan: '年度协商计划' },
});
