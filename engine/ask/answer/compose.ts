import type { EdgeType } from '../../../knowledge-graph/schema/index.js';
import { answers } from '../execute.js';
import { citationOf, formatMeasure, measureLabel, pct } from '../operators/evidence.js';
import { round, unitText } from '../operators/series.js';
import type { Card, EvidenceBook, NodeRef, Row, SetValue, Value } from '../operators/types.js';
import type { Plan, Step } from '../plan/types.js';
import type { AnswerPath, Citation, Fact, Language, LinkedEntity } from '../schema.js';

/**
 * The extractive composer: each step the plan shows becomes sentences in Chinese or English, the
 * fact first and its evidence cited by [n] right after it. Nothing is said that no evidence
 * supports; what the data does not hold is said plainly, with the words the reader can act on.
 */

export interface Composed {
  answer: string;
  answered: boolean;
  citations: Citation[];
  facts: Fact[];
  paths: AnswerPath[];
}

/** Rows listed in a sentence before "and N more". */
const SHOWN = 15;

/** Numbers evidence in the order the answer first uses it, so [1] is the first thing cited. */
export class Citations {
  private readonly byKey = new Map<string, Citation>();

  constructor(private readonly book: EvidenceBook) {}

  marker(...keys: Array<string | undefined>): string {
    return keys
      .flatMap((k) => (k ? [this.number(k)] : []))
      .filter((n): n is number => n !== undefined)
      .filter((n, i, all) => all.indexOf(n) === i)
      .map((n) => `[${n}]`)
      .join('');
  }

  number(key: string): number | undefined {
    const existing = this.byKey.get(key);
    if (existing) return existing.id;
    const e = this.book.get(key);
    if (!e) return undefined;
    const c = citationOf(this.byKey.size + 1, e);
    this.byKey.set(key, c);
    return c.id;
  }

  list(): Citation[] {
    return [...this.byKey.values()];
  }
}

interface Writer {
  lang: Language;
  cite: Citations;
  t: (zh: string, en: string) => string;
  /** Joins names as the language lists them. */
  list: (items: readonly string[]) => string;
  entities: readonly LinkedEntity[];
  question: string;
}

