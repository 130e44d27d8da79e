import { FACTOR_LABELS, LEVEL_LABELS } from '../risk/composite.js';
import { CHART_FONT } from './charts.js';
import { sourceText } from './citations.js';
import { COPY, factorValue, summaryLines, usesDemoData } from './copy.js';
import type { BriefingData } from './gather.js';
import { citationHref, idHref } from '../links.js';
import { actionPhrase, horizonLine, type Phrase, whyRanks } from './phrases.js';
import type { Ref } from './position.js';
import type { BriefingCharts } from './render.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const sup = (ns: readonly number[]) =>
  ns.length ? `<sup class="cite">${ns.map((n) => `<a href="#c${n}">${n}</a>`).join(',')}</sup>` : '';

/** A name linked to its portal profile (root-relative: the portal serves the briefing). */
const name = (r: Ref) => {
  const href = idHref(r.id);
  return href ? `<a class="name" href="${esc(href)}">${esc(r.name)}</a>` : esc(r.name);
};
const linked = (p: Phrase) => p.map((x) => (typeof x === 'string' ? esc(x) : name(x))).join('');

const LEVEL_CLASS = { low: 'low', moderate: 'mod', high: 'high', severe: 'sev' } as const;

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#eef1f5;color:#1f2a37;font:14px/1.65 ${CHART_FONT}}
.page{max-width:860px;margin:24px auto;background:#fff;box-shadow:0 1px 4px rgba(15,23,42,.12)}
header{background:#14213d;color:#fff;padding:28px 40px 22px}
header .kicker{font-size:12px;letter-spacing:.12em;color:#c7d2e3;text-transform:uppercase}
header h1{margin:6px 0 4px;font-size:26px;font-weight:700}
header .meta{font-size:12px;color:#c7d2e3}
.kpis{display:grid;grid-template-columns:1.3fr 1fr 1fr 1fr;border-bottom:1px solid #e5e7eb}
.kpi{padding:16px 20px;border-right:1px solid #e5e7eb}.kpi:last-child{border-right:0}
.kpi .k{font-size:11px;color:#6b7280;letter-spacing:.04em}
.kpi .v{font-size:26px;font-weight:700;line-height:1.2}
.kpi .v small{font-size:13px;color:#6b7280;font-weight:400}
.meter{height:6px;background:#e5e7eb;border-radius:3px;margin-top:6px;overflow:hidden}
.meter i{display:block;height:100%;background:linear-gradient(90deg,#f59e0b,#b42318)}
.badge{display:inline-block;padding:1px 10px;border-radius:10px;font-size:13px;font-weight:700;color:#fff}
.low{background:#15803d}.mod{background:#d97706}.high{background:#c2410c}.sev{background:#b42318}
main{padding:8px 40px 28px}
h2{font-size:17px;margin:26px 0 10px;padding-bottom:6px;border-bottom:2px solid #14213d}
h3.sub{font-size:13.5px;margin:14px 0 4px;color:#14213d}
.summary{background:#f8fafc;border-left:4px solid #b42318;padding:12px 18px;margin:0}
.summary li{margin:4px 0}
table{width:100%;border-collapse:collapse;font-size:12.5px;margin:8px 0}
th{background:#f1f5f9;text-align:left;font-weight:600;padding:6px 8px;border-bottom:1px solid #cbd5e1;white-space:nowrap}
td{padding:6px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
td:first-child{white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted{color:#6b7280}
.chart{margin:6px 0 2px}
.chart svg{max-width:100%;height:auto}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.grid2 .chart svg{width:100%}
.outlook p{font-size:12.5px;margin:0 0 10px;color:#374151}
.scen{border:1px solid #e5e7eb;border-radius:6px;padding:10px 14px;margin:10px 0}
.scen b{font-size:14px}
.policy{margin:8px 0;padding-left:12px;border-left:3px solid #cbd5e1}
.policy .p{font-size:12.5px;color:#4b5563}
.policy .p a{font-size:11px;margin-left:4px}
a.name{color:inherit;text-decoration:none;border-bottom:1px dotted #94a3b8}
a.name:hover{color:#1d4e89;border-bottom-color:#1d4e89}
ul.why{font-size:12.5px;margin:6px 0 0;padding-left:18px;color:#374151}
ul.why li{margin:3px 0}
ol.actions{margin:6px 0;padding-left:22px}
ol.actions li{margin:0 0 10px}
ol.actions .t{font-weight:700;color:#14213d}
ol.actions .b{font-size:13px;color:#374151}
.note{font-size:11.5px;color:#6b7280;margin:2px 0 0}
sup.cite{font-size:10px;margin-left:1px}sup.cite a{color:#1d4e89;text-decoration:none}
ol.sources{font-size:11px;color:#4b5563;padding-left:24px;columns:2;column-gap:28px}
ol.sources li{break-inside:avoid;margin-bottom:3px}
ol.sources a{color:#4b5563;text-decoration:none}
ol.sources .src{display:block;font-size:9.5px;color:#9ca3af}
.method{font-size:12px;color:#4b5563}
footer{padding:14px 40px 24px;font-size:11px;color:#6b7280;border-top:1px solid #e5e7eb}
@media print{body{background:#fff}.page{box-shadow:none;margin:0}}
`;

/** The briefing as one self-contained HTML file: inline CSS and SVG charts, no scripts. */
export function renderHtml(d: BriefingData, charts: BriefingCharts): string {
  const c = COPY[d.lang];
  const r = d.risk;
  const level = LEVEL_LABELS[r.level][d.lang];
  const s0 = d.scenarios[0];
  const kpis = `
<section class="kpis">
  <div class="kpi"><div class="k">${c.score}</div><div class="v">${r.score.toFixed(1)} <small>/ 100</small></div><div class="meter"><i style="width:${Math.min(100, r.score).toFixed(1)}%"></i></div></div>
  <div class="kpi"><div class="k">${c.level}</div><div class="v"><span class="badge ${LEVEL_CLASS[r.level]}">${esc(level)}</span></div></div>
  <div class="kpi"><div class="k">${c.measured}</div><div class="v">${r.factors.length} <small>/ ${r.factors.length + r.omitted.length}</small></div></div>
  <div class="kpi"><div class="k">${s0 ? esc(s0.title[d.lang]) : c.affected}</div><div class="v">${s0 ? s0.productsAffected : '—'} <small>${c.products}</small></div></div>
</section>`;
  const factorRows = r.factors
    .map(
      (f) =>
        `<tr><td>${esc(f.label[d.lang])}</td><td class="num">${esc(factorValue(f.unit, f.value, d.lang))}</td><td class="num">${(f.weight * 100).toFixed(0)}%</td><td class="num"><b>${f.contribution.toFixed(1)}</b></td><td>${esc(f.explanation[d.lang])}${sup(d.factorCites[f.name] ?? [])}</td></tr>`,
    )
    .join('');
  const omittedRows = r.omitted
    .map(
      (o) =>
        `<tr class="muted"><td>${esc(FACTOR_LABELS[o.name][d.lang])}</td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td>${c.omitted}${c.colon}${esc(o.reason[d.lang])}</td></tr>`,
    )
    .join('');
  const riskRows = d.risks
    .map(
      (x, i) =>
        `<tr><td class="num">${i + 1}</td><td><b>${name(x)}</b></td><td class="num">${x.score.toFixed(1)} <span class="badge ${LEVEL_CLASS[x.level]}" style="font-size:10px">${esc(LEVEL_LABELS[x.level][d.lang])}</span></td><td>${x.lead
          .map(
            (l) =>
              `<div><b>${esc(l.factor.label[d.lang])}</b>${c.colon}${esc(l.factor.explanation[d.lang])}${sup(l.cites)}</div>`,
          )
          .join('')}</td></tr>`,
    )
    .join('');
  const why = d.risks
    .slice(0, 5)
    .map((x, i) => `<li><b>${name(x)}</b>${c.colon}${linked(whyRanks(x, i + 1, r.scope.name, d.lang))}</li>`)
    .join('');
  const outlooks = d.outlooks.length
    ? `<div class="grid2">${d.outlooks.map((o, i) => `<div class="outlook"><div class="chart">${charts.outlooks[i]!.svg}</div><p>${esc(o.trend.sentence[d.lang])}${d.lang === 'zh' ? '' : ' '}${esc(horizonLine(o, d.lang))}</p></div>`).join('')}</div>`
    : `<p class="muted">${c.noOutlook}</p>`;
  const scenarios = d.scenarios
    .map(
      (
        s,
      ) => `<div class="scen"><b>${esc(s.title[d.lang])}</b> <span class="muted">— ${c.affected} ${s.productsAffected} ${c.products} · ${s.enterprisesAffected} ${c.enterprises}</span>
<table><tr><th>${c.name}</th><th>${c.price}</th><th>${c.supply}</th><th>${c.path}</th></tr>${s.top
        .map(
          (p) =>
            `<tr><td>${name(p)}</td><td class="num">${p.priceChangePct >= 0 ? '+' : ''}${p.priceChangePct.toFixed(2)}%</td><td class="num">${p.supplyLossPct.toFixed(2)}%</td><td>${esc(p.path.join(' → '))}</td></tr>`,
        )
        .join('')}</table></div>`,
    )
    .join('');
  const policies = d.policies.length
    ? d.policies
        .map(
          (p) =>
            `<div class="policy"><b>${esc(p.name)}</b>${sup([p.cite])}<div class="muted">${[
              p.issuer,
              p.docNo,
              p.date,
            ]
              .filter(Boolean)
              .map((x) => esc(x!))
              .join(' · ')}</div>${
              p.passage
                ? `<div class="p">“${esc(p.passage)}”${p.docId ? `<a href="${esc(evidenceHref({ id: p.id, docId: p.docId, ...(p.chunkId ? { chunkId: p.chunkId } : {}) }))}">${d.lang === 'zh' ? '原文' : 'source'}</a>` : ''}</div>`
                : ''
            }</div>`,
        )
        .join('')
    : `<p class="muted">${c.noPolicies}</p>`;
  const sources = d.citations.list
    .map(
      (x) =>
        `<li id="c${x.n}"><a href="${esc(evidenceHref(x))}">${esc(x.label)}</a>${x.source ? `<span class="src">${esc(sourceText(x.source, d.lang))}</span>` : ''}</li>`,
    )
    .join('');
  const actions = d.actions.length
    ? `<ol class="actions">${d.actions
        .map((a) => {
          const p = actionPhrase(a, d.lang);
          const cited = 'cites' in a ? sup(a.cites) : '';
          return `<li><div class="t">${linked(p.title)}</div><div class="b">${linked(p.body)}${cited}</div></li>`;
        })
        .join('')}</ol>`
    : `<p class="muted">${c.noActions}</p>`;
  return `<!doctype html>
<html lang="${d.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(c.title)}${c.titleSep}${esc(r.scope.name)}</title>
<style>${CSS}</style></head>
<body><div class="page">
<header><div class="kicker">${esc(c.title)}</div><h1>${esc(r.scope.name)}</h1>
<div class="meta">${c.kinds[r.scope.kind]} · ${c.asOf} ${d.asOf}</div></header>
${kpis}
<main>
<h2>${c.summary}</h2><ul class="summary">${summaryLines(d)
    .map((l) => `<li>${esc(l)}</li>`)
    .join('')}</ul>
<h2>${c.factors}</h2><div class="chart">${charts.factors.svg}</div>
<table><tr><th>${c.factor}</th><th>${c.value}</th><th>${c.weight}</th><th>${c.contribution}</th><th>${c.explanation}</th></tr>${factorRows}${omittedRows}</table>
<h2>${c.risks}</h2><table><tr><th>${c.rank}</th><th>${c.name}</th><th>${c.score}</th><th>${c.drivers}</th></tr>${riskRows}</table>
<h3 class="sub">${c.why}</h3><ul class="why">${why}</ul>
<h2>${c.outlook}</h2>${outlooks}
<h2>${c.map}</h2><div class="chart">${charts.dependency.svg}</div><p class="note">${c.mapNote}</p>
<h2>${c.scenarios}</h2>${scenarios}
<h2>${c.policies}</h2>${policies}
<h2>${c.actions}</h2>${actions}
<h2>${c.sources}</h2><ol class="sources">${sources}</ol>
<h2>${c.method}</h2><p class="method">${esc(c.methodText)}</p>${r.notes.map((n) => `<p class="method">${esc(n[d.lang])}</p>`).join('')}
</main>
<footer>${esc(c.footer)}${usesDemoData(d) ? `${d.lang === 'zh' ? '' : ' '}${esc(c.demoNote)}` : ''}</footer>
</div></body></html>
`;
}

/** Where a piece of evidence can be checked: its passage, its graph record or its series. */
function evidenceHref(e: { id: string; docId?: string; chunkId?: string }): string {
  return (
    citationHref(
      e.docId
        ? { docId: e.docId, chunkId: e.chunkId }
        : e.id.includes('|')
          ? { edgeId: e.id }
          : e.id.startsWith('series:')
            ? { seriesId: e.id }
            : { nodeId: e.id },
    ) ?? '#'
  );
}
