// Bench-only page: the panel's three charts drawn with Apache ECharts instead of uPlot, from the same
// protocol message through the same validation and transforms, so the benchmark compares chart libraries
// and nothing else. Bundled (minified) by panel.bench.ts at run time; never shipped.

import { LineChart, ScatterChart } from 'echarts/charts';
import {
  AxisPointerComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { impliedHashrateHps } from '../../src/core/economics';
import { deriveSeries } from '../../src/core/history/derive';
import { validateHostMessage } from '../../src/shared/protocol';

echarts.use([
  LineChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  MarkLineComponent,
  AxisPointerComponent,
  CanvasRenderer,
]);

const charts: echarts.ECharts[] = [];

function css(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Validates, derives and draws the message's dataset in three charts; returns the elapsed ms. */
function render(message: unknown): number {
  const started = performance.now();
  const result = validateHostMessage(message);
  if (!result.ok || result.value.type !== 'history') throw new Error('not a history message');
  const dataset = result.value.dataset;
  const s = deriveSeries(dataset);
  const log = dataset.range === 'ALL';
  const t = s.timeS.map((x) => x * 1000);
  const pos = (v: readonly (number | null)[]) => (log ? v.map((x) => (x !== null && x > 0 ? x : null)) : v);
  const c = {
    fg: css('--vscode-foreground', '#ccc'),
    grid: 'rgba(204,204,204,0.12)',
    blue: css('--vscode-charts-blue', '#3794ff'),
    purple: css('--vscode-charts-purple', '#b180d7'),
    orange: css('--vscode-charts-orange', '#d18616'),
    green: css('--vscode-charts-green', '#89d185'),
    yellow: css('--vscode-charts-yellow', '#cca700'),
    red: css('--vscode-charts-red', '#f14c4c'),
  };
  const halvings = dataset.halvings.map((h) => ({ xAxis: h.timeS * 1000, name: `Halving ${h.index}` }));
  const axis = { axisLabel: { color: c.fg }, splitLine: { lineStyle: { color: c.grid } } };
  const valueAxis = (extra: object) => ({ type: log ? 'log' : 'value', scale: true, ...axis, ...extra });
  const common = {
    animation: false,
    grid: { left: 70, right: 70, top: 30, bottom: 30 },
    tooltip: { trigger: 'axis' },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    dataZoom: [{ type: 'inside', xAxisIndex: 0 }],
    legend: { textStyle: { color: c.fg } },
    xAxis: { type: 'time', ...axis },
  };
  const line = (name: string, data: readonly (number | null)[], color: string, extra: object = {}) => ({
    name,
    type: 'line',
    data: t.map((x, i) => [x, data[i]]),
    showSymbol: false,
    progressive: 0,
    lineStyle: { color, width: 1.5 },
    itemStyle: { color },
    ...extra,
  });
  const adj = dataset.adjustments;
  const options = [
    {
      ...common,
      yAxis: [valueAxis({}), valueAxis({})],
      series: [
        {
          name: 'Daily estimate',
          type: 'scatter',
          data: t.map((x, i) => [x, pos(s.hashrate)[i]]),
          symbolSize: 2,
          progressive: 0,
          itemStyle: { color: c.blue, opacity: 0.5 },
        },
        line('7-day average', pos(s.hashrateMa7), c.blue),
        line('30-day average', pos(s.hashrateMa30), c.purple, { lineStyle: { color: c.purple, width: 2.5 } }),
        line('Difficulty', pos(s.difficultyHps), c.orange, {
          step: 'end',
          markLine: { symbol: 'none', silent: true, data: [...halvings, { yAxis: 1e21, name: '1 ZH/s' }] },
        }),
        {
          name: 'Retargets',
          type: 'scatter',
          progressive: 0,
          symbolSize: 4,
          data: adj.timeS.map((x, i) => ({
            value: [x * 1000, impliedHashrateHps(adj.difficulty[i]!)],
            itemStyle: { color: adj.ratio[i]! >= 1 ? c.green : c.red },
          })),
        },
      ],
    },
    {
      ...common,
      yAxis: [valueAxis({}), valueAxis({})],
      series: [
        line('Fiat per PH/day', pos(s.hashpriceFiat), c.green, {
          markLine: { symbol: 'none', silent: true, data: halvings },
        }),
        line('Sats per PH/day', pos(s.hashpriceSats), c.yellow, { yAxisIndex: 1 }),
      ],
    },
    {
      ...common,
      yAxis: [{ type: 'value', ...axis, max: 100 }, valueAxis({})],
      series: [
        line('Fee share', s.feeSharePercent, c.blue, {
          areaStyle: { opacity: 0.12 },
          markLine: { symbol: 'none', silent: true, data: halvings },
        }),
        line('BTC price', pos(s.price), c.orange, { yAxisIndex: 1 }),
      ],
    },
  ];
  for (let i = 0; i < 3; i++) {
    if (!charts[i]) {
      charts[i] = echarts.init(document.getElementById(`chart-${i}`)!, null, { renderer: 'canvas' });
      charts[i]!.group = 'mining';
    }
    charts[i]!.setOption(options[i] as echarts.EChartsCoreOption, true);
  }
  echarts.connect('mining');
  // Paint now instead of on the next animation frame, so both libraries are timed to pixels on canvas.
  for (const chart of charts) chart.getZr().flush();
  return performance.now() - started;
}

(window as unknown as { __renderECharts: typeof render }).__renderECharts = render;
