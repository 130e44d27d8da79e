import { pct } from '../tools/evidence.js';
import { relationLabel } from '../labels.js';
import type { AnswerView, Row, Writer } from './view.js';

const named = (r: Row, value?: string) => `${r.name}${value ? `（${value}）` : ''}${r.cite}`;

/** "A[1]、B[2]、C[3]" and "等 N 家" when more exist than are shown. */
function list(
  rows: readonly Row[],
  total: number,
  unit: string,
  value?: (r: Row) => string | undefined,
): string {
  const shown = rows.map((r) => named(r, value?.(r))).join('、');
  return total > rows.length ? `${shown}等${total}${unit}` : shown;
}

const share = (r: Row) => (r.value !== undefined && r.value !== 0 ? `收入占比${pct(r.value)}` : undefined);
const inputShare = (r: Row) => (r.value !== undefined ? `投入占比${pct(r.value)}` : undefined);
const stake = (r: Row) => (r.value !== undefined && r.value !== 0 ? `持股${pct(r.value)}` : undefined);

function filtersText(v: AnswerView): string {
  const f = v.filters ?? {};
  return `${f.region ? `位于${f.region}` : ''}${f.industry ? `${f.region ? '、' : ''}属于${f.industry}行业` : ''}${f.product ? `${f.region || f.industry ? '且' : ''}生产${f.product}` : ''}的`;
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
      const parts = [`${v.identity.text}${v.identity.cite}。`];
      if (located.length) parts.push(`位于${list(located, located.length, '')}。`);
      if (industries.length) parts.push(`所属类别：${list(industries, industries.length, '')}。`);
      if (products.length)
        parts.push(
          `主要产品：${list(products, v.identity.counts['PRODUCES:out'] ?? products.length, '种', share)}。`,
        );
      const c = v.identity.counts;
      const related = [
        ['SUPPLIES:in', '供应商'],
        ['SUPPLIES:out', '客户'],
        ['PRODUCES:in', '生产企业'],
        ['COMPETES_WITH:out', '竞争对手'],
      ].filter(([k]) => (c[k!] ?? 0) > 0);
      if (related.length)
        parts.push(`图谱中记录了${related.map(([k, label]) => `${label}${c[k!]}个`).join('、')}。`);
      return parts.join('');
    }
    case 'products_of':
      return `${s}的主要产品共${n}种：${list(v.rows, n, '种', share)}。`;
    case 'producers_of':
      if (v.filters) return `${filtersText(v)}企业共${n}家：${list(v.rows, n, '家', share)}。`;
      return `共有${n}家企业生产${s}：${list(v.rows, n, '家', share)}${n > v.rows.length ? '（按收入占比排序）' : ''}。`;
    case 'upstream':
    case 'downstream': {
      const word = v.intent === 'upstream' ? '上游' : '下游';
      const tiers = [...new Set(v.rows.map((r) => r.depth ?? 1))];
      const parts = tiers.map((t) => {
        const rows = v.rows.filter((r) => (r.depth ?? 1) === t);
        return `${tiers.length > 1 || v.params.depth > 1 ? `第${t}级：` : ''}${list(rows, rows.length, '', v.intent === 'upstream' ? inputShare : undefined)}`;
      });
      return `${s}的${word}${v.params.depth > 1 ? `（${v.params.depth}级以内）` : ''}共${n}项${n > v.rows.length ? `，列出前${v.rows.length}项` : ''}：${parts.join('；')}。`;
    }
    case 'industry_membership':
      if (v.filters) return `${filtersText(v)}企业共${n}家：${list(v.rows, n, '家')}。`;
      return `${s}所属行业：${list(v.rows, n, '个')}。`;
    case 'suppliers':
      return `${s}的供应商共${n}家：${list(v.rows, n, '家')}。`;
    case 'customers':
      return `${s}的客户共${n}家：${list(v.rows, n, '家')}。`;
    case 'competitors':
      return `${s}的竞争对手共${n}家：${list(v.rows, n, '家')}。`;
    case 'partners':
      return `与${s}有合作（含合资）关系的企业共${n}家：${list(v.rows, n, '家')}。`;
    case 'controllers':
      return v.params.direction === 'out'
        ? `${s}控股的企业共${n}家：${list(v.rows, n, '家', stake)}。`
        : `${s}的控股方：${list(v.rows, n, '家', stake)}。`;
    case 'investments':
      return v.params.direction === 'out'
        ? `${s}投资或并购的企业共${n}家：${list(v.rows, n, '家', stake)}。`
        : `投资${s}的企业共${n}家：${list(v.rows, n, '家', stake)}。`;
    case 'path': {
      if (!v.path) return '';
      const chain = v.path.steps
        .map((st, i) =>
          i === 0
            ? st.name
            : `${st.forward ? '—' : '←'}${relationLabel(st.relation ?? '', 'zh')}${st.forward ? '→' : '—'}${st.name}`,
        )
        .join(' ');
      return `${s}与${v.second ?? ''}之间的最短关联为${v.path.hops}步：${chain}${v.path.cite}。${v.path.more > 0 ? `另有${v.path.more}条同样长度的路径。` : ''}`;
    }
    case 'count':
    case 'top_n': {
      if (v.groupBy && v.groupBy !== 'none') {
        const by = v.groupBy === 'region' ? '地区' : '行业';
        const top = v.rows[0];
        if (!top) return '';
        const rest = v.rows.slice(1, 5).map((r) => `${r.name}${r.value}家${r.cite}`);
        return `${filtersText(v)}企业共${n}家；按${by}统计，${top.name}最多，共${top.value}家${top.cite}（${(top.members ?? []).slice(0, 5).join('、')}${(top.value ?? 0) > 5 ? '等' : ''}）${rest.length ? `；其次是${rest.join('、')}` : ''}。`;
      }
      if (v.intent === 'top_n') {
        return `${filtersText(v)}企业共${n}家，按收入占比排名前${v.rows.length}的是：${v.rows.map((r, i) => `${i + 1}. ${named(r, share(r))}`).join('；')}。`;
      }
      return `${filtersText(v)}企业共${n}家：${list(v.rows, n, '家', share)}。`;
    }
    case 'policy':
    case 'unknown': {
      const parts: string[] = [];
      if (v.identity) parts.push(`${v.identity.text}${v.identity.cite}。`);
      const docs = v.docs ?? [];
      if (docs.length) {
        const [first, ...rest] = docs;
        parts.push(
          `根据《${first!.title}》${first!.docNo ? `（${first!.docNo}）` : ''}：${quote(first!.text)}${first!.cite}`,
        );
        for (const d of rest.slice(0, 1)) parts.push(`另据《${d.title}》：${quote(d.text)}${d.cite}`);
      }
      return parts.join('');
    }
    case 'price_trend':
    case 'forecast':
      return (v.series ?? []).map((x) => `${end(x.text)}${x.cite}`).join('');
    case 'supply_risk': {
      if (!v.risk) return '';
      const level = { low: '低', moderate: '中等', high: '高', severe: '严重' }[v.risk.level] ?? v.risk.level;
      return `${s}的供应风险综合评分为${v.risk.score}（满分100，风险${level}）。主要因素：${v.risk.factors.map((f) => `${end(f.text)}${f.cite}`).join('')}`;
    }
    case 'what_if': {
      if (!v.scenario) return '';
      const top = v.rows.slice(0, 5).map((r) => `${r.name}（影响${r.value}%）${r.cite}`);
      return `情景「${v.scenario.shocks.join('；')}」下，共有${v.scenario.products}种产品、${v.scenario.enterprises}家企业受到影响。受影响最大的产品：${top.join('、')}。${v.scenario.top.length ? `受影响最大的企业：${v.scenario.top.map((e) => `${e.name}（${e.impact}%）`).join('、')}。` : ''}`;
    }
  }
}

