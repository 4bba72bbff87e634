/** Bars for the consultation dashboard; a click on a bar drills down to the topic list. */
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export interface Bucket { key: string | number | null; label: string; n: number }

export default function Bars({ rows, color = '#a8071a', onPick }: { rows: Bucket[]; color?: string; onPick?: (b: Bucket) => void }) {
  const option = {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', itemStyle: { color }, data: rows.map((r) => r.n), label: { show: true, position: 'top' } }],
  };
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge lazyUpdate
    onEvents={{ click: (p: { dataIndex: number }) => { const r = rows[p.dataIndex]; if (r && onPick) onPick(r); } }} />;
}
