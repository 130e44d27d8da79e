import { ref, resolveNames } from './evidence.js';
import { findSeries, round, unitText } from './series.js';
import type { Operator, Value } from './types.js';

const SCOPES: Record<string, 'product' | 'enterprise' | 'industry' | 'region'> = {
  Product: 'product',
  Enterprise: 'enterprise',
  Industry: 'industry',
  Region: 'region',
};

const unanswered = (tool: 'forecast' | 'risk' | 'scenario', note: string): Value => ({
  kind: 'report',
  tool,
  lines: [],
  data: { note },
  answered: false,
});

/** A forecast of a product's or commodity's series: recent values, the trend with its probability, the interval. */
export const forecastOperator: Operator<'forecast'> = {
  op: 'forecast',
  description:
    'Forecast of the price (or demand, output) series of a product or commodity for the next horizon months, with an 80% interval and the probability of a rise.',
  async run(step, _input, ctx) {
    const found = await findSeries(step.entity, step.kind, ctx);
    if (!found) return unanswered('forecast', `no ${step.kind} series for ${step.entity}`);
    const report = await ctx.ports.forecast(found.node.id, step.horizon, ctx.principal);
    if (!report) return unanswered('forecast', `${found.node.name} has too few observations to forecast`);
    const unit = found.node.props.unit ? unitText(found.node.props.unit, ctx) : '';
    const zh = ctx.language === 'zh';
    const name =
      zh && typeof found.node.props.nameZh === 'string' ? found.node.props.nameZh : found.node.name;
    const history = ctx.evidence.add({
      key: found.node.id,
      kind: 'series',
      source: `${found.node.provenance[0]?.source ?? 'series'} ${found.node.name}`,
      text: zh
        ? `${name}最新值 ${round(report.last.value)} ${unit}（${report.last.date.slice(0, 7)}）${report.changePct12 !== undefined ? `，较一年前${report.changePct12 >= 0 ? '上涨' : '下跌'} ${Math.abs(report.changePct12).toFixed(1)}%` : ''}`
        : `${name} was ${round(report.last.value)} ${unit} in ${report.last.date.slice(0, 7)}${report.changePct12 !== undefined ? `, ${report.changePct12 >= 0 ? 'up' : 'down'} ${Math.abs(report.changePct12).toFixed(1)}% on a year earlier` : ''}`,
      seriesId: found.node.id,
    });
    const end = report.end;
    // Prices, demand and output are not negative: an interval reaching below zero stops at zero.
    const low = Math.max(0, end.lo80 ?? end.mean);
    const high = end.hi80 ?? end.mean;
    const month = end.date?.slice(0, 7);
    const forecast = ctx.evidence.add({
      key: `${found.node.id}#forecast`,
      kind: 'series',
      source: `forecast of ${found.node.name} (${report.method})`,
      text: `${report.sentence[ctx.language]} ${
        zh
          ? `${month ?? `第${step.horizon}期`}预测值 ${round(end.mean)} ${unit}（80%区间 ${round(low)}–${round(high)}）`
          : `Forecast for ${month ?? `step ${step.horizon}`}: ${round(end.mean)} ${unit} (80% interval ${round(low)}–${round(high)})`
      }`,
      seriesId: found.node.id,
    });
    return {
      kind: 'report',
      tool: 'forecast',
      subject: { id: found.node.id, name, type: 'Series' },
      lines: [
        { text: ctx.evidence.get(history)!.text, evidence: [history] },
        { text: ctx.evidence.get(forecast)!.text, evidence: [forecast] },
      ],
      data: { series: found.node.id, unit: found.node.props.unit, ...report },
      answered: true,
    };
  },
};

/** The risk model's supply-risk score of a product, enterprise, industry or region, factor by factor. */
export const riskOperator: Operator<'risk'> = {
  op: 'risk',
  description: 'Supply-risk score (0–100) of a product, enterprise, industry or region, with its factors.',
  async run(step, _input, ctx) {
    const [node] = await resolveNames(step.entity, ctx);
    if (!node) return unanswered('risk', `no entity named ${step.entity}`);
    const scope = SCOPES[node.type];
    if (!scope)
      return unanswered(
        'risk',
        `risk is scored for products, enterprises, industries and regions, not ${node.type}`,
      );
    const report = await ctx.ports.risk(`${scope}:${node.id}`, ctx.principal);
    const lang = ctx.language;
    const lines = report.factors.map((f) => ({
      text: `${f.label[lang]}: ${f.explanation[lang]}`,
      evidence: [
        ctx.evidence.add({
          key: `risk:${node.id}:${f.name}`,
          kind: 'risk',
          source: `risk model ${f.name}${f.evidence.length ? ` (${f.evidence.slice(0, 3).join(', ')})` : ''}`,
          text: `${f.label[lang]}: ${f.explanation[lang]}`,
          nodeId: node.id,
        }),
      ],
    }));
    return {
      kind: 'report',
      tool: 'risk',
      subject: ref(node),
      lines,
      data: {
        score: Math.round(report.score * 10) / 10,
        level: report.level,
        omitted: report.omitted.map((o) => o.reason[lang]),
      },
      answered: lines.length > 0,
    };
  },
};

/** Shocks propagated through the chain: which products' prices and supply move, and by how much. */
export const scenarioOperator: Operator<'scenario'> = {
  op: 'scenario',
  description:
    'Propagates what-if shocks through the chain: price:<product>:±x%, capacity:<product>:-x%, remove:enterprise:<id>, remove:region:<name>.',
  async run(step, _input, ctx) {
    const result = await ctx.ports.scenario(step.shocks, ctx.principal, 10);
    const zh = ctx.language === 'zh';
    const lines = result.products.slice(0, 10).map((p) => ({
      text: zh
        ? `${p.name}：价格变动 ${p.priceChangePct.toFixed(1)}%，供给损失 ${p.supplyLossPct.toFixed(1)}%（传导路径 ${p.path.join(' → ')}）`
        : `${p.name}: price ${p.priceChangePct.toFixed(1)}%, supply loss ${p.supplyLossPct.toFixed(1)}% (via ${p.path.join(' → ')})`,
      evidence: [
        ctx.evidence.add({
          key: `scenario:${p.id}`,
          kind: 'risk',
          source: `scenario model (${p.path.join(' → ')})`,
          text: zh
            ? `${p.name}：价格变动 ${p.priceChangePct.toFixed(1)}%，供给损失 ${p.supplyLossPct.toFixed(1)}%`
            : `${p.name}: price ${p.priceChangePct.toFixed(1)}%, supply loss ${p.supplyLossPct.toFixed(1)}%`,
          nodeId: p.id,
        }),
      ],
    }));
    return {
      kind: 'report',
      tool: 'scenario',
      lines,
      data: { shocks: result.shocks, affected: result.productsAffected },
      answered: lines.length > 0,
    };
  },
};
