/**
 * 工作台, each role's own home: staff and units their work queues (home-queues.tsx), a leader the figures and
 * 督办, a member invitations and tasks; a county admin the organisation at a glance; the city every county side
 * by side (table and chart), with a way into each county.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Row, Skeleton, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '@xs/core/roles.ts';
import { api, isApiError } from '../../../shared/api.ts';
import type { SwitchTenantResult } from '@xs/core/schemas/auth.ts';
import type { OrgOverview } from '@xs/core/schemas/orgs.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { fetchMe, ME_KEY, useCan, useSession } from '../../session.tsx';
import { LeaderHome, MemberHome, WorkHome } from './home-queues.tsx';
import { MemberDistribution } from './member-distribution.tsx';
import { STAFF_TAGS, UNIT_TAGS } from '../work/work.page.tsx';

const CountyChart = lazy(() => import('./county-chart.tsx'));

type OverviewRow = OrgOverview['rows'][number];

const FIGURES: { key: keyof Omit<OverviewRow, 'tenantId' | 'name'>; label: string; icon: ReactNode; path: string; permission: Permission; query?: string }[] = [
  { key: 'townships', label: '乡镇/街道', icon: <EnvironmentOutlined />, path: '/admin/places', permission: 'org.read' },
  { key: 'villages', label: '村/社区', icon: <EnvironmentOutlined />, path: '/admin/places', permission: 'org.read' },
  { key: 'members', label: '委员', icon: <TeamOutlined />, path: '/admin/members', permission: 'member.read' },
  { key: 'units', label: '承办单位', icon: <BankOutlined />, path: '/admin/units', permission: 'org.read' },
  { key: 'venues', label: '履职阵地', icon: <HomeOutlined />, path: '/admin/venues', permission: 'org.read' },
  { key: 'sectors', label: '界别', icon: <ApartmentOutlined />, path: '/admin/sectors', permission: 'org.read' },
];

function CountyCards({ row }: { row: OverviewRow }) {
  const can = useCan();
  return (
    <>
      <Row gutter={[16, 16]}>
        {FIGURES.map((f) => (
          <Col key={f.key} xs={12} md={8} xl={4}>
            <Card>
              <Statistic title={<span>{f.icon} {f.label}</span>} value={row[f.key]} />
              {can(f.permission) && (
                <Link to={f.path} aria-label={`查看${f.label}`} style={{ fontSize: 13 }}>查看 ›</Link>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {can('member.read') && <MemberDistribution />}
    </>
  );
}

function CityView({ rows }: { rows: OverviewRow[] }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const enter = useMutation({
    mutationFn: async (row: OverviewRow) => {
      const { tenant } = await api.post<SwitchTenantResult>('/auth/switch-tenant', { tenantId: row.tenantId });
      return { tenant, me: await fetchMe() };
    },
    onSuccess: ({ tenant, me }) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(ME_KEY, me);
      message.success(`已切换到「${tenant.name}」（只读查看）`);
    },
    onError: (err) => message.error(isApiError(err) ? err.message : '切换失败'),
  });
  const total = (k: keyof Omit<OverviewRow, 'tenantId' | 'name'>) => rows.reduce((s, r) => s + r[k], 0);
  const columns: TableColumnsType<OverviewRow> = [
    { title: '县区政协', dataIndex: 'name', fixed: 'left' },
    ...FIGURES.map((f) => ({
      title: f.label, dataIndex: f.key, align: 'right' as const,
      sorter: (a: OverviewRow, b: OverviewRow) => a[f.key] - b[f.key],
    })),
    {
      title: '操作', key: 'enter',
      render: (_v, r) => (
        <Button type="link" size="small" loading={enter.isPending && enter.variables.tenantId === r.tenantId}
          onClick={() => enter.mutate(r)} aria-label={`进入${r.name}查看`}>进入查看</Button>
      ),
    },
  ];
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(['members', 'units', 'townships', 'venues'] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card><Statistic title={`全市${FIGURES.find((f) => f.key === k)!.label}`} value={total(k)} /></Card>
          </Col>
        ))}
      </Row>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>各县区组织数据对比</Typography.Title>} style={{ marginBottom: 16 }}>
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <CountyChart rows={rows} />
        </Suspense>
      </Card>
      <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>各县区并列</Typography.Title>}>
        <Table<OverviewRow>
          rowKey="tenantId"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><strong>合计</strong></Table.Summary.Cell>
              {FIGURES.map((f, i) => (
                <Table.Summary.Cell key={f.key} index={i + 1} align="right"><strong>{total(f.key)}</strong></Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={FIGURES.length + 1} />
            </Table.Summary.Row>
          )}
        />
      </Card>
    </>
  );
}

type Home = 'city' | 'staff' | 'unit' | 'leader' | 'member' | 'admin';

/** Which home a user lands on: the city's, else their most working role's. */
function homeOf(me: ReturnType<typeof useSession>): Home {
  if (me.tenant.kind === 'city') return 'city';
  const roles = me.user.roles;
  if (roles.includes('staff')) return 'staff';
  if (roles.includes('unit_handler')) return 'unit';
  if (roles.includes('leader')) return 'leader';
  if (roles.includes('county_admin')) return 'admin';
  if (roles.includes('member')) return 'member';
  return 'admin';
}

const INTROS: Record<Home, string> = {
  city: '全市各县区政协的组织数据并列对比，可进入任一县区查看（只读）。',
  staff: '以下是等待机关办理的工作，点数字进入对应的待办清单。',
  unit: '以下是交办给本单位的工作，请按期办理；点数字进入对应的待办清单。',
  leader: '以下是本县区直通政协的主要数据、您督办的线索和重点提案办理情况。',
  member: '以下是等您办理的事项和协商活动邀请。',
  admin: '以下是本单位的组织数据概况。',
};

function OrgHome({ isCity }: { isCity: boolean }) {
  const overview = useQuery({ queryKey: ['/orgs/overview'], queryFn: () => api.get<OrgOverview>('/orgs/overview') });
  return (
    <>
      {overview.isError && (
        <Alert type="error" showIcon title={isApiError(overview.error) ? overview.error.message : '加载失败'}
          action={<Button size="small" onClick={() => void overview.refetch()}>重试</Button>} />
      )}
      {overview.isLoading && <Card><Skeleton active /></Card>}
      {overview.data && (isCity
        ? <CityView rows={overview.data.rows} />
        : overview.data.rows[0] && <CountyCards row={overview.data.rows[0]} />)}
    </>
  );
}

export default function DashboardPage() {
  const me = useSession();
  const home = homeOf(me);
  return (
    <>
      <PageHeader
        title="工作台"
        description={home === 'city' ? `${me.tenant.name}：${INTROS.city}` : `${me.tenant.name}：${me.user.displayName}，您好。${INTROS[home]}`}
      />
      {home === 'staff' && <WorkHome tags={STAFF_TAGS} emptyText="没有等待机关办理的事项" />}
      {home === 'unit' && <WorkHome tags={UNIT_TAGS} emptyText="本单位暂无待办事项" />}
      {home === 'leader' && <LeaderHome />}
      {home === 'member' && <MemberHome />}
      {(home === 'admin' || home === 'city') && <OrgHome isCity={home === 'city'} />}
    </>
  );
}
