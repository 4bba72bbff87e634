/**
 * Each role's own home (issue 9, "my work first"): staff and units see their queues — counts that open
 * 我的待办 filtered to that queue — and the most urgent items; a leader the county's figures and the key
 * proposals; a member what waits on them (联名确认, 评价) and their invitations to 协商活动.
 */
import { Link } from 'react-router';
import { Badge, Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { WORK_TAGS, type WorkItem, type WorkTag } from '@xs/core/schemas/work.ts';
import { api } from '../../../shared/api.ts';
import { QueryError } from '../../components/query-error.tsx';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import type { ClueStats } from '@xs/core/schemas/clues.ts';
import type { ProposalItem } from '@xs/core/schemas/proposals.ts';
import type { Invitation } from '@xs/core/schemas/consultations.ts';
import type { Page } from '../../../shared/types.ts';
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

/** A leader: the county's figures of 直通政协, the clues they supervise (督办) and the key proposals. */
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
      <Supervised />
      {can('proposal.read') && <KeyProposals />}
    </>
  );
}

/** Work items from 我的待办 as a short list: title, type and code, deadline, 超期 and the state. */
function WorkItemList({ items }: { items: WorkItem[] }) {
  return (
    <List dataSource={items} renderItem={(i) => (
      <List.Item key={`${i.type}-${i.id}`} extra={<Space>{i.overdue && <Tag color="red">超期</Tag>}<Tag>{i.stateLabel}</Tag></Space>}>
        <List.Item.Meta title={<Link to={i.link}>{i.title}</Link>}
          description={`${i.typeLabel} · ${i.code}${i.dueAt ? ` · 期限 ${formatTime(i.dueAt).slice(0, 10)}` : ''}`} />
      </List.Item>
    )} />
  );
}

/** The open clues this leader put under 领导督办 (from 我的待办), late ones first. */
function Supervised() {
  const work = useWork();
  const items = work.data?.items.slice(0, 8) ?? [];
  return (
    <Card style={{ marginTop: 16 }} title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>我督办的线索</Typography.Title>}>
      <QueryError query={work} title="督办事项加载失败" />
      {work.isLoading ? <Skeleton active /> : items.length === 0 ? <Empty description="您还没有督办中的线索。在线索详情里点「领导督办」写下批示，办理进度会列在这里。" /> : <WorkItemList items={items} />}
    </Card>
  );
}

/** 重点提案 still being handled, with their leading leader (领衔督办) and whether they are late. */
function KeyProposals() {
  const q = useQuery({ queryKey: ['/proposals', 'home-key'], queryFn: () => api.get<Page<ProposalItem>>('/proposals', { key: '1', state: 'open', pageSize: 8 }) });
  return (
    <Card style={{ marginTop: 16 }} title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>重点提案办理</Typography.Title>}
      extra={<Link to="/proposals">全部提案 ›</Link>}>
      <QueryError query={q} title="重点提案加载失败" />
      {q.isLoading ? <Skeleton active /> : (q.data?.items.length ?? 0) === 0 ? <Empty description="暂无正在办理的重点提案" /> : (
        <List dataSource={q.data!.items} renderItem={(p) => (
          <List.Item key={p.id} extra={<Space>{p.overdue && <Tag color="red">超期</Tag>}<Tag>{p.stateLabel}</Tag></Space>}>
            <List.Item.Meta title={<Link to={`/proposals/${p.id}`}>{p.title}</Link>}
              description={`${p.code}${p.key?.leader ? ` · 领衔督办：${p.key.leader}` : ''}`} />
          </List.Item>
        )} />
      )}
    </Card>
  );
}

/** A member: what waits on them (联名确认, 评价 …, from 我的待办) and their invitations to 协商活动. */
export function MemberHome() {
  const can = useCan();
  const work = useWork();
  const invitations = useQuery({ queryKey: ['consult', 'mine'], queryFn: () => api.get<{ items: Invitation[] }>('/member/meetings'), enabled: can('consult.member') });
  const soon = (invitations.data?.items ?? []).filter((i) => Date.parse(i.startsAt) >= Date.now() - 86_400_000).slice(0, 6);
  const items = work.data?.items.slice(0, 6) ?? [];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>等我办理</Typography.Title>}>
          <QueryError query={work} title="待办加载失败" />
          {work.isLoading ? <Skeleton active /> : items.length === 0 ? <Empty description="眼下没有等您确认或评价的事项" /> : <WorkItemList items={items} />}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>我的协商活动邀请</Typography.Title>}
          extra={can('consult.member') && <Link to="/m">全部 ›</Link>}>
          <QueryError query={invitations} title="邀请加载失败" />
          {invitations.isLoading ? <Skeleton active /> : soon.length === 0 ? <Empty description="暂无即将举行的协商活动" /> : (
            <List dataSource={soon} renderItem={(i) => (
              <List.Item key={i.id} extra={<Tag>{i.statusLabel}</Tag>}>
                <List.Item.Meta title={<Link to="/m">{i.title}</Link>}
                  description={`${i.kindLabel} · ${formatTime(i.startsAt)}${i.venueName ? ` · ${i.venueName}` : ''}`} />
              </List.Item>
            )} />
          )}
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
