/**
 * 相似模型学习: how many staff decisions (合并 = same problem, 不是同一问题 = not) the county's similar-clue model
 * has learned from, its weights against the shipped defaults, and the latest decisions.
 */
import { Alert, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import type { LearningSummary } from '@xs/core/schemas/clues-office.ts';

export default function LearningPage() {
  const q = useQuery({ queryKey: ['clues', 'learning'], queryFn: () => api.get<LearningSummary>('/clues/learning') });
  const d = q.data;
  return (
    <>
      <PageHeader title="相似模型学习" description="工作人员每次合并线索，记为一对「同一问题」；在合并建议上点「不是同一问题」，记为一对反例。本县的相似判断模型从出厂默认值出发，按这些决定重新学习。" />
      {q.isError && <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} />}
      {d && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={16}>
            <Col xs={12} md={6}><Card><Statistic title="已学习的决定" value={d.decisions} suffix="次" /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title="合并（同一问题）" value={d.merges} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title="不是同一问题" value={d.notSame} /></Card></Col>
            <Col xs={12} md={6}><Card><Statistic title="模型状态" valueRender={() => (d.learned ? <Tag color="green">已按本县决定学习</Tag>
              : <Tag>{d.heldOut ? '出厂默认（本县权重未更准）' : `出厂默认（满 ${d.minDecisions} 次决定后学习）`}</Tag>)} /></Card></Col>
          </Row>
          {d.heldOut && (
            <Alert type={d.learned ? 'success' : 'info'} showIcon
              title={`留出检验：把决定分成 5 份，轮流用 4 份学习、检验第 5 份。本县权重的平均误差 ${d.heldOut.learned.toFixed(4)}，出厂默认 ${d.heldOut.defaults.toFixed(4)}（越小越准）；${
                d.learned ? '本县权重更准，已启用。' : d.heldOut.learned === d.heldOut.defaults ? '两者一样准，继续使用出厂默认，决定更多后再比。' : '本县权重还不如默认准，继续使用出厂默认，决定更多后再比。'}`} />
          )}
          <Card title="判断依据的权重">
            <Table size="small" rowKey="label" pagination={false} dataSource={d.features}
              columns={[
                { title: '依据', dataIndex: 'label' },
                { title: '本县权重', dataIndex: 'weight', render: (w: number) => w.toFixed(2) },
                { title: '出厂默认', dataIndex: 'default', render: (w: number) => w.toFixed(2) },
                { title: '变化', key: 'delta', render: (_: unknown, f) => { const x = f.weight - f.default; return Math.abs(x) < 0.005 ? '—' : <Typography.Text type={x > 0 ? 'success' : 'danger'}>{x > 0 ? '+' : ''}{x.toFixed(2)}</Typography.Text>; } },
              ]} />
          </Card>
          <Card title="最近的决定">
            <Table size="small" rowKey="id" pagination={false} dataSource={d.recent} locale={{ emptyText: '还没有决定' }}
              columns={[
                { title: '决定', dataIndex: 'same', width: 110, render: (s: boolean) => (s ? <Tag color="green">同一问题</Tag> : <Tag color="orange">不是同一问题</Tag>) },
                { title: '线索', key: 'a', render: (_: unknown, r) => <><div>{r.clueCode}：{r.clueContent}</div><Typography.Text type="secondary">{r.otherCode}：{r.otherContent}</Typography.Text></> },
                { title: '当时相似度', dataIndex: 'score', width: 100, render: (s: number) => `${Math.round(s * 100)}%` },
                { title: '决定人', dataIndex: 'by', width: 100, render: (b: string | null) => b ?? '—' },
                { title: '时间', dataIndex: 'at', width: 160, render: (t: string) => formatTime(t, true) },
              ]} />
          </Card>
        </Space>
      )}
    </>
  );
}