function writerOf(
  language: Language,
  book: EvidenceBook,
  entities: readonly LinkedEntity[],
  question: string,
): Writer {
  const zh = language === 'zh';
  return {
    lang: language,
    cite: new Citations(book),
    t: (a, b) => (zh ? a : b),
    list: (items) =>
      zh
        ? items.join('、')
        : items.length <= 1
          ? (items[0] ?? '')
          : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`,
    entities,
    question,
  };
}

const RELATION_LABEL: Partial<Record<`${EdgeType}:${string}`, [string, string]>> = {
  'PRODUCES:in': ['生产企业', 'producers'],
  'PRODUCES:out': ['产品', 'products'],
  'SUPPLIES:in': ['供应商', 'suppliers'],
  'SUPPLIES:out': ['客户', 'customers'],
  'COMPETES_WITH:both': ['竞争对手', 'competitors'],
  'COOPERATES_WITH:both': ['合作伙伴', 'partners'],
  'JOINT_VENTURE:both': ['合资伙伴', 'joint-venture partners'],
  'CONTROLS:out': ['控股的企业', 'controlled companies'],
  'CONTROLS:in': ['控股方', 'controlling parents'],
  'INVESTS_IN:out': ['投资的企业', 'investees'],
  'INVESTS_IN:in': ['投资方', 'investors'],
  'ACQUIRES:out': ['并购的企业', 'acquisitions'],
  'ACQUIRES:in': ['收购方', 'acquirers'],
  'IN_INDUSTRY:out': ['所属行业', 'industry'],
  'IN_INDUSTRY:in': ['企业', 'enterprises'],
  'INDUSTRY_PARENT:out': ['上级行业', 'parent industry'],
  'INDUSTRY_PARENT:in': ['下级行业', 'sub-industries'],
  'LOCATED_IN:out': ['所在地区', 'location'],
  'LOCATED_IN:in': ['企业', 'enterprises'],
  'SUBTYPE_OF:in': ['子类产品', 'subtypes'],
  'UPSTREAM_OF:in': ['上游行业', 'upstream industries'],
  'UPSTREAM_OF:out': ['下游行业', 'downstream industries'],
  'MADE_FROM:out': ['原料', 'inputs'],
  'MADE_FROM:in': ['下游产品', 'downstream products'],
};

function labelOf(set: SetValue, w: Writer): string {
  const via = set.via;
  if (!via) return w.t('结果', 'results');
  if (via.edge === 'chain') {
    const industry = set.of[0]?.type === 'Industry';
    if (via.direction === 'up')
      return industry ? w.t('上游行业', 'upstream industries') : w.t('上游原料', 'inputs');
    return industry ? w.t('下游行业', 'downstream industries') : w.t('下游产品', 'downstream products');
  }
  const pair = RELATION_LABEL[`${via.edge}:${via.direction}`];
  return pair ? w.t(pair[0], pair[1]) : via.edge;
}

function unitOf(rows: readonly Row[], w: Writer, n: number): string {
  const type = rows[0]?.node.type;
  if (type === 'Enterprise') return w.t('家', n === 1 ? ' company' : ' companies');
  if (type === 'Industry') return w.t('个', n === 1 ? ' industry' : ' industries');
  return w.t('种', n === 1 ? ' item' : ' items');
}

function names(of: readonly NodeRef[], w: Writer): string {
  return w.list([...new Set(of.map((o) => o.name))]);
}

function rowText(r: Row, w: Writer, withDates = false): string {
  const parts: string[] = [];
  if (r.value !== undefined && r.measure)
    parts.push(`${measureLabel(r.measure, w.lang)} ${formatMeasure(r.value, r.measure)}`);
  if (withDates && r.dates?.length) parts.push(r.dates.slice(0, 3).join(', '));
  const extra = parts.length ? w.t(`（${parts.join('，')}）`, ` (${parts.join(', ')})`) : '';
  return `${r.node.name}${extra}${w.cite.marker(...r.evidence.slice(0, 1))}`;
}

function more(total: number, shown: number, w: Writer): string {
  return total > shown ? w.t(`等${total}个`, ` and ${total - shown} more`) : '';
}

function renderSet(set: SetValue, step: Step, w: Writer, period?: string): string {
  const label = labelOf(set, w);
  const of = names(set.of, w);
  const rows = set.rows;
  const n = new Set(rows.map((r) => r.node.id)).size;
  const when = period ? w.t(`（${period}）`, ` (${period})`) : '';
  if (!rows.length && step.op === 'combine') {
    // Nothing shared: each side's own list, cited, says why.
    const sides = (set.parts ?? []).map((p) =>
      w.t(
        `${names(p.of, w)}的${label}：${
          p.rows
            .slice(0, 8)
            .map((r) => rowText(r, w))
            .join('、') || '无记录'
        }`,
        `${label} of ${names(p.of, w)}: ${w.list(p.rows.slice(0, 8).map((r) => rowText(r, w))) || 'none recorded'}`,
      ),
    );
    const verdict =
      step.mode === 'intersect'
        ? w.t(`二者没有共同的${label}（没有相同的，无重合）`, `they have no ${label} in common (none shared)`)
        : w.t(`二者的${label}没有差别`, `their ${label} do not differ`);
    return w.t(
      `${sides.join('；')}。${verdict}。`,
      `${sides.join('; ')}. ${verdict[0]!.toUpperCase()}${verdict.slice(1)}.`,
    );
  }
  if (!rows.length) {
    return w.t(
      `数据中没有找到${of}的${label}记录${when}。`,
      `No record of ${label} of ${of} was found in the data${when}.`,
    );
  }
  const withDates = !!period;
  if (step.op === 'top') {
    const lead = rows.map((r) => rowText(r, w, withDates));
    const k = (step as Extract<Step, { op: 'top' }>).k;
    const which =
      (step as Extract<Step, { op: 'top' }>).order === 'asc' ? w.t('最低', 'lowest') : w.t('最高', 'highest');
    const measure = rows[0]?.measure ? measureLabel(rows[0].measure, w.lang) : w.t('数值', 'value');
    return k === 1
      ? w.t(
          `${of}的${label}中，${measure}${which}的是${lead.join('、')}。`,
          `Among the ${label} of ${of}, the ${which} ${measure} is ${w.list(lead)}.`,
        )
      : w.t(
          `${of}的${label}中，${measure}${which}的${k}个是：${lead.join('、')}。`,
          `The ${k} ${label} of ${of} with the ${which} ${measure}: ${w.list(lead)}.`,
        );
  }
  const tiers = new Set(rows.map((r) => r.tier ?? 1));
  if (tiers.size > 1) {
    const parts: string[] = [];
    for (const tier of [...tiers].sort()) {
      const inTier = rows.filter((r) => (r.tier ?? 1) === tier);
      if (tier === 1) {
        parts.push(
          w.t(
            `第1层（直接${label}）：${inTier
              .slice(0, SHOWN)
              .map((r) => rowText(r, w))
              .join('、')}${more(inTier.length, SHOWN, w)}`,
            `tier 1 (direct ${label}): ${w.list(inTier.slice(0, SHOWN).map((r) => rowText(r, w)))}${more(inTier.length, SHOWN, w)}`,
          ),
        );
        continue;
      }
      const byParent = new Map<string, Row[]>();
      for (const r of inTier)
        byParent.set(r.parent?.name ?? '', [...(byParent.get(r.parent?.name ?? '') ?? []), r]);
      const groups = [...byParent].slice(0, SHOWN).map(([p, rs]) =>
        w.t(
          `${p}←${rs
            .slice(0, 10)
            .map((r) => rowText(r, w))
            .join('、')}`,
          `${p} ← ${w.list(rs.slice(0, 10).map((r) => rowText(r, w)))}`,
        ),
      );
      parts.push(
        w.t(
          `第${tier}层（${inTier.length}种，按上一层分组）：${groups.join('；')}`,
          `tier ${tier} (${inTier.length}, by the tier-${tier - 1} input they feed): ${groups.join('; ')}`,
        ),
      );
    }
    return w.t(
      `${of}的${label}：${parts.join('。')}。`,
      `${label[0]!.toUpperCase()}${label.slice(1)} of ${of}: ${parts.join('. ')}.`,
    );
  }
  // A set reached from several members reads best grouped by the member it came from.
  const parents = new Set(rows.map((r) => r.parent?.id).filter(Boolean));
  if (parents.size > 1 && set.of.length > 1 && set.via?.edge !== 'chain') {
    const byParent = new Map<string, Row[]>();
    for (const r of rows)
      byParent.set(r.parent?.name ?? '', [...(byParent.get(r.parent?.name ?? '') ?? []), r]);
    const groups = [...byParent].slice(0, SHOWN).map(([p, rs]) =>
      w.t(
        `${p}：${rs
          .slice(0, 8)
          .map((r) => rowText(r, w, withDates))
          .join('、')}${more(rs.length, 8, w)}`,
        `${p}: ${w.list(rs.slice(0, 8).map((r) => rowText(r, w, withDates)))}${more(rs.length, 8, w)}`,
      ),
    );
    return w.t(
      `${of}的${label}共${n}${unitOf(rows, w, n)}${when}，按来源分列：${groups.join('；')}。`,
      `${n}${unitOf(rows, w, n)} in all${when}, by source — ${groups.join('; ')}.`,
    );
  }
  const shown = rows.slice(0, SHOWN).map((r) => rowText(r, w, withDates));
  return w.t(
    `${of}的${label}${when}共${n}${unitOf(rows, w, n)}：${shown.join('、')}${more(n, SHOWN, w)}。`,
    `${of} has ${n} ${n === 1 ? singular(label) : label}${when}: ${w.list(shown)}${more(n, SHOWN, w)}.`,
  );
}

/** "1 supplier", not "1 suppliers": the labels are English plurals. */
function singular(label: string): string {
  return label.replace(/ies$/u, 'y').replace(/(?<=[^s])s$/u, '');
}

function renderCount(v: Extract<Value, { kind: 'count' }>, w: Writer): string {
  const set = v.set;
  const label = labelOf(set, w);
  const of = names(set.of, w);
  const unit = unitOf(set.rows, w, v.n);
  const shown = set.rows.slice(0, 10).map((r) => rowText(r, w));
  if (!set.of.length)
    return w.t(
      `共${v.n}${unit}${shown.length ? `，例如：${shown.join('、')}${more(v.n, 10, w)}` : ''}。`,
      `${v.n}${unit} in all${shown.length ? `, e.g. ${w.list(shown)}${more(v.n, 10, w)}` : ''}.`,
    );
  return w.t(
    `${of}的${label}共${v.n}${unit}${shown.length ? `：${shown.join('、')}${more(v.n, 10, w)}` : ''}。`,
    `${v.n}${unit} in the data are ${label} of ${of}${shown.length ? `: ${w.list(shown)}${more(v.n, 10, w)}` : ''}.`,
  );
}

const EXCHANGE_NAME: Record<string, [string, string]> = {
  SH: ['上海证券交易所（上交所）', 'Shanghai Stock Exchange'],
  SZ: ['深圳证券交易所（深交所）', 'Shenzhen Stock Exchange'],
  BJ: ['北京证券交易所（北交所）', 'Beijing Stock Exchange'],
};

function levelName(level: number | undefined, w: Writer): string {
  if (level === undefined) return '';
  return w.t(['', '一级', '二级', '三级'][level] ?? '', ['', 'level 1', 'level 2', 'level 3'][level] ?? '');
}

const ATTRIBUTE_NAME: Record<string, readonly [string, string]> = {
  fullName: ['全称', 'registered name'],
  code: ['股票代码', 'stock code'],
  exchange: ['上市交易所', 'exchange'],
  listedAt: ['上市日期', 'listing date'],
  industry: ['所属行业', 'industry'],
  location: ['所在地', 'location'],
};

function renderCard(card: Card, attributes: readonly string[], w: Writer): string {
  const p = card.props as {
    code?: string;
    exchange?: string;
    fullName?: string;
    listedAt?: string;
    issuer?: string;
    docNo?: string;
    date?: string;
  };
  const cite = w.cite.marker(card.evidence);
  const parts: Array<{ key: string; text: string }> = [];
  if (p.fullName)
    parts.push({
      key: 'fullName',
      text: w.t(`全称${p.fullName}${cite}`, `registered name ${p.fullName}${cite}`),
    });
  if (p.code)
    parts.push({
      key: 'code',
      text:
        card.node.type === 'Industry'
          ? w.t(`行业代码${p.code}${cite}`, `industry code ${p.code}${cite}`)
          : w.t(
              `股票代码${p.code}${p.exchange ? `.${p.exchange}` : ''}${cite}`,
              `stock code ${p.code}${p.exchange ? `.${p.exchange}` : ''}${cite}`,
            ),
    });
  if (p.exchange && EXCHANGE_NAME[p.exchange])
    parts.push({
      key: 'exchange',
      text: w.t(
        `在${EXCHANGE_NAME[p.exchange]![0]}上市${cite}`,
        `listed on the ${EXCHANGE_NAME[p.exchange]![1]}${cite}`,
      ),
    });
  if (p.listedAt) {
    const [y, m, d] = p.listedAt.split('-');
    parts.push({
      key: 'listedAt',
      text: w.t(
        `上市日期${p.listedAt}（${Number(y)}年${Number(m)}月${Number(d)}日）${cite}`,
        `listed on ${p.listedAt}${cite}`,
      ),
    });
  }
  if (card.industries.length) {
    const chain = card.industries.map((i, n) => {
      const lvl = levelName(i.level ?? (card.industries.length === 3 ? 3 - n : undefined), w);
      return `${i.node.name}${lvl ? w.t(`（${lvl}）`, ` (${lvl})`) : ''}${w.cite.marker(i.evidence)}`;
    });
    parts.push({
      key: 'industry',
      text: w.t(`申万行业：${chain.join(' → ')}`, `Shenwan industry: ${chain.join(' → ')}`),
    });
  }
  if (card.regions.length)
    parts.push({
      key: 'location',
      text: w.t(
        `位于${card.regions.map((r) => `${r.node.name}${w.cite.marker(r.evidence)}`).join('、')}`,
        `located in ${w.list(card.regions.map((r) => `${r.node.name}${w.cite.marker(r.evidence)}`))}`,
      ),
    });
  if (card.products.length)
    parts.push({
      key: 'products',
      text: w.t(
        `主要产品：${card.products.map((r) => rowText(r, w)).join('、')}`,
        `main products: ${w.list(card.products.map((r) => rowText(r, w)))}`,
      ),
    });
  else if (card.node.type === 'Enterprise' && attributes.includes('products'))
    parts.push({
      key: 'products',
      text: w.t(
        '数据中没有找到其产品收入构成',
        'no record of its product revenue breakdown was found in the data',
      ),
    });
  if (p.issuer)
    parts.push({ key: 'issuer', text: w.t(`发文机关${p.issuer}${cite}`, `issued by ${p.issuer}${cite}`) });
  if (p.docNo) parts.push({ key: 'docNo', text: `${p.docNo}${cite}` });
  if (card.node.type !== 'Enterprise') {
    const counts = Object.entries(card.relations)
      .map(([k, n]) => ({ k, n, label: RELATION_LABEL[k as `${EdgeType}:${string}`] }))
      .filter((x) => x.label)
      .map((x) => w.t(`${x.label![0]}${x.n}个`, `${x.n} ${x.label![1]}`));
    if (counts.length)
      parts.push({
        key: 'relations',
        text: w.t(`图谱中记录了${counts.join('、')}`, `the graph records ${w.list(counts)}`),
      });
  }
  const wanted = attributes.length ? parts.filter((x) => attributes.includes(x.key)) : [];
  const rest = parts.filter((x) => !wanted.includes(x));
  const head = w.t(`${card.node.name}`, `${card.node.name}`);
  // An asked fact the record lacks is said first and plainly; the facts it does hold follow.
  const lacking = attributes.filter((a) => a in ATTRIBUTE_NAME && !parts.some((x) => x.key === a));
  if (lacking.length && !wanted.length) {
    const missing = lacking.map((a) => ATTRIBUTE_NAME[a]!);
    return w.t(
      `数据中没有找到${card.node.name}的${missing.map((m) => m[0]).join('、')}（该记录未收录）。记录中有：${rest.map((x) => x.text).join('；')}。`,
      `Not found in the data: ${card.node.name}'s ${w.list(missing.map((m) => m[1]))} is not recorded. The record holds: ${rest.map((x) => x.text).join('; ')}.`,
    );
  }
  const ordered = [...wanted, ...rest];
  if (!ordered.length)
    return w.t(`${head}${cite}：数据中没有找到更多信息。`, `${head}${cite}: no further facts are recorded.`);
  return w.t(
    `${head}：${ordered.map((x) => x.text).join('；')}。`,
    `${head}: ${ordered.map((x) => x.text).join('; ')}.`,
  );
}

