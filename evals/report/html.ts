import type { ItemError } from '../dataset/load.js';
import type { EvalItem } from '../dataset/schema.js';
import { citedOf, contextsOf } from '../metrics/evidence.js';
import { METRICS } from '../metrics/names.js';
import type { ScoreResult } from '../score.js';
import type { Group, JudgeSummary } from '../summary.js';
import { FAIL_BELOW, type Failure, failures } from './failures.js';

export interface HtmlReportInput {
  title: string;
  items: readonly EvalItem[];
  result: ScoreResult;
  skipped: readonly ItemError[];
}

/** Evidence shown per failure is cut to this, so a report over big contexts stays readable. */
const EVIDENCE_CHARS = 1500;
/** Failures listed in full; the rest are counted. */
const MAX_FAILURES = 300;

const CSS = `
body{font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}h3{font-size:1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}th{background:#f6f8fa}
.bad{color:#cf222e;font-weight:600}.muted{color:#656d76}
.failure{border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.failure dt{font-weight:600;margin-top:.5rem}.failure dd{margin:0 0 0 1rem;white-space:pre-wrap}
.ctx{border-left:3px solid #d0d7de;padding-left:.5rem;margin:.25rem 0}.ctx.cited{border-color:#0969da}
`;

/** A self-contained HTML report: inline CSS, no scripts, no external assets. */
export function renderHtml(input: HtmlReportInput): string {
  const { summary } = input.result;
  const metrics = metricColumns(summary.metrics);
  const fails = failures(input.items, input.result.items);
  const groups = Object.keys(summary.byIntent).length ? summary.byIntent : summary.byTag;
  const groupLabel = Object.keys(summary.byIntent).length ? 'intent' : 'tag';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(input.title)}</title><style>${CSS}</style></head><body>
<h1>${esc(input.title)}</h1>
<p>${summary.count} items scored${input.skipped.length ? `, ${input.skipped.length} malformed lines skipped` : ''}; ${fails.length} with a headline metric below ${FAIL_BELOW}.</p>
<h2>Overall</h2>
${groupTable([['all', summary]], metrics, 'items')}
${summary.judge ? judgeParagraph(summary.judge) : ''}
<h2>By ${groupLabel}</h2>
${groupTable(Object.entries(groups), metrics, groupLabel)}
${input.skipped.length ? skippedSection(input.skipped) : ''}
<h2>Failures</h2>
${fails.length ? fails.slice(0, MAX_FAILURES).map(failureBlock).join('\n') : '<p class="muted">None.</p>'}
${fails.length > MAX_FAILURES ? `<p class="muted">${fails.length - MAX_FAILURES} more not shown.</p>` : ''}
</body></html>
`;
}

function judgeParagraph(j: JudgeSummary): string {
  const mean = j.mean === null ? '–' : j.mean.toFixed(3);
  const failed = j.failed ? `; ${j.failed} calls failed: ${esc(j.error ?? '')}` : '';
  const tokens = j.usage ? `; ${j.usage.totalTokens} tokens` : '';
  return `<p>LLM judge${j.model ? ` ${esc(j.model)}` : ''}: <b>${mean}</b> <span class="muted">(scored ${j.scored} of ${j.asked} answered${failed}${tokens}; beside, not in, the metrics above)</span></p>`;
}

function metricColumns(present: Record<string, number>): string[] {
  return METRICS.filter((m) => m in present);
}

function groupTable(rows: Array<[string, Group]>, metrics: readonly string[], label: string): string {
  if (!rows.length) return '<p class="muted">No groups.</p>';
  const head = `<tr><th>${esc(label)}</th><th>n</th>${metrics.map((m) => `<th>${esc(m)}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      ([name, g]) =>
        `<tr><td>${esc(name)}</td><td>${g.count}</td>${metrics.map((m) => `<td>${cell(g.metrics[m], g.n[m])}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table>${head}\n${body}</table>`;
}

function cell(value: number | undefined, n: number | undefined): string {
  if (value === undefined) return '<span class="muted">–</span>';
  const text = `${value.toFixed(3)}${n ? ` <span class="muted">(${n})</span>` : ''}`;
  return value < FAIL_BELOW ? `<span class="bad">${text}</span>` : text;
}

function failureBlock({ item, score, failed }: Failure): string {
  const contexts = contextsOf(item) ?? [];
  const cited = new Set(item.citations ? citedOf(item, contexts).map((c) => c.id) : []);
  const scores = Object.entries(score.scores)
    .filter(([, v]) => typeof v === 'number')
    .map(
      ([k, v]) =>
        `<span${failed.includes(k) ? ' class="bad"' : ''}>${esc(k)} ${(v as number).toFixed(3)}</span>`,
    )
    .join(' · ');
  const evidence = contexts.length
    ? contexts
        .map(
          (c) =>
            `<div class="ctx${cited.has(c.id) ? ' cited' : ''}"><span class="muted">[${esc(c.id)}]${cited.has(c.id) ? ' cited' : ''}</span> ${esc(clip(c.text))}</div>`,
        )
        .join('')
    : '<span class="muted">none</span>';
  return `<div class="failure"><h3>${esc(item.id)}${item.intent ? ` <span class="muted">${esc(item.intent)}</span>` : ''}</h3>
<div>${scores}</div><dl>
<dt>Question</dt><dd>${esc(item.question)}</dd>
<dt>Answer</dt><dd>${item.answer === undefined ? '<span class="muted">none (search only)</span>' : esc(item.answer)}</dd>
<dt>Reference</dt><dd>${item.reference === undefined ? '<span class="muted">none</span>' : esc(item.reference)}</dd>
${score.unsupported?.length ? `<dt>Unsupported sentences</dt><dd>${score.unsupported.map(esc).join('\n')}</dd>` : ''}
<dt>Evidence</dt><dd>${evidence}</dd></dl></div>`;
}

function skippedSection(skipped: readonly ItemError[]): string {
  const rows = skipped
    .slice(0, MAX_FAILURES)
    .map(
      (e) =>
        `<tr><td>${e.line}</td><td>${esc(e.id ?? '')}</td><td style="text-align:left">${esc(e.message)}</td></tr>`,
    )
    .join('\n');
  return `<h2>Skipped lines</h2><table><tr><th>line</th><th>id</th><th>problem</th></tr>\n${rows}</table>`;
}

function clip(text: string): string {
  return text.length > EVIDENCE_CHARS ? `${text.slice(0, EVIDENCE_CHARS)}…` : text;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
