/**
 * The modules still to come, as pages that say what each will do. A real module declaring a page
 * with the same key replaces its placeholder (see console/modules.tsx), so building one edits nothing here.
 */
import { lazy, type ReactNode } from 'react';
import { BarChartOutlined, CheckSquareOutlined, CommentOutlined, EyeOutlined, FileTextOutlined, IdcardOutlined, SoundOutlined } from '@ant-design/icons';
import type { Role } from '@xs/core/roles.ts';
import { OFFICE_ROLES, type ConsoleFeature } from '../../module.ts';

const ComingSoon = lazy(() => import('../../components/coming-soon.tsx'));

function soon(title: string, description: string, points?: string[]): ReactNode {
  return <ComingSoon title={title} description={description} points={points} />;
}

/** Who will use each module to come: the office and members; units only where they handle the cases (提案, 监督). */
const WITH_MEMBERS: readonly Role[] = [...OFFICE_ROLES, 'member'];
const WITH_UNITS: readonly Role[] = [...WITH_MEMBERS, 'unit_handler'];

export const roadmapConsole: ConsoleFeature = {
  placeholder: true,
  modules: [
    {
      key: 'topics', label: '协商议事', icon: <CommentOutlined />, path: '/topics', order: 20, permission: 'org.read', roles: WITH_MEMBERS,
      element: soon('协商议事',
        '协商议题按「八步」工作法推进：知情明政、收集民意、提出议题、充分调研、圆桌协商、党政决议、督促落实、反馈公开，每一步都有把关条件。',
        ['专题协商、界别协商、对口协商、提案办理协商、微协商（共提共答，答复转为落实事项）、有事好商量、委员会客厅',
          '年度协商计划，按「单月界别活动、双月乡镇协商」排期', '协商成果报送党政、记录批示，并向群众反馈公开']),
    },
    {
      key: 'proposals', label: '提案', icon: <FileTextOutlined />, path: '/proposals', order: 30, permission: 'org.read', roles: WITH_UNITS,
      element: soon('提案',
        '提案从起草、联名、提交到立案（按届次会议编号）或不予立案，交办主办、会办单位，单位答复（A/B/C 类）、委员测评，直至办结。',
        ['重点提案确定领衔督办领导并记录督办情况', '立案率、办复率、满意率随时可查', '由数据生成年度提案工作报告和答复函（Word）']),
    },
    {
      key: 'opinions', label: '社情民意', icon: <SoundOutlined />, path: '/opinions', order: 40, permission: 'org.read', roles: WITH_MEMBERS,
      element: soon('社情民意',
        '社情民意信息的撰写、编辑、向上报送和采用登记，采用层级（县、市、省、全国）分别计入履职积分，并记录领导批示。'),
    },
    {
      key: 'supervision', label: '民主监督', icon: <EyeOutlined />, path: '/supervision', order: 50, permission: 'org.read', roles: WITH_UNITS,
      element: soon('民主监督',
        '每年 8–10 项的民主监督清单：专委会揭榜挂帅认领事项，委员报名组成监督小组，按季度开展监督活动，发现的问题交单位回应并转为落实事项，年终评价。'),
    },
    {
      key: 'tasks', label: '落实事项', icon: <CheckSquareOutlined />, path: '/tasks', order: 60, permission: 'org.read', roles: OFFICE_ROLES,
      element: soon('落实事项',
        '协商成果、共提共答的答复、提案承诺和监督发现都转为落实事项：明确责任单位和期限，单位上报进展和佐证材料，机关核实办结，超期自动催办。'),
    },
    {
      key: 'duty', label: '委员履职', icon: <IdcardOutlined />, path: '/duty', order: 70, permission: 'org.read', roles: WITH_MEMBERS,
      element: soon('委员履职',
        '一届一人一档的委员履职档案：会议出席（扫码签到）、提案、社情民意、协商、调研视察、民主监督和服务群众活动自动汇总，按本县区设定的规则计算履职积分。'),
    },
    {
      key: 'stats', label: '统计分析', icon: <BarChartOutlined />, path: '/stats', order: 80, permission: 'stats.read', roles: OFFICE_ROLES,
      element: soon('统计分析',
        '各项工作的数量、立案率、办复率、采纳率、满意率和超期情况，可按任意时段统计；市政协可并列查看各县区的同口径数据。'),
    },
  ],
};
