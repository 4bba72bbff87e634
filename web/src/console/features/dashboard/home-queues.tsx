/**
 * Each role's own home (issue 9, "my work first"): staff and units see their queues — counts that open
 * 我的待办 filtered to that queue — and the most urgent items; a leader the county's figures and 督办; a member
 * their invitations and tasks. Modules not built yet say so in an empty state, never with a placeholder page.
 */
import { Link } from 'react-router';
import { Badge, Card, Col, Empty, List, Row, Skeleton, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { WORK_TAGS, type WorkTag } from '@xs/core/schemas/work.ts';
import { api } from '../../../shared/api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import type { ClueStats } from '@xs/core/schemas/clues.ts';
import { useWork } from '../work/work.api.ts';
import { WorkTags } from '../work/work-table.tsx';

const QUEUE_HINTS: Partial<Record<WorkTag, string>> = {
  to_accept: '群众新反映，等待受理',
  due_today: '办理期限今天届满',
  overdue: '已过办理期限，需催办',
  extension: '承办单位申请延期，等待审批',
  to_publish: '近 90 天办结、尚未公开',
  to_verify: '单位报请核验的落实事项',
  new: '新交办给本单位',
  due_soon: '3 天内到期',
  returned: '机关要求重新办理',
  mine: '本单位负责人分派给您',
};

function QueueCards({ tags, counts, loading }: { tags: WorkTag[]; counts: Record<string, number>; loading: boolean }) {
  return (
    <Row gutter={[16, 16]} role="list" aria-label="我的工作队列">
      {tags.map((t) => {
        const n = counts[t] ?? 0;
        const urgent = (t === 'overdue' || t === 'returned' || t === 'due_today') && n > 0;
        return (
          <Col key={t} xs={12} md={8} xl={tags.length >= 5 ? 4 : 24 / tags.length} role="listitem">
            <Link to={`/work?tag=${t}`} aria-label={`${WORK_TAGS[t]} ${n} 项，查看`} style={{ display: 'block' }}>
              <Card hoverable size="small">
                <Statistic loading={loading} title={WORK_TAGS[t]} value={n} suffix="项"
                  styles={{ content: { color: urgent ? '#cf1322' : undefined } }} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{QUEUE_HINTS[t]}</Typography.Text>
              </Card>
            </Link>
          </Col>
        );
      })}
    </Row>
  );
}

/** Counts and the most urgent items of the user's own work. */
export function WorkHome({ tags, emptyText }: { tags: WorkTag[]; emptyText: string }) {
  const work = useWork();
  const items = work.data?.items.slice(0, 8) ?? [];
  return (
    <>
      <QueryError query={work} title="待办加载失败" />
      <QueueCards tags={tags} counts={work.data?.counts ?? {}} loading={work.isLoading} />
      <Card style={{ marginTop: 16 }}
        title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>最紧急的待办</Typography.Title>}
        extra={<Link to="/work">全部待办（{work.data?.items.length ?? 0}）›</Link>}>
        {work.isLoading ? <Skeleton active /> : items.length === 0 ? <Empty description={emptyText} /> : (
          <List dataSource={items} renderItem={(i) => (
            <List.Item key={`${i.type}-${i.id}`} extra={i.dueAt && (
              <Typography.Text type={i.overdue ? 'danger' : 'secondary'} style={{ whiteSpace: 'nowrap' }}>期限 {formatTime(i.dueAt).slice(0, 10)}</Typography.Text>
            )}>
              <List.Item.Meta
                title={<Link to={i.link}>{i.title}</Link>}
                description={<><Typography.Text type="secondary">{i.typeLabel} · {i.code}</Typography.Text><WorkTags item={i} /></>}
              />
            </List.Item>
          )} />
        )}
      </Card>
    </>
  );
}

/** A leader: the county's figures (直通政协 so far), and 督办 once it is built. */
export function LeaderHome() {
  const can = useCan();
  const stats = useQuery({ queryKey: ['/clues/stats', 'home'], queryFn: () => api.get<ClueStats>('/clues/stats'), enabled: can('stats.read') });
  const s = stats.data;
  const figures = s ? [
    { label: '收到线索', value: s.funnel.received, to: '/clues/stats' },
    { label: '已办结', value: s.funnel.resolved, to: '/clues/stats' },
    { label: '超期未办结', value: s.overdueOpen, to: '/clues?state=open&overdue=1', danger: s.overdueOpen > 0 },
    { label: '满意率', value: s.satisfaction.rate == null ? '—' : `${s.satisfaction.rate}%`, to: '/clues/stats' },
  ] : [];
  return (
    <>
      <QueryError query={stats} title="统计加载失败" />
      <Row gutter={[16, 16]}>
        {stats.isLoading ? <Col span={24}><Card><Skeleton active /></Card></Col> : figures.map((f) => (
          <Col key={f.label} xs={12} md={6}>
            <Link to={f.to} style={{ display: 'block' }} aria-label={`${f.label}，查看`}>
              <Card hoverable size="small">
                <Statistic title={f.label} value={f.value} styles={{ content: { color: f.danger ? '#cf1322' : undefined } }} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Card style={{ marginTop: 16 }} title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>督办事项</Typography.Title>}>
        <Empty description="领导督办功能建设中。上线后，您批示督办的线索和提案将列在这里，并显示办理进度。" />
      </Card>
    </>
  );
}

/** A member: invitations and tasks, both from modules still to come. */
export function MemberHome() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>我的邀请</Typography.Title>}>
          <Empty description="协商议事上线后，您收到的协商会议、调研视察和界别活动邀请将列在这里，可直接回复参加或请假。" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>我的任务</Typography.Title>}>
          <Empty description="委员履职上线后，交给您的联名确认、民主监督和履职任务将列在这里。" />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small">
          <Badge status="processing" text={<span>新的通知会出现在右上角的铃铛里，<Link to="/inbox">查看消息</Link>。</span>} />
        </Card>
      </Col>
    </Row>
  );
}
