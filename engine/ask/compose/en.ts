import { relationLabel } from '../labels.js';
import { pct } from '../tools/evidence.js';
import type { AnswerView, Row, Writer } from './view.js';

const named = (r: Row, value?: string) => `${r.name}${value ? ` (${value})` : ''}${r.cite}`;

/** "A[1], B[2] and C[3]", or "A[1], B[2] and 8 more" when more exist than are shown. */
function list(rows: readonly Row[], total: number, value?: (r: Row) => string | undefined): string {
  const names = rows.map((r) => named(r, value?.(r)));
  if (total > rows.length) return `${names.join(', ')} and ${total - rows.length} more`;
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
    : (names[0] ?? '');
}

const share = (r: Row) =>
  r.value !== undefined && r.value !== 0 ? `revenue share ${pct(r.value)}` : undefined;
const inputShare = (r: Row) => (r.value !== undefined ? `input share ${pct(r.value)}` : undefined);
const stake = (r: Row) => (r.value !== undefined && r.value !== 0 ? `stake ${pct(r.value)}` : undefined);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function filtersText(v: AnswerView): string {
  const f = v.filters ?? {};
  const parts = [
    f.product ? `producing ${f.product}` : '',
    f.industry ? `in the ${f.industry} industry` : '',
    f.region ? `located in ${f.region}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function body(v: AnswerView): string {
  const s = v.subject?.name ?? '';
  const n = v.total;
  switch (v.intent) {
    case 'entity_facts': {
      if (!v.identity) return '';
      const located = v.rows.filter((r) => r.relation === 'LOCATED_IN');
      const industries = v.rows.filter(
        (r) =>
          r.relation === 'IN_INDUSTRY' || r.relation === 'INDUSTRY_PARENT' || r.relation === 'SUBTYPE_OF',
      );
      const products = v.rows.filter((r) => r.relation === 'PRODUCES');
      const parts = [`${v.identity.text}${v.identity.cite}.`];
      if (located.length) parts.push(`Located in ${list(located, located.length)}.`);
      if (industries.length) parts.push(`Classified under ${list(industries, industries.length)}.`);
      if (products.length)
        parts.push(
          `Main products: ${list(products, v.identity.counts['PRODUCES:out'] ?? products.length, share)}.`,
        );
      return parts.join(' ');
    }
    case 'products_of':
      return `${s} has ${plural(n, 'main product', 'main products')}: ${list(v.rows, n, share)}.`;
    case 'producers_of':
      if (v.filters)
        return `${plural(n, 'enterprise', 'enterprises')} ${filtersText(v)}: ${list(v.rows, n, share)}.`;
      return `${plural(n, 'enterprise produces', 'enterprises produce')} ${s}: ${list(v.rows, n, share)}.`;
    case 'upstream':
    case 'downstream': {
      const word = v.intent === 'upstream' ? 'upstream inputs' : 'downstream products';
      const tiers = [...new Set(v.rows.map((r) => r.depth ?? 1))];
      const parts = tiers.map((t) => {
        const rows = v.rows.filter((r) => (r.depth ?? 1) === t);
        return `${tiers.length > 1 || v.params.depth > 1 ? `tier ${t}: ` : ''}${list(rows, rows.length, v.intent === 'upstream' ? inputShare : undefined)}`;
      });
      return `${s} has ${n} ${word}${v.params.depth > 1 ? ` within ${v.params.depth} tiers` : ''}${n > v.rows.length ? ` (first ${v.rows.length} shown)` : ''}: ${parts.join('; ')}.`;
    }
    case 'industry_membership':
      if (v.filters)
        return `${plural(n, 'enterprise is', 'enterprises are')} ${filtersText(v)}: ${list(v.rows, n)}.`;
      return `${s} belongs to ${list(v.rows, n)}.`;
    case 'suppliers':
      return `${s} has ${plural(n, 'supplier', 'suppliers')}: ${list(v.rows, n)}.`;
    case 'customers':
      return `${s} has ${plural(n, 'customer', 'customers')}: ${list(v.rows, n)}.`;
    case 'competitors':
      return `${s} has ${plural(n, 'competitor', 'competitors')}: ${list(v.rows, n)}.`;
    case 'partners':
      return `${s} cooperates (or has joint ventures) with ${plural(n, 'enterprise', 'enterprises')}: ${list(v.rows, n)}.`;
    case 'controllers':
      return v.params.direction === 'out'
        ? `${s} controls ${plural(n, 'enterprise', 'enterprises')}: ${list(v.rows, n, stake)}.`
        : `${s} is controlled by ${list(v.rows, n, stake)}.`;
    case 'investments':
      return v.params.direction === 'out'
        ? `${s} has invested in or acquired ${plural(n, 'enterprise', 'enterprises')}: ${list(v.rows, n, stake)}.`
        : `${plural(n, 'enterprise has', 'enterprises have')} invested in ${s}: ${list(v.rows, n, stake)}.`;
    case 'path': {
      if (!v.path) return '';
      const chain = v.path.steps
        .map((st, i) =>
          i === 0
            ? st.name
            : `${st.forward ? '-' : '<-'}[${relationLabel(st.relation ?? '', 'en')}]${st.forward ? '->' : '-'} ${st.name}`,
        )
        .join(' ');
      return `The shortest connection between ${s} and ${v.second ?? ''} takes ${plural(v.path.hops, 'step', 'steps')}: ${chain}${v.path.cite}.${v.path.more > 0 ? ` ${plural(v.path.more, 'other path', 'other paths')} of the same length exist.` : ''}`;
    }
    case 'count':
    case 'top_n': {
      if (v.groupBy && v.groupBy !== 'none') {
        const top = v.rows[0];
        if (!top) return '';
        const rest = v.rows.slice(1, 5).map((r) => `${r.name} (${r.value})${r.cite}`);
        return `${plural(n, 'enterprise is', 'enterprises are')} ${filtersText(v)}. By ${v.groupBy}, ${top.name} has the most: ${top.value}${top.cite} (${(top.members ?? []).slice(0, 5).join(', ')}${(top.value ?? 0) > 5 ? ', …' : ''})${rest.length ? `; then ${rest.join(', ')}` : ''}.`;
      }
      if (v.intent === 'top_n') {
        return `${plural(n, 'enterprise is', 'enterprises are')} ${filtersText(v)}; the top ${v.rows.length} by revenue share: ${v.rows.map((r, i) => `${i + 1}. ${named(r, share(r))}`).join('; ')}.`;
      }
      return `${plural(n, 'enterprise is', 'enterprises are')} ${filtersText(v)}: ${list(v.rows, n, share)}.`;
    }
    case 'policy':
    case 'unknown': {
      const parts: string[] = [];
      if (v.identity) parts.push(`${v.identity.text}${v.identity.cite}.`);
      const docs = v.docs ?? [];
      if (docs.length) {
        const [first, ...rest] = docs;
        parts.push(
          `According to "${first!.title}"${first!.docNo ? ` (${first!.docNo})` : ''}: “${first!.text}”${first!.cite}`,
        );
        for (const d of rest.slice(0, 1)) parts.push(`See also "${d.title}": “${d.text}”${d.cite}`);
      }
      return parts.join(' ');
    }
    case 'price_trend':
    case 'forecast':
      return (v.series ?? []).map((x) => `${x.text.trim()}${x.cite}`).join(' ');
    case 'supply_risk':
      if (!v.risk) return '';
      return `The supply-risk score of ${s} is ${v.risk.score} out of 100 (${v.risk.level}). Main factors: ${v.risk.factors.map((f) => `${f.text}${f.cite}`).join(' ')}`;
    case 'what_if': {
      if (!v.scenario) return '';
      const top = v.rows.slice(0, 5).map((r) => `${r.name} (impact ${r.value}%)${r.cite}`);
      return `Under "${v.scenario.shocks.join('; ')}", ${plural(v.scenario.products, 'product', 'products')} and ${plural(v.scenario.enterprises, 'enterprise', 'enterprises')} are affected. Most affected products: ${top.join(', ')}.${v.scenario.top.length ? ` Most affected enterprises: ${v.scenario.top.map((e) => `${e.name} (${e.impact}%)`).join(', ')}.` : ''}`;
    }
  }
}

function unanswered(v: AnswerView): string {
  const what: Record<string, string> = {
    products_of: 'products',
    producers_of: 'producers',
    upstream: 'upstream inputs',
    downstream: 'downstream products',
    suppliers: 'suppliers',
    customers: 'customers',
    competitors: 'competitors',
    partners: 'partners',
    controllers: 'controlling shareholders',
    investments: 'investments',
    industry_membership: 'industry',
    path: 'connection (within 4 steps) to the other entity',
    price_trend: 'price series',
    forecast: 'series to forecast',
    supply_risk: 'risk assessment',
    what_if: 'scenario result',
    count: 'matching enterprises',
    top_n: 'matching enterprises',
  };
  if (!v.subject) {
    const names = v.unknown.length
      ? `"${v.unknown.join('", "')}"`
      : 'the enterprise, product, industry or region the question names';
    return v.intent === 'policy' || v.intent === 'unknown'
      ? 'The documents do not say anything that answers this question.'
      : `The data does not contain ${names} (or you may not see it). Check the name, short name or stock code.`;
  }
  return `The data does not say: there are no recorded ${what[v.intent] ?? 'facts'} of ${v.subject.name}.`;
}

export const english: Writer = {
  write(v) {
    const parts: string[] = [];
    if (v.truncated)
      parts.push('(The question was too long; only its first 2,000 characters were analysed.)');
    if (v.answered) parts.push(body(v).replace(/\.$/u, `${v.listCite ?? ''}.`));
    else {
      parts.push(unanswered(v));
      if (v.nearby?.answered) {
        const near = body(v.nearby);
        if (near) parts.push(`What is known nearby: ${near}`);
      }
    }
    return parts.join(' ');
  },
};
