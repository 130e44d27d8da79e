import * as echarts from 'echarts';
import type { RiskReport } from '../risk/types.js';
import type { Outlook } from '../risk/prices.js';
import type { DependencyMap, Lang } from './gather.js';

/** Fonts for server-side charts; Noto CJK renders the Chinese labels (Debian fonts-noto-cjk). */
export const CHART_FONT =
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif";

const INK = '#1f2a37';
const MUTED = '#6b7280';
const ACCENT = '#b42318';
const BLUE = '#1d4e89';

export interface Chart {
  svg: string;
  width: number;
  height: number;
}

function render(option: echarts.EChartsCoreOption, width: number, height: number): Chart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT, color: INK }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return { svg, width, height };
}

/** History, forecast mean and its 80% / 95% intervals. */
export function forecastChart(o: Outlook, lang: Lang): Chart {
  const dates = [
    ...o.history.map((p) => p.date.slice(0, 7)),
    ...o.points.map((p) => (p.date ?? '').slice(0, 7)),
  ];
  const h = o.history.length;
  const pad = (values: Array<number | null>) => [...Array<null>(h).fill(null), ...values];
  const band = (lo: string, hi: string, name: string, opacity: number) => [
    {
      name,
      type: 'line',
      stack: name,
      data: pad(o.points.map((p) => p[lo as 'lo80']!)),
      lineStyle: { opacity: 0 },
      itemStyle: { color: BLUE, opacity },
      symbol: 'none',
    },
    {
      name,
      type: 'line',
      stack: name,
      data: pad(o.points.map((p) => p[hi as 'hi80']! - p[lo as 'lo80']!)),
      lineStyle: { opacity: 0 },
      itemStyle: { color: BLUE, opacity: opacity * 3 },
      symbol: 'none',
      areaStyle: { color: BLUE, opacity },
    },
  ];
  const label =
    lang === 'zh'
      ? { hist: '历史', mean: '预测', i80: '80% 区间', i95: '95% 区间' }
      : { hist: 'history', mean: 'forecast', i80: '80% interval', i95: '95% interval' };
  return render(
    {
      title: {
        text: `${o.name}${o.unit ? `（${o.unit}）` : ''}`,
        left: 0,
        top: 0,
        textStyle: { fontSize: 13, fontWeight: 600, color: INK, fontFamily: CHART_FONT },
      },
      grid: { left: 52, right: 12, top: 36, bottom: 44 },
      legend: {
        bottom: 0,
        itemWidth: 14,
        itemHeight: 8,
        textStyle: { fontSize: 10, color: MUTED },
        data: [label.hist, label.mean, label.i80, label.i95],
      },
      xAxis: {
        type: 'category',
        data: dates,
        axisLabel: { fontSize: 10, color: MUTED, interval: 11 },
        axisLine: { lineStyle: { color: '#cbd5e1' } },
      },
      yAxis: {
        type: 'value',
        scale: true,
        // The series are prices, demand or output (never negative) and their bands are clipped
        // at zero: the axis must not extend below zero either.
        min: (extent: { min: number }) => (extent.min <= 0 ? 0 : undefined),
        axisLabel: { fontSize: 10, color: MUTED },
        splitLine: { lineStyle: { color: '#eef2f7' } },
      },
      series: [
        ...band('lo95', 'hi95', label.i95, 0.1),
        ...band('lo80', 'hi80', label.i80, 0.2),
        {
          name: label.hist,
          type: 'line',
          data: [...o.history.map((p) => p.value), ...Array<null>(o.points.length).fill(null)],
          symbol: 'none',
          lineStyle: { color: INK, width: 1.6 },
          itemStyle: { color: INK },
        },
        {
          name: label.mean,
          type: 'line',
          data: [...Array<null>(h - 1).fill(null), o.history[h - 1]!.value, ...o.points.map((p) => p.mean)],
          symbol: 'none',
          lineStyle: { color: ACCENT, width: 2, type: 'dashed' },
          itemStyle: { color: ACCENT },
        },
      ],
    },
    400,
    250,
  );
}