function quote(text: string): string {
  return `“${text.replace(/[。；;，,\s]+$/u, '')}。”`;
}

function end(text: string): string {
  return /[。！？.!?]$/u.test(text.trim()) ? text.trim() : `${text.trim()}。`;
}

/** What the data lacks, said plainly, naming the subject or the words that matched nothing. */
function unanswered(v: AnswerView): string {
  const what: Record<string, string> = {
    products_of: '产品记录',
    producers_of: '生产企业记录',
    upstream: '上游记录',
    downstream: '下游记录',
    suppliers: '供应商记录',
    customers: '客户记录',
    competitors: '竞争关系记录',
    partners: '合作关系记录',
    controllers: '控股关系记录',
    investments: '投资关系记录',
    industry_membership: '行业归属记录',
    path: '两者之间的关联路径（4步以内）',
    price_trend: '价格序列',
    forecast: '可用于预测的序列',
    supply_risk: '风险评估结果',
    what_if: '情景推演结果',
    count: '符合条件的企业',
    top_n: '符合条件的企业',
  };
  if (!v.subject) {
    const names = v.unknown.length ? `“${v.unknown.join('”、“')}”` : '问题中提到的企业、产品、行业或地区';
    return v.intent === 'policy' || v.intent === 'unknown'
      ? '数据中没有找到能回答这个问题的文件内容。'
      : `数据中没有找到${names}（或您无权查看）。请检查名称、简称或股票代码。`;
  }
  return `数据中没有${v.subject.name}的${what[v.intent] ?? '相关记录'}。`;
}

export const chinese: Writer = {
  write(v) {
    const parts: string[] = [];
    if (v.truncated) parts.push('（问题过长，只分析了前2000个字符。）');
    if (v.answered) parts.push(body(v).replace(/。$/u, `${v.listCite ?? ''}。`));
    else {
      parts.push(unanswered(v));
      if (v.nearby?.answered) {
        const near = body(v.nearby);
        if (near) parts.push(`已知的相关信息：${near}`);
      }
    }
    return parts.join('');
  },
};
