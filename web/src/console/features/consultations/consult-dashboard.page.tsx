/**
 * 协商统计: the named figures for any period (topics, meetings, problems solved, service activities and
 * beneficiaries, published), topics by format, level, stage and township, meetings by kind. Every figure and
 * every bar opens the list it counts (the drill-downs are declared in core beside the figures, and a test holds
 * each list's total to its figure); the figures and breakdowns export to Excel, and so does each list.
 */
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Card, Col, DatePicker, Flex, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CONSULT_BREAKDOWN_DRILLS, CONSULT_FIGURE_DRILLS, CONSULT_FIGURE_LABELS, type ConsultDrill, type ConsultFigure, type ConsultPeriod,
} from '@xs/core/schemas/consultations.ts';
import { api } from '../../../shared/api.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import type { ConsultDashboard } from '@xs/core/schemas/consultations.ts';

const Bars = lazy(() => import('./consult-charts.tsx'));

const PAGES: Record<ConsultDrill['list'], string> = { topics: '/consultations/topics', meetings: '/consultations/meetings', solved: '/consultations/dashboard/solved' };
/** The console address of a drill-down's list. */
export const drillPath = (d: ConsultDrill) => `${PAGES[d.list]}?${new URLSearchParams(d.query).toString()}`;

const BREAKDOWNS: [keyof typeof CONSULT_BREAKDOWN_DRILLS, string, string, number][] = [
  ['byFormat', '议题·按协商形式', '#a8071a', 12], ['byStage', '议题·按阶段', '#0958d9', 12], ['byTownship', '议题·按乡镇', '#389e0d', 12],
  ['byLevel', '议题·按层级', '#d46b08', 12], ['meetingsByKind', '协商活动·按类型', '#722ed1', 24],
];

export default function ConsultDashboardPage() {
  const nav = useNavigate();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const period: ConsultPeriod = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const q = useQuery({ queryKey: ['consult', 'dashboard', period], queryFn: () => api.get<ConsultDashboard>('/consultations/dashboard', { ...period }) });
  const d = q.data;
  return (
    <>
      <PageHeader title="协商统计" description="每个数字按下方的定义统计，市政协各县区并列时使用同一定义。点击数字或柱形，查看它统计的清单。"
        extra={<>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <ExportButton path="/consultations/dashboard/export" query={{ ...period }} label="导出统计（Excel）" />
        </>} />
      {!d ? <PageLoading /> : (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            {(Object.keys(CONSULT_FIGURE_LABELS) as ConsultFigure[]).map((k) => (
              <Col key={k} xs={12} md={8} xl={4}>
                <Card>
                  <Link to={drillPath(CONSULT_FIGURE_DRILLS[k](period))} aria-label={`${CONSULT_FIGURE_LABELS[k]} ${d.figures[k] ?? 0}，查看清单`}>
                    <Statistic title={CONSULT_FIGURE_LABELS[k]} value={d.figures[k] ?? 0} />
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.definitions[k]}</Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <Suspense fallback={<PageLoading />}>
            <Row gutter={[16, 16]}>
              {BREAKDOWNS.map(([name, title, color, span]) => (
                <Col key={name} xs={24} xl={span}>
                  <Card title={title}>
                    <Bars rows={d[name]} color={color} onPick={(b) => void nav(drillPath(CONSULT_BREAKDOWN_DRILLS[name](period, b.key)))} />
                    {/* The same drill-downs as links, for the keyboard and screen readers (the chart is a canvas). */}
                    <Flex wrap gap={12} role="list" aria-label={`${title}清单`}>
                      {d[name].map((b) => (
                        <span role="listitem" key={String(b.key)}><Link to={drillPath(CONSULT_BREAKDOWN_DRILLS[name](period, b.key))}>{b.label} {b.n}</Link></span>
                      ))}
                    </Flex>
                  </Card>
                </Col>
              ))}
            </Row>
          </Suspense>
        </Flex>
      )}
    </>
  );
}
