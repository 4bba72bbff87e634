/** The clue dashboard's charts; only the ECharts parts used here are bundled, and only on this page. */
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useNavigate } from 'react-router';
import { Card, Col, Row } from 'antd';
import { listLink, type Period } from './list-link.ts';
import type { ClueStats, StatsGroup } from '@xs/core/schemas/clues.ts';

echarts.use([FunnelChart, BarChart, PieChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const COLORS = { received: '#0958d9', adopted: '#d46b08', forwarded: '#7cb305', resolved: '#237804' };
const aria = { enabled: true, decal: { show: true } };

function Chart({ option, height = 320, label, onPick }: { option: object; height?: number; label: string; onPick?: (dataIndex: number) => void }) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={{ aria, ...option }} style={{ height }} notMerge lazyUpdate
        onEvents={onPick ? { click: (p: { dataIndex?: number }) => p.dataIndex !== undefined && onPick(p.dataIndex) } : undefined} />
    </div>
  );
}


function groupBars(rows: StatsGroup<string | number>[], rotate = 0) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: rotate ? 70 : 30 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate } },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['received', 'adopted', 'resolved'] as const).map((k) => ({
      type: 'bar', name: { received: '收到', adopted: '采纳', resolved: '办结' }[k], itemStyle: { color: COLORS[k] }, data: rows.map((r) => r[k]),
    })),
  };
}

export function StatsCharts({ stats: s, period }: { stats: ClueStats; period: Period }) {
  const navigate = useNavigate();
  const funnel = [
    { name: '收到', value: s.funnel.received, itemStyle: { color: COLORS.received } },
    { name: '采纳', value: s.funnel.adopted, itemStyle: { color: COLORS.adopted } },
    { name: '转办/上报', value: s.funnel.forwarded, itemStyle: { color: COLORS.forwarded } },
    { name: '办结', value: s.funnel.resolved, itemStyle: { color: COLORS.resolved } },
  ];
  // A line needs a few months to say anything; one or two months read better as bars.
  const monthType = s.byMonth.length > 2 ? 'line' : 'bar';
  const funnelText = funnel.map((f) => `${f.name} ${f.value} 条`).join('，');
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title="办理漏斗：收到 → 采纳 → 转办/上报 → 办结" style={{ height: '100%' }}>
            <Chart
              label={`办理漏斗：${funnelText}`}
              option={{
                tooltip: { trigger: 'item', formatter: '{b}：{c} 条' },
                series: [{
                  type: 'funnel', sort: 'none', min: 0, max: Math.max(1, ...funnel.map((f) => f.value)), left: '8%', right: '8%', top: 10, bottom: 10, minSize: '18%', gap: 4,
                  label: { show: true, position: 'inside', formatter: '{b}\n{c} 条', color: '#fff', fontSize: 14, fontWeight: 'bold' },
                  data: funnel,
                }],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title="按月份" style={{ height: '100%' }}>
            <Chart
              label={`按月份：${s.byMonth.map((m) => `${m.month} 收到 ${m.received} 办结 ${m.resolved}`).join('；')}`}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 40, right: 16, top: 40, bottom: 30 },
                xAxis: { type: 'category', data: s.byMonth.map((m) => m.month) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  { type: monthType, name: '收到', smooth: true, symbolSize: 8, itemStyle: { color: COLORS.received }, data: s.byMonth.map((m) => m.received) },
                  { type: monthType, name: '办结', smooth: true, symbol: 'diamond', symbolSize: 9, lineStyle: { type: 'dashed' }, itemStyle: { color: COLORS.resolved }, data: s.byMonth.map((m) => m.resolved) },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="按类别" style={{ height: '100%' }}>
            <Chart label={`按类别：${s.byCategory.map((g) => `${g.label} ${g.received}`).join('，')}`} option={groupBars(s.byCategory, 40)}
              onPick={(i) => s.byCategory[i] && void navigate(listLink({ category: s.byCategory[i].key }, period))} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="按乡镇/街道" style={{ height: '100%' }}>
            <Chart label={`按乡镇：${s.byTownship.map((g) => `${g.label} ${g.received}`).join('，')}`} option={groupBars(s.byTownship, 40)}
              onPick={(i) => s.byTownship[i] && void navigate(listLink({ townshipId: s.byTownship[i].key }, period))} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** Clues by channel as a ring, with each channel's count in the legend. */
export function ChannelPie({ stats: s, period }: { stats: ClueStats; period: Period }) {
  const navigate = useNavigate();
  const total = s.byChannel.reduce((a, g) => a + g.received, 0);
  const count = new Map(s.byChannel.map((g) => [g.label, g.received]));
  return (
    <Chart
      height={320}
      onPick={(i) => s.byChannel[i] && void navigate(listLink({ channel: s.byChannel[i].key }, period))}
      label={`按渠道：${s.byChannel.map((g) => `${g.label} ${g.received}`).join('，')}`}
      option={{
        tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
        legend: {
          orient: 'vertical', left: 'center', bottom: 0, itemGap: 10,
          formatter: (name: string) => `${name}  ${count.get(name) ?? 0} 条（${total ? Math.round(((count.get(name) ?? 0) / total) * 100) : 0}%）`,
        },
        series: [{
          type: 'pie', radius: ['28%', '52%'], center: ['50%', '36%'], label: { show: false },
          data: s.byChannel.map((g) => ({ name: g.label, value: g.received })),
        }],
      }}
    />
  );
}

export default StatsCharts;