function renderComparison(v: Extract<Value, { kind: 'comparison' }>, w: Writer): string {
  const side = (i: number) => v.sides[i]!;
  const label = (i: number) => names(side(i).label, w) || w.t(`第${i + 1}项`, `item ${i + 1}`);
  const valueText = (i: number) => {
    const s = side(i);
    if (v.measure === 'date')
      return s.date
        ? w.t(`${s.date}上市`, `listed on ${s.date}`)
        : w.t('上市日期未知', 'listing date unknown');
    if (v.measure === 'industry') return s.text ?? w.t('行业未知', 'industry unknown');
    if (s.value === undefined) return w.t('数据中没有找到', 'not found in the data');
    if (v.measure === 'count') return w.t(`${s.value}家`, `${s.value} companies`);
    const top = s.rows?.[0];
    const what =
      top && !s.label.some((l) => l.id === top.node.id)
        ? w.t(`${top.node.name}，`, `${top.node.name}, `)
        : '';
    return `${what}${pct(s.value)}`;
  };
  const parts = v.sides.map(
    (s, i) => `${label(i)}${w.t('：', ': ')}${valueText(i)}${w.cite.marker(...s.evidence.slice(0, 2))}`,
  );
  let verdict: string;
  if (v.measure === 'industry') {
    verdict =
      v.winners.length === v.sides.length
        ? w.t(`二者属于同一行业（${side(0).text}）`, `both are in the same industry (${side(0).text})`)
        : w.t('二者不属于同一行业', 'they are not in the same industry');
  } else if (!v.winners.length) verdict = w.t('数据不足以比较', 'the data is not enough to compare them');
  else if (v.winners.length > 1 && v.winners.length === v.sides.length)
    verdict = w.t(`两者一样多（相同，并列）`, `they are tied (the same)`);
  else {
    const who = w.list(v.winners.map(label));
    const more =
      v.measure === 'date'
        ? w.t('更早', 'earlier')
        : v.order === 'asc'
          ? w.t('更低', 'lower')
          : v.measure === 'count'
            ? w.t('更多', 'more')
            : w.t('更高', 'higher');
    verdict = w.t(`${who}${more}`, `${who} is ${more}`);
  }
  return w.t(
    `${parts.join('；')}。${verdict}。`,
    `${parts.join('; ')}. ${verdict[0]!.toUpperCase()}${verdict.slice(1)}.`,
  );
}

