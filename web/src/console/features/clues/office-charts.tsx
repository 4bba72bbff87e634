/** Charts of the unit figures and the city's county comparison (ECharts, only the parts used, loaded with these pages). */
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

const aria = { enabled: true, decal: { show: true } };

function Chart({ option, height = 340, label }: { option: object; height?: number; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={{ aria, ...option }} style={{ height }} notMerge lazyUpdate />
    </div>
  );
}

/** Rates side by side per name (units or counties): 按期办结率 and 满意率 as bars, a count on the right axis. */
export function RateBars({ names, series, count, label }: {
  names: string[];
  series: { name: string; data: (number | null)[]; color: string }[];
  count?: { name: string; data: number[]; color: string };
  label: string;
}) {
  return (
    <Chart label={label} height={Math.max(300, names.length > 10 ? 380 : 300)} option={{
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: count ? 48 : 16, top: 40, bottom: names.length > 8 ? 80 : 30 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 35 : 0 } },
      yAxis: [{ type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }, ...(count ? [{ type: 'value', minInterval: 1, splitLine: { show: false } }] : [])],
      series: [
        ...series.map((s) => ({ type: 'bar', name: s.name, itemStyle: { color: s.color }, data: s.data })),
        ...(count ? [{ type: 'line', name: count.name, yAxisIndex: 1, itemStyle: { color: count.color }, data: count.data }] : []),
      ],
    }} />
  );
}

/** Month-by-month lines, one per name. */
export function TrendLines({ months, lines, label }: { months: string[]; lines: { name: string; data: number[] }[]; label: string }) {
  return (
    <Chart label={label} height={380} option={{
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 16, top: 48, bottom: 30 },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: lines.map((l) => ({ type: 'line', name: l.name, smooth: true, showSymbol: false, data: l.data })),
    }} />
  );
}
