// Draws the portal's charts from the page's JSON block; the server renders everything else.
import { axisNumber, fullNumber } from './number-format.js';

(() => {
  const block = document.getElementById('page-data');
  if (!block || !window.echarts) return;
  const data = JSON.parse(block.textContent);
  const lang = data.lang === 'en' ? 'en' : 'zh';
  const en = lang === 'en';
  const palette = ['#c8161d', '#1f5fa8', '#2e8b57', '#d98b00', '#7a4fb3', '#0f8a8a', '#8c564b'];
  const charts = [];
  const draw = (id, option) => {
    const el = document.getElementById(id);
    if (!el) return;
    const chart = window.echarts.init(el, null, { renderer: 'canvas' });
    // Listen first: a chart without animation finishes inside setOption.
    chart.on('finished', () => el.setAttribute('data-rendered', 'true'));
    chart.setOption(option);
    charts.push(chart);
    return chart;
  };

  const names = {};
  for (const n of data.sankey?.nodes ?? []) names[n.id] = n.name;

  if (data.page === 'cockpit' && data.sankey) {
    const maxDepth = Math.max(...data.sankey.nodes.map((n) => n.depth));
    draw('chain-chart', {
      color: palette,
      tooltip: {
        trigger: 'item',
        formatter: (p) =>
          p.dataType === 'edge'
            ? `${names[p.data.source]} → ${names[p.data.target]}<br/>${en ? 'share of final product' : '占终端产品投入'}: ${(p.data.value * 100).toFixed(2)}%`
            : (names[p.data.id] ?? p.name),
      },
      series: [
        {
          type: 'sankey',
          left: 10,
          right: 110,
          top: 10,
          bottom: 10,
          nodeGap: 12,
          nodeAlign: 'right',
          layoutIterations: 32,
          draggable: false,
          emphasis: { focus: 'adjacency' },
          data: data.sankey.nodes.map((n) => ({
            name: n.id,
            id: n.id,
            depth: n.depth,
            itemStyle: { color: palette[(maxDepth - n.depth) % palette.length] },
          })),
          links: data.sankey.links,
          label: { formatter: (p) => names[p.name] ?? p.name, fontSize: 11 },
          lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        },
      ],
    });
  }

  if (data.page === 'cockpit' && data.tiers) {
    draw('tier-chart', {
      color: ['#1f5fa8'],
      grid: { left: 40, right: 16, top: 20, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.tiers.map((_c, i) => (en ? `Tier ${i + 1}` : `第${i + 1}级`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: data.tiers, barMaxWidth: 48, label: { show: true, position: 'top' } }],
    });
  }

  if (data.page === 'portal' && data.network) {
    draw('ent-chart', {
      color: palette,
      tooltip: {},
      legend: { data: data.network.categories, top: 0 },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          force: { repulsion: 300, edgeLength: [60, 140], gravity: 0.14 },
          categories: data.network.categories.map((name) => ({ name })),
          data: data.network.nodes.map((n) => ({
            id: n.id,
            name: n.name,
            category: n.category,
            symbolSize: n.category === 0 ? 56 : n.category === 3 ? 30 : 20,
            label: {
              show: true,
              position: n.category === 0 ? 'inside' : 'right',
              color: n.category === 0 ? '#fff' : '#1d2733',
              fontSize: n.category === 0 ? 14 : 11,
              fontWeight: n.category === 0 ? 'bold' : 'normal',
            },
          })),
          links: data.network.links,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          lineStyle: { color: '#9aa6b2', opacity: 0.6 },
        },
      ],
    });
  }
  // History, forecast mean and the 80% band (a transparent base stacked with the band's width).
  const outlook = (o, color) => {
    const dates = [...o.history.map((p) => p[0]), ...o.forecast.map((p) => p[0])];
    const pad = (n) => new Array(n).fill(null);
    const lastHistory = o.history[o.history.length - 1];
    const fc = o.forecast;
    return {
      color: [color],
      title: {
        text: `${o.name}${o.unit ? ` (${o.unit})` : ''}`,
        textStyle: { fontSize: 13, fontWeight: 600 },
        left: 0,
      },
      grid: { left: 64, right: 12, top: 44, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => fullNumber(v == null ? v : Number(v), lang),
      },
      xAxis: { type: 'category', data: dates, axisLabel: { formatter: (d) => d.slice(0, 7) } },
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { formatter: (v) => axisNumber(v, lang) },
      },
      series: [
        {
          name: en ? 'actual' : '实际',
          type: 'line',
          showSymbol: false,
          data: [...o.history.map((p) => p[1]), ...pad(fc.length)],
          lineStyle: { width: 2 },
        },
        {
          name: en ? 'forecast' : '预测',
          type: 'line',
          showSymbol: false,
          data: [...pad(o.history.length - 1), lastHistory[1], ...fc.map((p) => p[1])],
          lineStyle: { type: 'dashed', width: 2 },
        },
        {
          name: 'lo80',
          type: 'line',
          stack: 'band',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          tooltip: { show: false },
          data: [...pad(o.history.length), ...fc.map((p) => p[2])],
        },
        {
          name: en ? '80% interval' : '80%区间',
          type: 'line',
          stack: 'band',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color, opacity: 0.18 },
          data: [...pad(o.history.length), ...fc.map((p) => p[3] - p[2])],
        },
      ],
    };
  };
  (data.prices ?? []).forEach((o, i) => {
    draw(`price-chart-${i}`, outlook(o, palette[(i + 1) % palette.length]));
  });
  for (const o of data.demand ?? []) draw('demand-chart', outlook(o, '#2e8b57'));

  if (data.page === 'cockpit' && data.districts) drawDistricts(data.districts, lang, draw);

  window.addEventListener('resize', () => {
    for (const c of charts) c.resize();
  });
})();

