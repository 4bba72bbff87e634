/** 提案统计: the named figures by session, category, unit and sector, result-class shares, key proposals. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Col, Flex, Row, Select, Statistic, Table, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { PROPOSALS_KEY, useSessions } from './proposals.page.tsx';
import type { ProposalDashboard } from '@xs/core/schemas/proposals.ts';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

function Figure({ d, name, value, to }: { d: ProposalDashboard; name: string; value: string | number; to?: string }) {
  const f = d.figures[name]!;
  return (
    <Card size="small">
      <Tooltip title={f.definition}><span><Statistic title={f.label} value={value} styles={to && Number(value) > 0 ? { content: { color: '#cf1322' } } : undefined} /></span></Tooltip>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.definition}</Typography.Text>
      {to && <div><Link to={to} aria-label={`查看${f.label}清单`}>查看清单 ›</Link></div>}
    </Card>
  );
}

/** The list a drill-down figure opens, in the dashboard's scope. */
function listUrl(path: string, scope: { sessionId?: number; termId?: number }) {
  const q = new URLSearchParams();
  if (scope.sessionId) q.set('sessionId', String(scope.sessionId));
  if (scope.termId) q.set('termId', String(scope.termId));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export default function ProposalDashboardPage() {
  const sessions = useSessions();
  const [scope, setScope] = useState<{ sessionId?: number; termId?: number }>({});
  const q = useQuery({ queryKey: [PROPOSALS_KEY, 'dashboard', scope], queryFn: () => api.get<ProposalDashboard>('/proposals/dashboard', scope) });
  const options = [
    ...(sessions.data?.terms ?? []).map((t) => ({ value: `t${t.id}`, label: `${t.name}（全届）` })),
    ...(sessions.data?.sessions ?? []).map((s) => ({ value: `s${s.id}`, label: s.name })),
  ];
  const d = q.data;
  return (
    <>
      <PageHeader title="提案统计" description="各项数字都按下方写明的口径计算，市政协汇总各县区时用同一口径。"
        extra={<Select aria-label="统计范围" allowClear placeholder="全部会议" style={{ width: 220 }} options={options}
          onChange={(v?: string) => setScope(!v ? {} : v.startsWith('t') ? { termId: Number(v.slice(1)) } : { sessionId: Number(v.slice(1)) })} />} />
      {q.isLoading && <PageLoading />}
      {q.isError && <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} />}
      {d && (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {(['submitted', 'registered', 'handled', 'adopted'] as const).map((k) => <Col key={k} xs={12} md={6}><Figure d={d} name={k} value={d.total[k]} /></Col>)}
            <Col xs={12} md={6}><Figure d={d} name="registerRate" value={pct(d.total.registerRate)} /></Col>
            <Col xs={12} md={6}><Figure d={d} name="replyRate" value={pct(d.total.replyRate)} /></Col>
            <Col xs={12} md={6}><Figure d={d} name="adoptRate" value={pct(d.total.adoptRate)} /></Col>
            <Col xs={12} md={6}><Figure d={d} name="satisfaction" value={pct(d.total.satisfaction)} /></Col>
            <Col xs={12} md={6}><Figure d={d} name="overdue" value={d.total.overdue} to={listUrl('/proposal-overdue', scope)} /></Col>
            <Col xs={12} md={6}><Figure d={d} name="unsatisfied" value={d.total.unsatisfied} to={listUrl('/proposal-unsatisfied', scope)} /></Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={14}>
              <Card title="按会议">
                <ReactEChartsCore echarts={echarts} notMerge style={{ height: 320 }} option={{
                  aria: { enabled: true, decal: { show: true } }, tooltip: { trigger: 'axis' }, legend: { top: 0 },
                  grid: { left: 40, right: 16, top: 40, bottom: 60 },
                  xAxis: { type: 'category', data: d.bySession.map((s) => s.name), axisLabel: { interval: 0, rotate: 20 } }, yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { type: 'bar', name: '立案', data: d.bySession.map((s) => s.registered), itemStyle: { color: '#0958d9' } },
                    { type: 'bar', name: '已办复', data: d.bySession.map((s) => s.handled), itemStyle: { color: '#389e0d' } },
                    { type: 'bar', name: '建议被采纳', data: d.bySession.map((s) => s.adopted), itemStyle: { color: '#d46b08' } },
                  ],
                }} />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title="办理结果类别">
                <ReactEChartsCore echarts={echarts} notMerge style={{ height: 320 }} option={{
                  aria: { enabled: true, decal: { show: true } }, tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' }, legend: { bottom: 0 },
                  series: [{ type: 'pie', radius: ['35%', '65%'], data: d.classes.map((c) => ({ name: `${c.code} ${c.label}`, value: c.count })) }],
                }} />
              </Card>
            </Col>
          </Row>
          <Card title="重点提案">
            <Table rowKey="id" size="small" pagination={false} dataSource={d.keyProposals} columns={[
              { title: '编号', dataIndex: 'code', render: (c: string, r) => <Link to={`/proposals/${r.id}`}>{c}</Link> },
              { title: '标题', dataIndex: 'title' }, { title: '领衔督办', dataIndex: 'leader' }, { title: '办理情况', dataIndex: 'stateLabel' },
              { title: '结果', dataIndex: 'resultClass', render: (c: string | null) => (c ? `${c} 类` : '—') },
            ]} />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <Card title="按承办单位">
                <Table rowKey="id" size="small" pagination={{ pageSize: 10 }} dataSource={d.byUnit} columns={[
                  { title: '单位', dataIndex: 'name' }, { title: '承办件次', dataIndex: 'assigned' }, { title: '主办', dataIndex: 'lead' },
                  { title: '会办', dataIndex: 'co' }, { title: '已答复', dataIndex: 'replied' }, { title: '办复率', dataIndex: 'replyRate', render: pct },
                ]} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title="按类别和界别">
                <Table rowKey="name" size="small" pagination={false} dataSource={d.byCategory} columns={[
                  { title: '类别', dataIndex: 'name' }, { title: '提交', dataIndex: 'submitted' }, { title: '立案', dataIndex: 'registered' },
                  { title: '已办复', dataIndex: 'handled' }, { title: '立案率', dataIndex: 'registerRate', render: pct },
                ]} />
                <Table rowKey="name" size="small" style={{ marginTop: 12 }} pagination={{ pageSize: 8 }} dataSource={d.bySector} columns={[
                  { title: '界别', dataIndex: 'name' }, { title: '提交', dataIndex: 'submitted' }, { title: '立案', dataIndex: 'registered' },
                  { title: '已办复', dataIndex: 'handled' }, { title: '办复率', dataIndex: 'replyRate', render: pct },
                ]} />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
