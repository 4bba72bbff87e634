/**
 * The console's modules: one entry per menu item and page. A feature plugs into the console by
 * adding its entry here (menu position by `order`, grouping by `group`); the router and the menu are
 * both built from this list, and an entry whose `permission` the user lacks is neither shown nor opened.
 */
import { lazy, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import {
  ApartmentOutlined, BankOutlined, BarChartOutlined, CheckSquareOutlined, ClusterOutlined, CommentOutlined,
  DashboardOutlined, EnvironmentOutlined, EyeOutlined, FileTextOutlined, HomeOutlined, IdcardOutlined,
  SafetyCertificateOutlined, SettingOutlined, SoundOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';
import { AimOutlined, BranchesOutlined, FieldTimeOutlined, FundOutlined, MessageOutlined, NodeIndexOutlined, SolutionOutlined } from '@ant-design/icons';
import type { Permission } from '@xs/core/roles.ts';

export interface ConsoleModule {
  /** Unique; also the menu key. */
  key: string;
  /** Chinese menu label. */
  label: string;
  icon?: ReactNode;
  /** The page's URL, e.g. `/admin/members`; `/` is the home page (工作台). */
  path: string;
  /** The page (wrap big pages in React.lazy so the login page stays small). */
  element: ReactNode;
  /** What the user must hold to see the menu item and open the page; none = every signed-in user. */
  permission?: Permission;
  /** Menu position, lower first. */
  order: number;
  /** Key of a submenu in MENU_GROUPS. */
  group?: string;
  /** Further routes below `path` (detail pages such as `:id`); `element` is then the index page. */
  children?: RouteObject[];
  /** A route without a menu item. */
  hideInMenu?: boolean;
}

export interface MenuGroup {
  key: string;
  label: string;
  icon?: ReactNode;
  order: number;
}

export const MENU_GROUPS: MenuGroup[] = [
  { key: 'clues', label: '直通政协', icon: <MessageOutlined />, order: 10 },
  { key: 'admin', label: '系统管理', icon: <SettingOutlined />, order: 100 },
];

const ComingSoon = lazy(() => import('./components/coming-soon.tsx'));
const DashboardPage = lazy(() => import('./features/dashboard/dashboard.page.tsx'));
const PlacesPage = lazy(() => import('./features/orgs/places.page.tsx'));
const SectorsPage = lazy(() => import('./features/orgs/sectors.page.tsx'));
const CommitteesPage = lazy(() => import('./features/orgs/committees.page.tsx'));
const UnitsPage = lazy(() => import('./features/orgs/units.page.tsx'));
const VenuesPage = lazy(() => import('./features/orgs/venues.page.tsx'));
const MembersPage = lazy(() => import('./features/members/members.page.tsx'));
const UsersPage = lazy(() => import('./features/users/users.page.tsx'));
const AuditPage = lazy(() => import('./features/audit/audit.page.tsx'));
const JobsPage = lazy(() => import('./features/jobs/jobs.page.tsx'));
const CluesPage = lazy(() => import('./features/clues/clues.page.tsx'));
const ClueDetailPage = lazy(() => import('./features/clues/clue-detail.page.tsx'));
const ClueStatsPage = lazy(() => import('./features/clues/stats.page.tsx'));
const ClueConversionsPage = lazy(() => import('./features/clues/conversions.page.tsx'));
const ClueRulesPage = lazy(() => import('./features/clues/rules.page.tsx'));
const UnitCluesPage = lazy(() => import('./features/unit/unit-clues.page.tsx'));
const UnitClueDetailPage = lazy(() => import('./features/unit/unit-clue-detail.page.tsx'));

function soon(title: string, description: string, points?: string[]): ReactNode {
  return <ComingSoon title={title} description={description} points={points} />;
}

export const MODULES: ConsoleModule[] = [
  { key: 'dashboard', label: '工作台', icon: <DashboardOutlined />, path: '/', order: 0, element: <DashboardPage /> },

  // 直通政协（民意线索）: triage, dashboard, conversions, routing rules; and the handling units' portal.
  { key: 'clue-triage', label: '线索分拣', icon: <AimOutlined />, path: '/clues', order: 11, group: 'clues', permission: 'clue.read',
    element: <CluesPage />, children: [{ path: ':id', element: <ClueDetailPage /> }] },
  { key: 'clue-stats', label: '统计', icon: <FundOutlined />, path: '/clues/stats', order: 12, group: 'clues', permission: 'stats.read', element: <ClueStatsPage /> },
  { key: 'clue-conversions', label: '转化队列', icon: <NodeIndexOutlined />, path: '/clues/conversions', order: 13, group: 'clues', permission: 'clue.read', element: <ClueConversionsPage /> },
  { key: 'clue-rules', label: '转办规则', icon: <BranchesOutlined />, path: '/clues/rules', order: 14, group: 'clues', permission: 'clue.read', element: <ClueRulesPage /> },
  { key: 'unit-clues', label: '承办办理', icon: <SolutionOutlined />, path: '/unit/clues', order: 15, permission: 'clue.unit',
    element: <UnitCluesPage />, children: [{ path: ':id', element: <UnitClueDetailPage /> }] },

  {
    key: 'topics', label: '协商议事', icon: <CommentOutlined />, path: '/topics', order: 20, permission: 'org.read',
    element: soon('协商议事',
      '协商议题按「八步」工作法推进：知情明政、收集民意、提出议题、充分调研、圆桌协商、党政决议、督促落实、反馈公开，每一步都有把关条件。',
      ['专题协商、界别协商、对口协商、提案办理协商、微协商（共提共答，答复转为落实事项）、有事好商量、委员会客厅',
        '年度协商计划，按「单月界别活动、双月乡镇协商」排期', '协商成果报送党政、记录批示，并向群众反馈公开']),
  },
  {
    key: 'proposals', label: '提案', icon: <FileTextOutlined />, path: '/proposals', order: 30, permission: 'org.read',
    element: soon('提案',
      '提案从起草、联名、提交到立案（按届次会议编号）或不予立案，交办主办、会办单位，单位答复（A/B/C 类）、委员测评，直至办结。',
      ['重点提案确定领衔督办领导并记录督办情况', '立案率、办复率、满意率随时可查', '由数据生成年度提案工作报告和答复函（Word）']),
  },
  {
    key: 'opinions', label: '社情民意', icon: <SoundOutlined />, path: '/opinions', order: 40, permission: 'org.read',
    element: soon('社情民意',
      '社情民意信息的撰写、编辑、向上报送和采用登记，采用层级（县、市、省、全国）分别计入履职积分，并记录领导批示。'),
  },
  {
    key: 'supervision', label: '民主监督', icon: <EyeOutlined />, path: '/supervision', order: 50, permission: 'org.read',
    element: soon('民主监督',
      '每年 8–10 项的民主监督清单：专委会揭榜挂帅认领事项，委员报名组成监督小组，按季度开展监督活动，发现的问题交单位回应并转为落实事项，年终评价。'),
  },
  {
    key: 'tasks', label: '落实事项', icon: <CheckSquareOutlined />, path: '/tasks', order: 60, permission: 'org.read',
    element: soon('落实事项',
      '协商成果、共提共答的答复、提案承诺和监督发现都转为落实事项：明确责任单位和期限，单位上报进展和佐证材料，机关核实办结，超期自动催办。'),
  },
  {
    key: 'duty', label: '委员履职', icon: <IdcardOutlined />, path: '/duty', order: 70, permission: 'org.read',
    element: soon('委员履职',
      '一届一人一档的委员履职档案：会议出席（扫码签到）、提案、社情民意、协商、调研视察、民主监督和服务群众活动自动汇总，按本县区设定的规则计算履职积分。'),
  },
  {
    key: 'stats', label: '统计分析', icon: <BarChartOutlined />, path: '/stats', order: 80, permission: 'stats.read',
    element: soon('统计分析',
      '各项工作的数量、立案率、办复率、采纳率、满意率和超期情况，可按任意时段统计；市政协可并列查看各县区的同口径数据。'),
  },

  { key: 'places', label: '乡镇/村', icon: <EnvironmentOutlined />, path: '/admin/places', order: 101, group: 'admin', permission: 'org.read', element: <PlacesPage /> },
  { key: 'sectors', label: '界别', icon: <ApartmentOutlined />, path: '/admin/sectors', order: 102, group: 'admin', permission: 'org.read', element: <SectorsPage /> },
  { key: 'committees', label: '专委会', icon: <ClusterOutlined />, path: '/admin/committees', order: 103, group: 'admin', permission: 'org.read', element: <CommitteesPage /> },
  { key: 'units', label: '承办单位', icon: <BankOutlined />, path: '/admin/units', order: 104, group: 'admin', permission: 'org.read', element: <UnitsPage /> },
  { key: 'venues', label: '履职阵地', icon: <HomeOutlined />, path: '/admin/venues', order: 105, group: 'admin', permission: 'org.read', element: <VenuesPage /> },
  { key: 'members', label: '委员', icon: <TeamOutlined />, path: '/admin/members', order: 106, group: 'admin', permission: 'member.read', element: <MembersPage /> },
  { key: 'users', label: '用户', icon: <UserOutlined />, path: '/admin/users', order: 107, group: 'admin', permission: 'user.manage', element: <UsersPage /> },
  { key: 'audit', label: '审计日志', icon: <SafetyCertificateOutlined />, path: '/admin/audit', order: 108, group: 'admin', permission: 'audit.read', element: <AuditPage /> },
  { key: 'jobs', label: '定时任务', icon: <FieldTimeOutlined />, path: '/admin/jobs', order: 109, group: 'admin', permission: 'audit.read', element: <JobsPage /> },
];