// Chongqing's districts coloured by the measure the select picks: chain enterprises, local supply
// rate, or the risk level (red/amber/green bands, not a single red scale).
async function drawDistricts(districts, lang, draw) {
  const el = document.getElementById('district-map');
  const select = document.getElementById('map-measure');
  if (!el || !select) return;
  const res = await fetch('/assets/chongqing.json');
  if (!res.ok) return;
  window.echarts.registerMap('chongqing', await res.json());
  const labels = districts.labels;
  const percent = (v) => `${(v * 100).toFixed(0)}%`;
  const measures = {
    enterprises: {
      value: (r) => r.enterprises,
      format: (v) => fullNumber(v, lang),
      visualMap: {
        type: 'continuous',
        min: 0,
        max: Math.max(1, ...districts.rows.map((r) => r.enterprises)),
        inRange: { color: ['#dbe8f6', '#1f5fa8'] },
        calculable: false,
      },
    },
    localSupply: {
      value: (r) => r.localSupply,
      format: percent,
      visualMap: {
        type: 'continuous',
        min: 0,
        max: Math.max(0.01, ...districts.rows.map((r) => r.localSupply)),
        inRange: { color: ['#e3f2e6', '#1f7a3a'] },
        formatter: (v) => percent(v),
      },
    },
    risk: {
      value: (r) => (r.risk == null ? null : Number(r.risk.toFixed(1))),
      format: (v) => `${v.toFixed(0)} (${v >= 50 ? labels.red : v >= 25 ? labels.amber : labels.green})`,
      visualMap: {
        type: 'piecewise',
        pieces: [
          { min: 50, label: `${labels.red} ≥50`, color: '#c62828' },
          { min: 25, lt: 50, label: `${labels.amber} 25–50`, color: '#f2a900' },
          { lt: 25, label: `${labels.green} <25`, color: '#2e8b57' },
        ],
      },
    },
  };
  const option = (name) => {
    const m = measures[name];
    const rows = districts.rows
      .map((r) => ({ name: r.name, value: m.value(r) }))
      .filter((r) => r.value != null);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p) =>
          `${p.name}<br/>${labels[name]}: ${p.value == null || Number.isNaN(p.value) ? '–' : m.format(p.value)}`,
      },
      visualMap: {
        ...m.visualMap,
        left: 0,
        bottom: 0,
        orient: 'vertical',
        itemWidth: 12,
        textStyle: { fontSize: 11 },
      },
      series: [
        {
          type: 'map',
          map: 'chongqing',
          name: labels[name],
          roam: false,
          layoutCenter: ['55%', '50%'],
          layoutSize: '100%',
          itemStyle: { areaColor: '#eef1f5', borderColor: '#fff', borderWidth: 0.6 },
          emphasis: { label: { show: true, fontSize: 11 }, itemStyle: { areaColor: '#ffd36b' } },
          select: { disabled: true },
          data: rows,
        },
      ],
    };
  };
  const chart = draw('district-map', option(select.value));
  el.dataset.measure = select.value;
  select.addEventListener('change', () => {
    el.removeAttribute('data-rendered');
    chart.setOption(option(select.value), { replaceMerge: ['visualMap', 'series'] });
    el.dataset.measure = select.value;
  });
}