/** Each factor's contribution to the composite score, largest first. */
export function factorChart(risk: RiskReport, lang: Lang): Chart {
  const factors = [...risk.factors].reverse();
  return render(
    {
      grid: { left: lang === 'zh' ? 150 : 190, right: 48, top: 8, bottom: 24 },
      xAxis: {
        type: 'value',
        max: Math.max(10, Math.ceil(Math.max(...risk.factors.map((f) => f.weight * 100)))),
        axisLabel: { fontSize: 10, color: MUTED },
        splitLine: { lineStyle: { color: '#eef2f7' } },
      },
      yAxis: {
        type: 'category',
        data: factors.map((f) => f.label[lang]),
        axisLabel: { fontSize: 11, color: INK },
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cbd5e1' } },
      },
      series: [
        {
          type: 'bar',
          stack: 'w',
          data: factors.map((f) => Number(f.contribution.toFixed(1))),
          itemStyle: { color: ACCENT },
          barWidth: 14,
          label: { show: true, position: 'right', fontSize: 10, color: INK, formatter: '{c}' },
        },
        {
          type: 'bar',
          stack: 'w',
          data: factors.map((f) => Number((f.weight * 100 - f.contribution).toFixed(1))),
          itemStyle: { color: '#e5e7eb' },
          barWidth: 14,
          silent: true,
        },
      ],
    },
    780,
    Math.max(120, 30 * factors.length + 32),
  );
}

/** Inputs on the left, the focus product(s) in the middle, users on the right; colour by risk. */
export function dependencyChart(map: DependencyMap, lang: Lang, rowHeight = 30): Chart {
  const byTier = new Map<number, DependencyMap['nodes']>();
  for (const n of map.nodes) byTier.set(n.tier, [...(byTier.get(n.tier) ?? []), n]);
  const tiers = [...byTier.keys()].sort((a, b) => a - b);
  const tallest = Math.max(...[...byTier.values()].map((l) => l.length));
  const width = 780;
  const height = Math.max(220, Math.min(640, tallest * rowHeight + 60));
  const colour = (n: DependencyMap['nodes'][number]) =>
    n.focus ? BLUE : n.score >= 50 ? ACCENT : n.score >= 25 ? '#dd6b20' : '#94a3b8';
  const data = tiers.flatMap((tier, column) => {
    const list = byTier.get(tier)!;
    return list.map((n, row) => ({
      id: n.id,
      name: n.name,
      x: 110 + (column * (width - 250)) / Math.max(1, tiers.length - 1),
      y: 30 + ((row + 0.5) * (height - 60)) / list.length,
      symbolSize: n.focus ? 16 : n.rank ? 13 : 10,
      itemStyle: { color: colour(n) },
      label: {
        show: true,
        formatter: n.rank ? `#${n.rank} ${n.name}` : n.name,
        position: column === tiers.length - 1 ? 'right' : 'left',
        fontSize: 10,
        color: INK,
        fontWeight: n.focus ? 700 : 400,
      },
    }));
  });
  const note =
    lang === 'zh'
      ? '左：上游投入 · 中：分析对象 · 右：下游产品；红/橙 = 高/中风险'
      : 'left: inputs · centre: subject · right: users; red/orange = high/moderate risk';
  return render(
    {
      title: {
        text: note,
        bottom: 0,
        left: 'center',
        textStyle: { fontSize: 10, color: MUTED, fontWeight: 400, fontFamily: CHART_FONT },
      },
      series: [
        {
          type: 'graph',
          layout: 'none',
          data,
          links: map.edges.map((e) => ({
            source: e.from,
            target: e.to,
            lineStyle: {
              width: 0.6 + 3 * (e.share ?? 0.15),
              color: '#9aa9bd',
              curveness: 0.12,
              opacity: 0.8,
            },
          })),
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 5,
          left: 110,
          right: 140,
          top: 10,
          bottom: 30,
        },
      ],
    },
    width,
    height,
  );
}
