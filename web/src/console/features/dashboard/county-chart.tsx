/** Counties side by side as grouped bars; only the ECharts parts used here are bundled. */
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { OrgOverview } from '@xs/core/schemas/orgs.ts';

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const SERIES = [
  { key: 'members', name: '委员', color: '#0958d9' },
  { key: 'units', name: '承办单位', color: '#d46b08' },
  { key: 'townships', name: '乡镇/街道', color: '#389e0d' },
  { key: 'venues', name: '履职阵地', color: '#a8071a' },
] as const;

export default function CountyChart({ rows }: { rows: OrgOverview['rows'] }) {
  const option = {
    aria: { enabled: true, decal: { show: true } },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 80 },
    xAxis: { type: 'category', data: rows.map((r) => r.name.replace(/政协(工委)?$/, '')), axisLabel: { interval: 0, rotate: 40 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: SERIES.map((s) => ({ type: 'bar', name: s.name, itemStyle: { color: s.color }, data: rows.map((r) => r[s.key]) })),
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 380 }} notMerge lazyUpdate />;
}
