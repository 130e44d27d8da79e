import { FACTOR_LABELS, LEVEL_LABELS } from '../risk/composite.js';
import type { BriefingCharts } from './render.js';
import { sourceText } from './citations.js';
import { COPY, cites, factorValue, summaryLines, usesDemoData } from './copy.js';
import type { BriefingData } from './gather.js';
import { actionPhrase, horizonLine, plain, whyRanks } from './phrases.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const image = (alt: string, svg: string) =>
  `![${alt}](data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')})`;

/** The briefing as Markdown; charts are SVG data URIs, so the file stands alone. */
export function renderMarkdown(d: BriefingData, charts: BriefingCharts): string {
  const c = COPY[d.lang];
  const r = d.risk;
  const out: string[] = [];
  out.push(`# ${c.title}${c.titleSep}${r.scope.name}`, '');
  out.push(
    `> ${c.kinds[r.scope.kind]} · ${c.asOf} ${d.asOf} · **${c.score} ${r.score.toFixed(1)} / 100** · ${c.level} **${LEVEL_LABELS[r.level][d.lang]}**`,
    '',
  );
  out.push(`## ${c.summary}`, '', ...summaryLines(d).map((l) => `- ${l}`), '');
  out.push(`## ${c.factors}`, '', image(c.factors, charts.factors.svg), '');
  out.push(
    `| ${c.factor} | ${c.value} | ${c.weight} | ${c.contribution} | ${c.explanation} |`,
    '|---|---|---|---|---|',
  );
  for (const f of r.factors)
    out.push(
      `| ${f.label[d.lang]} | ${factorValue(f.unit, f.value, d.lang)} | ${(f.weight * 100).toFixed(0)}% | ${f.contribution.toFixed(1)} | ${cell(f.explanation[d.lang])} ${cites(d.factorCites[f.name] ?? [])} |`,
    );
  for (const o of r.omitted)
    out.push(`| ${FACTOR_LABELS[o.name][d.lang]} | — | — | — | ${c.omitted}: ${cell(o.reason[d.lang])} |`);
  out.push('');
  out.push(`## ${c.risks}`, '', `| ${c.rank} | ${c.name} | ${c.score} | ${c.drivers} |`, '|---|---|---|---|');
  for (const [i, x] of d.risks.entries())
    out.push(
      `| ${i + 1} | ${x.name} | ${x.score.toFixed(1)} (${LEVEL_LABELS[x.level][d.lang]}) | ${x.lead.map((l) => `${l.factor.label[d.lang]}${c.colon}${cell(l.factor.explanation[d.lang])} ${cites(l.cites)}`).join('<br>')} |`,
    );
  out.push('', `### ${c.why}`, '');
  for (const [i, x] of d.risks.slice(0, 5).entries())
    out.push(`- **${x.name}**${c.colon}${plain(whyRanks(x, i + 1, r.scope.name, d.lang))}`);
  out.push('');
  out.push(`## ${c.outlook}`, '');
  if (charts.outlooks.length === 0) out.push(c.noOutlook, '');
  for (const [i, o] of d.outlooks.entries())
    out.push(
      image(o.name, charts.outlooks[i]!.svg),
      '',
      `${o.trend.sentence[d.lang]}${d.lang === 'zh' ? '' : ' '}${horizonLine(o, d.lang)}`,
      '',
    );
  out.push(`## ${c.map}`, '', image(c.map, charts.dependency.svg), '', c.mapNote, '');
  out.push(`## ${c.scenarios}`, '');
  for (const s of d.scenarios) {
    out.push(
      `**${s.title[d.lang]}** — ${c.affected} ${s.productsAffected} ${c.products}, ${s.enterprisesAffected} ${c.enterprises}`,
      '',
    );
    out.push(`| ${c.name} | ${c.price} | ${c.supply} | ${c.path} |`, '|---|---|---|---|');
    for (const p of s.top)
      out.push(
        `| ${p.name} | ${p.priceChangePct.toFixed(2)}% | ${p.supplyLossPct.toFixed(2)}% | ${p.path.join(' → ')} |`,
      );
    out.push('');
  }
  out.push(`## ${c.policies}`, '');
  if (d.policies.length === 0) out.push(c.noPolicies, '');
  for (const p of d.policies)
    out.push(
      `- **${p.name}**${p.docNo ? `（${p.docNo}）` : ''}${p.issuer ? ` ${p.issuer}` : ''}${p.date ? ` ${p.date}` : ''} [${p.cite}]${p.passage ? `\n  > ${p.passage}` : ''}`,
    );
  out.push('', `## ${c.actions}`, '');
  if (d.actions.length === 0) out.push(c.noActions);
  for (const [i, a] of d.actions.entries()) {
    const p = actionPhrase(a, d.lang);
    out.push(`${i + 1}. **${plain(p.title)}** ${plain(p.body)}${'cites' in a ? ` ${cites(a.cites)}` : ''}`);
  }
  out.push('', `## ${c.sources}`, '');
  for (const x of d.citations.list)
    out.push(
      `${x.n}. ${x.label}${x.source ? `${c.colon === '：' ? '，' : ', '}${sourceText(x.source, d.lang)}` : ''}`,
    );
  out.push(
    '',
    `### ${c.method}`,
    '',
    c.methodText,
    '',
    ...r.notes.map((n) => `- ${n[d.lang]}`),
    '',
    `*${c.footer}${usesDemoData(d) ? `${d.lang === 'zh' ? '' : ' '}${c.demoNote}` : ''}*`,
    '',
  );
  return out.join('\n');
}
