/**
 * 年度协商计划: the year's topics by planned month against the county's rhythm (新安: odd months sector
 * activities, even months township consultations), each month that breaks it flagged; approved as a whole.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Empty, InputNumber, List, Row, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import type { AnnualPlan } from '@xs/core/schemas/consultations.ts';

export default function PlanPage() {
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useQuery({ queryKey: ['consult', 'plan', year], queryFn: () => api.get<AnnualPlan>('/consultations/plan', { year }) });
  const approve = useMutation({ mutationFn: () => api.post<AnnualPlan>('/consultations/plan/approve', { year }),
    onSuccess: () => { message.success(`${year} 年度协商计划已审定`); void qc.invalidateQueries({ queryKey: ['consult', 'plan'] }); },
    onError: (err) => message.error(isApiError(err) ? err.message : '操作失败') });
  const p = q.data;
  return (
    <>
      <PageHeader title="年度协商计划" description="议题按计划月份排入全年；本县设了协商节奏时，偏离节奏的月份标红。计划整体审定。"
        extra={<>
          <InputNumber aria-label="年份" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} addonAfter="年" />
          <ExportButton path="/consultations/plan.docx" query={{ year }} label="导出 Word" />
          {can('consult.decide') && <Button type="primary" disabled={!p || !!p.approvedAt} loading={approve.isPending} onClick={() => approve.mutate()}>审定计划</Button>}
        </>} />
      {p && (
        <Alert style={{ marginBottom: 16 }} showIcon type={p.approvedAt ? 'success' : 'info'}
          title={p.approvedAt ? `${p.year} 年度协商计划已于 ${formatTime(p.approvedAt).slice(0, 10)} 由 ${p.approvedBy ?? ''} 审定，共 ${p.topicCount} 个议题` : `${p.year} 年度协商计划待审定，已列入 ${p.topicCount} 个议题`}
          description={p.rhythm === 'none' ? '本县未设固定协商节奏（可在「规则设置」中设置）。' : `本县协商节奏：单月界别活动、双月乡镇协商。${p.breaks.length ? `偏离节奏的月份：${p.breaks.join('、')} 月。` : '全年各月均符合节奏。'}`} />
      )}
      <Row gutter={[12, 12]}>
        {(p?.months ?? []).map((m) => (
          <Col key={m.month} xs={24} sm={12} lg={8} xl={6}>
            <Card size="small" title={`${m.month} 月`} style={m.kept ? undefined : { borderColor: '#cf1322' }}
              extra={m.expected && <Tag color={m.kept ? 'green' : 'red'}>{m.expected}{m.kept ? '' : '·未安排'}</Tag>}>
              {m.topics.length + m.meetings.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未安排" /> : (
                <List size="small" dataSource={[...m.topics.map((t) => ({ key: `t${t.id}`, node: <><Link to={`/consultations/topics/${t.id}`}>{t.title}</Link> <Typography.Text type="secondary">{t.formatLabel}·{t.stateLabel}</Typography.Text></> })),
                  ...m.meetings.map((x) => ({ key: `m${x.id}`, node: <Link to={`/consultations/meetings/${x.id}`}>活动：{x.title}</Link> }))]}
                  renderItem={(x) => <List.Item key={x.key}>{x.node}</List.Item>} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
