// The chain explorer: a tiered graph grown by clicking, a list of the same tiers, and a side panel.
// Every read goes to /portal-api/explore/* on the session; the server decides what may be seen.
document.addEventListener('DOMContentLoaded', () => {
  const block = document.getElementById('page-data');
  const chartEl = document.getElementById('explore-chart');
  if (!block || !chartEl || !window.echarts) return;
  const data = JSON.parse(block.textContent);
  if (data.page !== 'explore') return;
  const T = data.text;
  const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));
  const region = data.region || '';
  const COLORS = {
    focus: '#c8161d',
    local: '#2e8b57',
    elsewhere: '#d98b00',
    none: '#9aa6b2',
    more: '#ffffff',
  };
  /** Room for the outermost labels, which sit outside their nodes; less on a phone. */
  const margins = () => (chartEl.clientWidth < 600 ? { side: 70, label: 4 } : { side: 150, label: 11 });

  /** Builds an element; children are nodes or text, never HTML. */
  const h = (tag, attrs = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c);
    return el;
  };
  const pct = (x) => {
    const p = x * 100;
    return `${p >= 10 || Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
  };
  const get = async (path, params) => {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
    const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.detail || `${res.status}`);
    return body;
  };

  // ---- state: nodes by id with their tier, links, and what each expansion has left to show
  const nodes = new Map();
  const links = new Map();
  const pages = new Map();
  const tierOrder = new Map();
  let selected = null;

  const kindOf = (n) => {
    if (n.more) return 'more';
    if (n.focus) return 'focus';
    if (n.type === 'Enterprise') return n.local ? 'local' : 'elsewhere';
    if (!n.producers || n.producers.total === 0) return 'none';
    return n.producers.local > 0 ? 'local' : 'elsewhere';
  };

  const addNode = (item, tier) => {
    const known = nodes.get(item.id);
    if (known) return known;
    const n = { ...item, tier };
    nodes.set(item.id, n);
    if (!tierOrder.has(tier)) tierOrder.set(tier, []);
    tierOrder.get(tier).push(item.id);
    return n;
  };
  const removeNode = (id) => {
    const n = nodes.get(id);
    if (!n) return;
    nodes.delete(id);
    const order = tierOrder.get(n.tier);
    order.splice(order.indexOf(id), 1);
    for (const key of [...links.keys()]) if (key.includes(id)) links.delete(key);
  };

  // ---- drawing
  const chart = window.echarts.init(chartEl, null, { renderer: 'canvas' });
  chart.on('finished', () => chartEl.setAttribute('data-rendered', 'true'));
  window.addEventListener('resize', () => chart.resize());

  const draw = () => {
    chartEl.setAttribute('data-rendered', 'false');
    const points = [];
    // Spacing that fills the chart's box, so the view can keep one scale both ways (round nodes).
    const { side, label } = margins();
    const tiers = [...tierOrder.keys()];
    const span = Math.max(1, Math.max(...tiers) - Math.min(...tiers));
    const tallest = Math.max(1, ...[...tierOrder.values()].map((ids) => ids.length));
    const X_STEP = Math.max(60, (chartEl.clientWidth - 2 * side) / span);
    const Y_STEP = Math.max(24, (chartEl.clientHeight - 48) / tallest);
    for (const [tier, ids] of tierOrder) {
      ids.forEach((id, i) => {
        const n = nodes.get(id);
        const kind = kindOf(n);
        points.push({
          id,
          name: n.name,
          x: tier * X_STEP,
          y: (i - (ids.length - 1) / 2) * Y_STEP,
          symbolSize: n.focus ? 26 : n.more ? 14 : 16,
          itemStyle: {
            color: COLORS[kind],
            borderColor: n.more ? '#9aa6b2' : id === selected ? '#1d2733' : '#fff',
            borderWidth: id === selected ? 3 : 1.5,
          },
          label: {
            show: true,
            position: tier < 0 ? 'left' : 'right',
            formatter: n.name.length > label + 1 ? `${n.name.slice(0, label)}…` : n.name,
            fontWeight: n.focus ? 'bold' : 'normal',
            color: n.more ? '#1f5fa8' : '#1d2733',
          },
        });
      });
    }
    chart.setOption(
      {
        animationDurationUpdate: 250,
        tooltip: {
          formatter: (p) => {
            if (p.dataType === 'edge') return links.get(`${p.data.source}>${p.data.target}`)?.fact ?? '';
            const n = nodes.get(p.data.id);
            if (!n || n.more) return p.name;
            const bits = [n.name];
            if (n.producers) bits.push(`${T.producers}: ${fill(T.producersSummary, n.producers)}`);
            return bits.join('<br/>');
          },
        },
        series: [
          {
            type: 'graph',
            layout: 'none',
            roam: true,
            left: side,
            right: side,
            top: 24,
            bottom: 24,
            preserveAspect: true,
            data: points,
            links: [...links.values()].map((l) => ({
              source: l.source,
              target: l.target,
              value: l.share,
              label: {
                show: l.share !== undefined,
                formatter: l.share !== undefined ? pct(l.share) : '',
                fontSize: 10,
              },
              lineStyle: { width: l.share !== undefined ? 1 + 5 * Math.sqrt(l.share) : 1 },
            })),
            edgeSymbol: ['none', 'arrow'],
            edgeSymbolSize: 6,
            lineStyle: { color: '#9aa6b2', opacity: 0.7, curveness: 0.08 },
            emphasis: { focus: 'adjacency' },
          },
        ],
      },
      { replaceMerge: ['series'] },
    );
    drawTiers();
  };

  const tiersEl = document.getElementById('explore-tiers');
  const drawTiers = () => {
    const rows = [...tierOrder.keys()].sort((a, b) => a - b);
    tiersEl.replaceChildren(
      ...rows.map((tier) => {
        const label =
          tier === 0 ? T.tierFocus : fill(tier < 0 ? T.tierUp : T.tierDown, { n: Math.abs(tier) });
        return h(
          'div',
          { class: 'tier', 'data-tier': tier },
          h('h3', {}, label),
          h(
            'ul',
            { class: 'tier-nodes' },
            tierOrder.get(tier).map((id) => {
              const n = nodes.get(id);
              const kind = kindOf(n);
              return h(
                'li',
                {},
                h(
                  'button',
                  {
                    type: 'button',
                    class: `node-chip ${kind}${id === selected ? ' selected' : ''}`,
                    'data-id': id,
                    title: n.fact || n.name,
                    onclick: () => activate(id),
                  },
                  n.name,
                  n.share !== undefined ? h('small', {}, pct(n.share)) : null,
                ),
              );
            }),
          ),
        );
      }),
    );
  };

  // ---- growing the graph
  const expandNode = async (id, dir) => {
    const key = `${id}|${dir}`;
    const page = pages.get(key);
    if (page && page.next === null) return;
    const from = nodes.get(id);
    const res = await get('/portal-api/explore/expand', { id, dir, region, offset: page ? page.next : 0 });
    pages.set(key, { next: res.next, total: res.total });
    const tier = from.tier + (dir === 'up' ? -1 : 1);
    removeNode(`more:${key}`);
    for (const item of res.items) {
      const n = addNode(item, tier);
      const [source, target] = dir === 'up' ? [n.id, id] : [id, n.id];
      links.set(`${source}>${target}`, { source, target, share: item.share, fact: item.fact });
      if (n.share === undefined && item.share !== undefined) n.share = item.share;
      if (!n.fact) n.fact = item.fact;
    }
    if (res.next !== null)
      addNode(
        { id: `more:${key}`, name: fill(T.moreNode, { n: res.total - res.next }), more: { id, dir } },
        tier,
      );
    chartEl.setAttribute('data-expanded', String(pages.size));
    draw();
  };

  const activate = async (id) => {
    const n = nodes.get(id);
    if (!n) return;
    if (n.more) {
      await expandNode(n.more.id, n.more.dir).catch(showError);
      return;
    }
    select(id);
    const dirs = n.tier < 0 ? ['up'] : n.tier > 0 ? ['down'] : ['up', 'down'];
    await Promise.all(dirs.map((d) => expandNode(id, d))).catch(showError);
  };

  chart.on('click', (p) => {
    if (p.dataType === 'node') activate(p.data.id);
  });

  // ---- the side panel
  const panel = document.getElementById('explore-panel');
  const showError = (error) => panel.prepend(h('p', { class: 'error' }, error.message));

  const linkOrText = (item) =>
    item.href ? h('a', { href: item.href }, item.name ?? item.label) : h('span', {}, item.name ?? item.label);

  let priceChart = null;
  const select = async (id) => {
    selected = id;
    draw();
    panel.replaceChildren(h('p', { class: 'hint' }, T.loading));
    let info;
    try {
      info = await get('/portal-api/explore/node', { id, region });
    } catch (error) {
      panel.replaceChildren();
      showError(error);
      return;
    }
    if (selected !== id) return;
    const n = nodes.get(id);
    const section = (title, ...body) => h('section', {}, h('h3', {}, title), ...body);
    const list = (items, empty) =>
      items.length
        ? h(
            'ul',
            { class: 'links' },
            items.map((i) => h('li', {}, linkOrText(i))),
          )
        : h('p', { class: 'empty' }, empty);
    if (priceChart) priceChart.dispose();
    priceChart = null;
    const parts = [
      h(
        'header',
        { class: 'panel-head' },
        h('h2', { 'data-id': info.id }, info.name),
        h('span', { class: 'tag' }, info.typeLabel),
        info.href ? h('a', { href: info.href, class: 'profile-link' }, T.openProfile) : null,
      ),
      h(
        'div',
        { class: 'panel-actions' },
        h(
          'button',
          { type: 'button', onclick: () => expandNode(id, 'up').catch(showError), disabled: !n },
          T.expandUp,
        ),
        h(
          'button',
          { type: 'button', onclick: () => expandNode(id, 'down').catch(showError), disabled: !n },
          T.expandDown,
        ),
      ),
      section(
        T.facts,
        h(
          'dl',
          { class: 'facts' },
          info.facts.map((f) => [
            h('dt', {}, f.label),
            h('dd', {}, f.href ? h('a', { href: f.href }, f.value) : f.value),
          ]),
        ),
      ),
      info.producers
        ? section(
            T.producers,
            h('p', { class: 'hint' }, fill(T.producersSummary, info.producers)),
            h(
              'ul',
              { class: 'chips producers' },
              info.producers.items.map((p) =>
                h(
                  'li',
                  { class: p.local ? 'local' : 'elsewhere', title: p.local ? T.local : T.elsewhere },
                  linkOrText(p),
                  p.share !== undefined ? h('small', {}, ` ${pct(p.share)}`) : null,
                ),
              ),
            ),
          )
        : null,
      section(T.risk, h('div', { id: 'panel-risk' }, h('p', { class: 'hint' }, T.loading))),
      section(T.priceOutlook, h('div', { id: 'panel-outlook' }, h('p', { class: 'hint' }, T.loading))),
      section(T.sources, list(info.sources, T.none)),
      section(T.documents, list(info.documents, T.noDocuments)),
    ];
    // replaceChildren would write a null as the text "null".
    panel.replaceChildren(...parts.filter(Boolean));
    panel.setAttribute('data-id', info.id);
    // Risk and price come on their own: the first risk question of a server takes a while.
    const insight = await get('/portal-api/explore/insight', { id, region }).catch((error) => ({ error }));
    if (selected !== id) return;
    const riskEl = document.getElementById('panel-risk');
    const outlookEl = document.getElementById('panel-outlook');
    if (insight.error) {
      riskEl.replaceChildren(h('p', { class: 'error' }, insight.error.message));
      outlookEl.replaceChildren();
      return;
    }
    const { risk, price } = insight;
    riskEl.replaceChildren(
      risk
        ? h(
            'div',
            { class: 'risk' },
            h(
              'p',
              {},
              `${T.riskScore} `,
              h('strong', {}, String(risk.score)),
              ' ',
              h('span', { class: `level ${risk.level}` }, risk.levelLabel),
            ),
            h(
              'ul',
              { class: 'reasons' },
              risk.reasons.map((r) => h('li', {}, r)),
            ),
          )
        : h('p', { class: 'empty' }, T.noRisk),
    );
    outlookEl.replaceChildren(
      price
        ? h(
            'div',
            {},
            h('div', { id: 'panel-price', class: 'chart small' }),
            h('p', { class: 'hint' }, price.sentence),
          )
        : h('p', { class: 'empty' }, T.noPrice),
    );
    if (price) drawPrice(price);
  };

  const drawPrice = (o) => {
    const el = document.getElementById('panel-price');
    const dates = [...o.history.map((p) => p[0]), ...o.forecast.map((p) => p[0])];
    const pad = (k) => new Array(k).fill(null);
    const last = o.history[o.history.length - 1];
    priceChart = window.echarts.init(el, null, { renderer: 'canvas' });
    priceChart.setOption({
      color: ['#1f5fa8'],
      title: { text: `${o.name}${o.unit ? ` (${o.unit})` : ''}`, textStyle: { fontSize: 12 }, left: 0 },
      grid: { left: 56, right: 8, top: 30, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: dates, axisLabel: { formatter: (d) => d.slice(0, 7) } },
      yAxis: { type: 'value', scale: true },
      series: [
        { type: 'line', showSymbol: false, data: [...o.history.map((p) => p[1]), ...pad(o.forecast.length)] },
        {
          type: 'line',
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          data: [...pad(o.history.length - 1), last ? last[1] : null, ...o.forecast.map((p) => p[1])],
        },
        {
          type: 'line',
          stack: 'band',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          data: [...pad(o.history.length), ...o.forecast.map((p) => p[2])],
        },
        {
          type: 'line',
          stack: 'band',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color: '#1f5fa8', opacity: 0.15 },
          data: [...pad(o.history.length), ...o.forecast.map((p) => p[3] - p[2])],
        },
      ],
    });
  };

  // ---- search as you type; picking a hit opens the explorer on it
  const input = document.getElementById('explore-q');
  const suggest = document.getElementById('explore-suggest');
  const regionSelect = document.getElementById('explore-region');
  let timer = 0;
  const open = (id) => {
    const url = new URL('/explore', location.origin);
    url.searchParams.set('focus', id);
    if (regionSelect.value) url.searchParams.set('region', regionSelect.value);
    location.assign(url);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) {
      suggest.hidden = true;
      return;
    }
    timer = setTimeout(async () => {
      const res = await get('/portal-api/explore/search', { q }).catch(() => ({ results: [] }));
      if (input.value.trim() !== q) return;
      suggest.replaceChildren(
        ...(res.results.length
          ? res.results.map((r) =>
              h(
                'li',
                {},
                h(
                  'button',
                  { type: 'button', 'data-id': r.id, onclick: () => open(r.id) },
                  r.name,
                  h('small', {}, ` ${r.typeLabel}${r.hint ? ` · ${r.hint}` : ''}`),
                ),
              ),
            )
          : [h('li', { class: 'empty' }, T.noResults)]),
      );
      suggest.hidden = false;
    }, 180);
  });
  regionSelect.addEventListener('change', () => document.getElementById('explore-form').requestSubmit());

  // ---- opening: the focus, its first tier each way, and its panel
  if (data.focus) {
    addNode({ ...data.focus, focus: true }, 0);
    draw();
    activate(data.focus.id);
  }
});