function renderEdges(v: Extract<Value, { kind: 'edges' }>, step: Step, w: Writer): string {
  const made = step.op === 'edgeValue' && step.edge === 'MADE_FROM';
  const lines = v.rows.map((r) =>
    made
      ? w.t(
          `在${r.from.name}的投入构成中，${r.to.name}占${r.value !== undefined ? pct(r.value) : '（比例未记录）'}${w.cite.marker(...r.evidence)}`,
          `${r.to.name} makes up ${r.value !== undefined ? pct(r.value) : 'an unrecorded share'} of the inputs of ${r.from.name}${w.cite.marker(...r.evidence)}`,
        )
      : w.t(
          `${r.from.name}的${r.to.name}收入占比为${r.value !== undefined ? pct(r.value) : '（未记录）'}${w.cite.marker(...r.evidence)}`,
          `${r.to.name} is ${r.value !== undefined ? pct(r.value) : 'an unrecorded share'} of ${r.from.name}'s revenue${w.cite.marker(...r.evidence)}`,
        ),
  );
  const missing = v.missing.map((m) =>
    made
      ? w.t(
          `数据中没有找到${m.from.name}以${m.to.name}为原料的记录`,
          `the data has no record of ${m.to.name} as an input of ${m.from.name}`,
        )
      : w.t(
          `数据中没有找到${m.from.name}生产${m.to.name}的记录`,
          `the data has no record of ${m.from.name} producing ${m.to.name}`,
        ),
  );
  return w.t(`${[...lines, ...missing].join('；')}。`, `${[...lines, ...missing].join('; ')}.`);
}

