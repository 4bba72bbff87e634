/** 提案 in core: its permissions and audit names (the workflows are in schemas/proposals.ts). */
import { defineCoreModule } from '../module.ts';
import { ASSIGNMENT_WORKFLOW, PROPOSAL_WORKFLOW } from '../schemas/proposals.ts';

const eventNames = (prefix: string, label: string, events: Record<string, { label: string; audit?: string }> | undefined) =>
  Object.entries(events ?? {}).map(([name, e]) => [e.audit ?? `${prefix}.${name}`, `${label}·${e.label}`] as const);

export const proposalsModule = defineCoreModule({
  name: 'proposals',
  label: '提案',
  permissions: {
    'proposal.read': { label: '查看提案', readOnly: true, roles: ['staff', 'leader', 'county_admin', 'city_viewer', 'city_admin'] },
    'proposal.manage': { label: '审查、交办和督办提案', roles: ['staff', 'county_admin'] },
    'proposal.supervise': { label: '记录重点提案督办', roles: ['staff', 'county_admin', 'leader'] },
    'proposal.write': { label: '委员撰写、附议和评价提案', roles: ['member'] },
    'proposal.unit': { label: '承办单位办理提案', roles: ['unit_handler'] },
  },
  workflows: [PROPOSAL_WORKFLOW, ASSIGNMENT_WORKFLOW],
  auditActions: Object.fromEntries([
    ...eventNames('proposal', '提案', PROPOSAL_WORKFLOW.events),
    ...eventNames('proposal_assignment', '提案承办', ASSIGNMENT_WORKFLOW.events),
    ['proposal.create', '提案·新建草稿'], ['proposal.save', '提案·保存草稿'], ['proposal.session', '提案·届次设置'],
  ]),
  auditEntities: { proposal: '提案', proposal_assignment: '提案承办', proposal_session: '届次会议' },
});