function renderPaths(v: Extract<Value, { kind: 'paths' }>, w: Writer): string {
  const a = names(v.from, w);
  const b = names(v.to, w);
  if (!v.paths.length)
    return w.t(
      `数据中没有找到${a}与${b}之间的关系。`,
      `No relation between ${a} and ${b} was found in the data.`,
    );
  const direct = v.paths.every((p) => p.edges.length === 1);
  const shown = v.evidence.slice(0, 8).map((k) => w.cite.marker(k));
  const book = (k: string) => (w.cite as unknown as { book: EvidenceBook }).book.get(k)?.text ?? '';
  const lines = v.evidence.slice(0, 8).map((k, i) => `${book(k)}${shown[i]}`);
  return direct
    ? w.t(
        `${a}与${b}的直接关系：${lines.join('；')}。`,
        `How ${a} and ${b} are related: ${lines.join('; ')}.`,
      )
    : w.t(
        `${a}与${b}之间没有直接关系，最短的关联路径：${lines.join('；')}。`,
        `${a} and ${b} are not directly related; the shortest connection: ${lines.join('; ')}.`,
      );
}

function renderGroups(v: Extract<Value, { kind: 'groups' }>, w: Writer): string {
  if (!v.groups.length)
    return w.t('数据中没有找到可分组的记录。', 'No records to group were found in the data.');
  const by =
    v.groupBy === 'industry'
      ? w.t(
          `申万${levelName(v.level, w)}行业`,
          `Shenwan ${levelName(v.level, w) || ''} industry`.replace(/\s+/g, ' '),
        )
      : v.groupBy === 'exchange'
        ? w.t('交易所', 'exchange')
        : v.groupBy === 'listedYear'
          ? w.t('上市年份', 'listing year')
          : w.t('地区', 'region');
  const [first, ...rest] = v.groups;
  const lead = w.t(
    `按${by}统计，${v.listed ? '上市公司' : '企业'}最多的是${first!.label}，共${first!.count}家${w.cite.marker(...first!.evidence.slice(0, 1))}`,
    `By ${by}, the one with the most ${v.listed ? 'listed companies' : 'enterprises'} is ${first!.label}, with ${first!.count} ${v.listed ? 'companies' : 'enterprises'}${w.cite.marker(...first!.evidence.slice(0, 1))}`,
  );
  const others = rest.slice(0, 19).map((g) => w.t(`${g.label}（${g.count}家）`, `${g.label} (${g.count})`));
  return w.t(
    `${lead}${others.length ? `；其次是${others.join('、')}` : ''}（共${v.total}个分组）。`,
    `${lead}${others.length ? `; then ${w.list(others)}` : ''} (${v.total} groups in all).`,
  );
}

function renderPassages(v: Extract<Value, { kind: 'passages' }>, w: Writer): string {
  if (!v.answered) {
    const covered = v.covered.slice(0, 4).map((t) => `《${t}》`);
    return w.t(
      `文件中没有找到能回答这个问题的内容（未提及）。${covered.length ? `现有文件涉及：${covered.join('、')}。` : ''}`,
      `The documents do not say (not found in the documents).${covered.length ? ` They cover: ${w.list(covered)}.` : ''}`,
    );
  }
  const [first, ...rest] = v.passages;
  const quote = (text: string) => (text.length > 240 ? `${text.slice(0, 240)}…` : text);
  const fact = v.answer ? w.t(`${v.answer.text}。`, `${v.answer.text}. `) : '';
  const main = w.t(
    `依据《${first!.title}》：“${quote(first!.text)}”${w.cite.marker(first!.key)}`,
    `According to "${first!.title}": “${quote(first!.text)}”${w.cite.marker(first!.key)}`,
  );
  const items = rest.filter((p) => p.title === first!.title);
  const others = rest.filter((p) => p.title !== first!.title);
  const itemText = items.length
    ? w.t(
        `；${items.map((p) => `${quote(p.text)}${w.cite.marker(p.key)}`).join('；')}`,
        `; ${items.map((p) => `${quote(p.text)}${w.cite.marker(p.key)}`).join('; ')}`,
      )
    : '';
  const otherText = others
    .map((p) =>
      w.t(
        `另据《${p.title}》：“${quote(p.text)}”${w.cite.marker(p.key)}`,
        ` See also "${p.title}": “${quote(p.text)}”${w.cite.marker(p.key)}`,
      ),
    )
    .join('');
  return `${fact}${main}${itemText}${w.t('。', '.')}${otherText}`;
}

function monthText(date: string | undefined, w: Writer): string {
  if (!date) return '';
  const [y, m] = date.split('-');
  return w.t(
    `${Number(y)}年${Number(m)}月`,
    `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][Number(m) - 1]} ${y} (${y}-${m})`,
  );
}

function renderSeries(v: Extract<Value, { kind: 'series' }>, w: Writer): string {
  const name = v.series.name;
  const unit = v.series.unit ? ` ${unitText(v.series.unit, { language: w.lang })}` : '';
  if (!v.answered) {
    if (!v.series.id)
      return w.t(
        '数据中没有找到所问的序列（未收录）。',
        'Not found in the data: no stored series matches the question.',
      );
    const outside = v.note?.startsWith('outside') ? v.note.slice(8) : undefined;
    return w.t(
      `数据中没有找到${name}${outside ? `在所问月份的数值（数据覆盖${outside}）` : v.note === 'no series' ? '的序列' : '在所问月份的数值（该月缺失）'}。`,
      `Not found in the data: ${name}${outside ? ` has no value for that month (the data covers ${outside})` : v.note === 'no series' ? ' has no stored series' : ' is missing for that month'}.`,
    );
  }
  const f = v.facts;
  const c = (i: number) => w.cite.marker(f[i]!.evidence);
  switch (v.stat) {
    case 'first':
      return w.t(
        `${name}的数据从${monthText(f[0]!.date, w)}开始，当月为${round(f[0]!.value!)}${unit}${c(0)}。`,
        `${name} data begins in ${monthText(f[0]!.date, w)}, at ${round(f[0]!.value!)}${unit}${c(0)}.`,
      );
    case 'latest':
      return w.t(
        `${name}最新一期（${monthText(f[0]!.date, w)}）为${round(f[0]!.value!)}${unit}${c(0)}。`,
        `The latest ${name} value (${monthText(f[0]!.date, w)}) is ${round(f[0]!.value!)}${unit}${c(0)}.`,
      );
    case 'at':
      return w.t(
        `${name}在${monthText(f[0]!.date, w)}为${round(f[0]!.value!)}${unit}${c(0)}。`,
        `${name} in ${monthText(f[0]!.date, w)} was ${round(f[0]!.value!)}${unit}${c(0)}.`,
      );
    case 'max':
    case 'min':
      return w.t(
        `${name}${v.stat === 'max' ? '最高' : '最低'}的月份是${monthText(f[0]!.date, w)}，为${round(f[0]!.value!)}${unit}${c(0)}。`,
        `${name} was ${v.stat === 'max' ? 'highest' : 'lowest'} in ${monthText(f[0]!.date, w)}, at ${round(f[0]!.value!)}${unit}${c(0)}.`,
      );
    case 'mean':
      return w.t(
        `${name}在所问期间${f[0]!.text}个月的平均值为${round(f[0]!.value!)}${unit}${c(0)}。`,
        `The average of ${name} over the ${f[0]!.text} months asked is ${round(f[0]!.value!)}${unit}${c(0)}.`,
      );
    case 'change':
    case 'trend': {
      const [a, b] = [f[0]!, f[1]!];
      const change = ((b.value! - a.value!) / Math.abs(a.value! || 1)) * 100;
      const dir =
        change > 0
          ? w.t('上涨（上升）', 'rose (up)')
          : change < 0
            ? w.t('下跌（下降）', 'fell (declined)')
            : w.t('持平', 'was flat');
      return w.t(
        `${name}从${monthText(a.date, w)}的${round(a.value!)}${unit}${c(0)}到${monthText(b.date, w)}的${round(b.value!)}${unit}${c(1)}，${dir}${Math.abs(change).toFixed(1)}%。`,
        `${name} ${dir} ${Math.abs(change).toFixed(1)}%, from ${round(a.value!)}${unit} in ${monthText(a.date, w)}${c(0)} to ${round(b.value!)}${unit} in ${monthText(b.date, w)}${c(1)}.`,
      );
    }
    case 'ratio': {
      const [a, b] = [f[0]!, f[1]!];
      const ratio = a.value! / b.value!;
      return w.t(
        `${monthText(a.date, w)}，${name}为${round(a.value!)}${unit}${c(0)}，${b.text}为${round(b.value!)}${c(1)}，前者约为后者的${ratio.toFixed(2)}倍（约${ratio.toFixed(1)}倍）。`,
        `In ${monthText(a.date, w)}, ${name} was ${round(a.value!)}${unit}${c(0)} and ${b.text} ${round(b.value!)}${c(1)}: about ${ratio.toFixed(2)} times (${ratio.toFixed(1)}x).`,
      );
    }
  }
  return '';
}

function renderReport(v: Extract<Value, { kind: 'report' }>, w: Writer): string {
  if (!v.answered)
    return w.t(
      `数据中没有找到可用于回答的记录（${String(v.data.note ?? '')}）。`,
      `Not found in the data (${String(v.data.note ?? '')}).`,
    );
  const level = {
    low: ['低', 'low'],
    moderate: ['中等', 'moderate'],
    high: ['高', 'high'],
    severe: ['严重', 'severe'],
  }[String(v.data.level) as 'low'];
  const head =
    v.tool === 'risk' && typeof v.data.score === 'number'
      ? w.t(
          `${v.subject?.name ?? ''}的供应风险评分为${v.data.score}（${level ? level[0] : String(v.data.level)}风险）。`,
          `The supply-risk score of ${v.subject?.name ?? ''} is ${v.data.score} (${level ? level[1] : String(v.data.level)} risk). `,
        )
      : '';
  return `${head}${v.lines.map((l) => `${l.text}${w.cite.marker(...l.evidence)}`).join(w.t('；', '; '))}${w.t('。', '.')}`;
}

function render(value: Value, step: Step, plan: Plan, w: Writer): string {
  switch (value.kind) {
    case 'set': {
      const period = plan.steps.find(
        (s): s is Extract<Step, { op: 'filter' }> => s.op === 'filter' && !!s.period,
      )?.period?.label;
      return renderSet(value, step, w, period);
    }
    case 'count':
      return renderCount(value, w);
    case 'facts':
      return value.cards
        .slice(0, 3)
        .map((c) => renderCard(c, value.attributes, w))
        .join('');
    case 'comparison':
      return renderComparison(value, w);
    case 'edges':
      return renderEdges(value, step, w);
    case 'paths':
      return renderPaths(value, w);
    case 'groups':
      return renderGroups(value, w);
    case 'passages':
      return renderPassages(value, w);
    case 'series':
      return renderSeries(value, w);
    case 'report':
      return renderReport(value, w);
  }
}

export function composeAnswer(
  plan: Plan,
  values: readonly Value[],
  book: EvidenceBook,
  language: Language,
  entities: readonly LinkedEntity[],
  question: string,
): Composed {
  const w = writerOf(language, book, entities, question);
  const shown = plan.show.filter((i) => values[i]);
  const last = plan.steps.length - 1;
  const answered =
    answers(values[last]) ||
    shown.some(
      (i) =>
        i !== last && (values[i]!.kind === 'edges' || values[i]!.kind === 'passages') && answers(values[i]),
    );
  const sentences: string[] = [];
  const quoted = new Set<string>();
  for (const i of shown) {
    const v = values[i]!;
    // An intermediate step that found nothing is said by the final one; a part of a question the
    // documents do not answer is left out when another part is answered.
    if (i !== last && !answers(v) && v.kind !== 'edges') continue;
    if (i === last && v.kind === 'passages' && !v.answered && answered) continue;
    if (v.kind === 'passages' && v.answered) {
      // Two parts answered by one sentence: it is quoted once.
      const first = v.passages[0]!.key;
      if (quoted.has(first)) {
        if (v.answer)
          sentences.push(
            w.t(`${v.answer.text}${w.cite.marker(first)}。`, `${v.answer.text}${w.cite.marker(first)}.`),
          );
        continue;
      }
      for (const p of v.passages) quoted.add(p.key);
    }
    sentences.push(render(v, plan.steps[i]!, plan, w));
  }
  return {
    answer: sentences.join(language === 'zh' ? '' : ' ').trim(),
    answered,
    citations: w.cite.list(),
    facts: factsOf(values, w.cite),
    paths: values.flatMap((v) => (v.kind === 'paths' ? v.paths : [])),
  };
}

/** Refusals with their reason: what was not found, and what the reader can do. */
export function composeRefusal(
  refusal: NonNullable<Plan['refusal']>,
  language: Language,
  entities: readonly LinkedEntity[],
): string {
  const zh = language === 'zh';
  const subject = entities.find((e) => e.type === 'Enterprise')?.name ?? entities[0]?.name ?? '';
  switch (refusal.reason) {
    case 'unknown_entity': {
      const near = refusal.near ?? [];
      return zh
        ? `数据中没有找到“${refusal.detail}”（或您无权查看），未找到相关记录。${near.length ? `数据中相近的有：${near.join('、')}。` : '请检查名称、简称或股票代码。'}`
        : `“${refusal.detail}” was not found in the data (or you may not see it).${near.length ? ` Near it, the data holds: ${near.join(', ')}.` : ' Check the name, short name or stock code.'}`;
    }
    case 'unknown_attribute':
      return zh
        ? `数据中没有${subject}的“${refusal.detail}”信息，未找到相关记录。图谱记录的是企业的代码、上市信息、所属行业、产品及收入占比和企业间关系。`
        : `No data: ${subject}'s ${refusal.detail} is not in the data (not found). The graph records codes, listings, industries, products with revenue shares and relations between companies.`;
    case 'no_period':
      return zh
        ? `数据中没有找到${refusal.detail}的记录。`
        : `No record for ${refusal.detail} was found in the data.`;
    case 'out_of_scope':
      return zh
        ? '数据中没有相关信息：这个问题超出了本系统的数据范围（产业链图谱、政策文件和价格序列），未找到可用的记录。可以询问企业、产品、行业、地区、政策或价格。'
        : 'No data: this question is out of scope for this system (not in the data: the industrial-chain graph, policy documents and price series). Ask about enterprises, products, industries, regions, policies or prices.';
  }
}

function factsOf(values: readonly Value[], cite: Citations): Fact[] {
  const out: Fact[] = [];
  for (const v of values) {
    if (v.kind !== 'set' && v.kind !== 'count') continue;
    const set = v.kind === 'set' ? v : v.set;
    for (const r of set.rows.slice(0, 50)) {
      const n = r.evidence[0] ? cite.number(r.evidence[0]) : undefined;
      if (n === undefined) continue;
      const subject = r.parent ?? set.of[0];
      if (!subject) continue;
      out.push({
        subject: { id: subject.id, name: subject.name },
        relation: set.via ? `${set.via.edge}:${set.via.direction}` : 'member',
        object: { id: r.node.id, name: r.node.name },
        ...(r.value !== undefined ? { value: r.value } : {}),
        citation: n,
      });
    }
  }
  return out;
}
