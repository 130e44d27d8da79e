import { foldName } from '../../../knowledge-graph/resolve/normalise.js';
import type { SeriesNode, SeriesPoint } from '../../../knowledge-graph/series/port.js';
import { sourceOf } from './evidence.js';
import type { Operator, OperatorContext, SeriesFact, Value } from './types.js';

type Observed = { date: string; value: number };

/**
 * Statistics of a stored series over the months a question names: the latest value, the value
 * of a month, the highest or lowest month, the mean, the change between two months, the ratio of
 * two series, the trend. A month outside the data or a missing cell is said, never filled in.
 */
export const seriesOperator: Operator<'series'> = {
  op: 'series',
  description:
    'A statistic of a price, demand or output series: latest, at (a month), max, min, mean (over a period), change (base → period), ratio (to another series), trend.',
  async run(step, _input, ctx) {
    const found = await findSeries(step.entity, step.kind, ctx);
    if (!found)
      return {
        kind: 'series',
        series: { id: '', name: step.entity, type: 'Series' },
        stat: step.stat,
        facts: [],
        answered: false,
        note: 'no series',
      };
    const { node, points } = found;
    const unit = node.props.unit;
    const observed = points.filter((p): p is Observed => p.value !== null);
    const series = {
      id: node.id,
      name: displayName(node, ctx),
      type: 'Series' as const,
      ...(unit ? { unit } : {}),
    };
    const span = observed.length
      ? `${observed[0]!.date.slice(0, 7)}…${observed.at(-1)!.date.slice(0, 7)}`
      : '';
    const fact = (label: string, p: Observed, text: string): SeriesFact => ({
      label,
      date: p.date,
      value: p.value,
      text,
      evidence: ctx.evidence.add({
        key: `${node.id}@${p.date}`,
        kind: 'series',
        source: `${sourceOf(node.provenance)} ${node.name}`,
        text: `${series.name} ${p.date.slice(0, 7)}: ${round(p.value)}${unit ? ` ${unitText(unit, ctx)}` : ''}`,
        seriesId: node.id,
      }),
    });
    const within = (from?: string, to?: string) =>
      observed.filter((p) => (!from || p.date >= from) && (!to || p.date <= to));
    const month = (date: string) => points.find((p) => p.date.slice(0, 7) === date.slice(0, 7));
    const missing = (date: string): Value => ({
      kind: 'series',
      series,
      stat: step.stat,
      facts: [],
      answered: false,
      note: month(date) ? `${date.slice(0, 7)} is empty` : `outside ${span}`,
    });
    const facts: SeriesFact[] = [];
    switch (step.stat) {
      case 'first': {
        const first = observed[0];
        if (first) facts.push(fact('first', first, 'first'));
        break;
      }
      case 'latest': {
        const last = observed.at(-1);
        if (last) facts.push(fact('latest', last, 'latest'));
        break;
      }
      case 'at': {
        const at = step.period?.from;
        const p = at ? month(at) : undefined;
        if (!at || !p || p.value === null) return missing(at ?? '');
        facts.push(fact('at', p as Observed, 'at'));
        break;
      }
      case 'max':
      case 'min': {
        const pool = within(step.period?.from, step.period?.to);
        if (!pool.length) return missing(step.period?.from ?? '');
        const pick = pool.reduce((a, b) =>
          (step.stat === 'max' ? b.value > a.value : b.value < a.value) ? b : a,
        );
        facts.push(fact(step.stat, pick, step.stat));
        break;
      }
      case 'mean': {
        const pool = within(step.period?.from, step.period?.to);
        if (!pool.length) return missing(step.period?.from ?? '');
        const mean = pool.reduce((a, p) => a + p.value, 0) / pool.length;
        facts.push({ ...fact('mean', pool.at(-1)!, 'mean'), value: mean, text: `${pool.length}` });
        break;
      }
      case 'change':
      case 'trend': {
        const to = step.period?.to ? lastIn(observed, step.period.to) : observed.at(-1);
        const from = step.base?.from
          ? month(step.base.from)
          : step.period?.from
            ? month(step.period.from)
            : observed.at(-13);
        if (!to || !from || from.value === null) return missing(step.base?.from ?? step.period?.from ?? '');
        facts.push(fact('from', from as Observed, 'from'), fact('to', to, 'to'));
        break;
      }
      case 'ratio': {
        const other = step.other ? await findSeries(step.other, step.kind, ctx) : undefined;
        const at = step.period?.from;
        const a = at ? month(at) : observed.at(-1);
        const bPoint = other
          ? at
            ? other.points.find((p) => p.date.slice(0, 7) === at.slice(0, 7))
            : other.points.filter((p) => p.value !== null).at(-1)
          : undefined;
        if (!other || !a || a.value === null || !bPoint || bPoint.value === null) return missing(at ?? '');
        facts.push(fact('a', a as Observed, 'a'));
        const otherName = displayName(other.node, ctx);
        facts.push({
          label: 'b',
          date: bPoint.date,
          value: bPoint.value,
          text: otherName,
          evidence: ctx.evidence.add({
            key: `${other.node.id}@${bPoint.date}`,
            kind: 'series',
            source: `${sourceOf(other.node.provenance)} ${other.node.name}`,
            text: `${otherName} ${bPoint.date.slice(0, 7)}: ${round(bPoint.value)}${other.node.props.unit ? ` ${unitText(other.node.props.unit, ctx)}` : ''}`,
            seriesId: other.node.id,
          }),
        });
        break;
      }
    }
    return { kind: 'series', series, stat: step.stat, facts, answered: facts.length > 0 };
  },
};

function lastIn(observed: readonly Observed[], to: string): Observed | undefined {
  return observed.filter((p) => p.date.slice(0, 7) <= to.slice(0, 7)).at(-1);
}

export function round(x: number): string {
  const abs = Math.abs(x);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
  return Number(x.toFixed(digits)).toString();
}

const UNITS: Array<[RegExp, string]> = [
  [/^USD\/metric ton$/i, '美元/吨'],
  [/^US cents\/pound$/i, '美分/磅'],
  [/^USD\/barrel$/i, '美元/桶'],
  [/^USD\/troy ounce$/i, '美元/盎司'],
  [/^USD\/MMBtu$/i, '美元/百万英热单位'],
  [/^USD\/cubic meter$/i, '美元/立方米'],
  [/^USD\/kilogram$/i, '美元/千克'],
  [/^US cents\/kilogram$/i, '美分/千克'],
  [/^USD\/pound$/i, '美元/磅'],
  [/^USD\/gallon$/i, '美元/加仑'],
  [/^USD\/bushel$/i, '美元/蒲式耳'],
  [/^USD\/short ton$/i, '美元/短吨'],
  [/^EUR\/kilogram$/i, '欧元/千克'],
  [/^index 2016=100$/i, '指数（2016=100）'],
];

/** A unit as the reader's language writes it: 美元/吨 in Chinese, the source's own in English. */
export function unitText(unit: string, ctx: Pick<OperatorContext, 'language'>): string {
  if (ctx.language === 'en') return unit;
  return UNITS.find(([re]) => re.test(unit))?.[1] ?? unit;
}

function displayName(node: SeriesNode, ctx: Pick<OperatorContext, 'language'>): string {
  const zh = typeof node.props.nameZh === 'string' ? node.props.nameZh : undefined;
  if (ctx.language === 'zh') return zh ? `${zh}（${node.name}）` : node.name;
  return zh ? `${node.name} (${zh})` : node.name;
}

/**
 * The series from a source the question names ("in the IMF data", "演示数据"), when some come from
 * it; else all of them.
 */
function namedSource(all: readonly SeriesNode[], question: string): SeriesNode[] {
  const asked = question.toLowerCase();
  const named = (s: SeriesNode) =>
    s.provenance.some((p) =>
      (p.source.toLowerCase().match(/[a-z]{3,}/g) ?? []).some(
        (w) => !GENERIC_SOURCE_WORDS.has(w) && new RegExp(`\\b${w}\\b`).test(asked),
      ),
    );
  const from = all.filter(named);
  return from.length && from.length < all.length ? from : [...all];
}

/** Words of file and source names that say nothing about where data comes from. */
const GENERIC_SOURCE_WORDS = new Set([
  'csv',
  'json',
  'jsonl',
  'txt',
  'monthly',
  'prices',
  'price',
  'series',
  'data',
]);

/**
 * Series whose full name the question spells out (every English word of it, or every Chinese
 * piece, in any order) and which hold the asked name: the most specific first.
 */
function spelledOut(all: readonly SeriesNode[], question: string, asked: string): SeriesNode[] {
  const words = new Set(question.toLowerCase().match(/[a-z]+/g) ?? []);
  const folded = foldName(question);
  const mention = foldName(asked);
  const mentionWords = asked.toLowerCase().match(/[a-z]+/g) ?? [];
  return all
    .map((s) => {
      const en: string[] = s.name.toLowerCase().match(/[a-z]+/g) ?? [];
      const zh =
        typeof s.props.nameZh === 'string'
          ? (s.props.nameZh.match(/\p{Script=Han}+|[A-Za-z0-9]+/gu) ?? [])
          : [];
      const enWhole = en.length >= 2 && en.every((w) => words.has(w) || words.has(`${w}s`));
      const zhWhole = zh.length >= 2 && zh.every((p) => folded.includes(foldName(p)));
      const holds =
        (mentionWords.length > 0 && mentionWords.every((w) => en.includes(w))) ||
        zh.some((p) => foldName(p).includes(mention) || mention.includes(foldName(p)));
      return { s, fit: (enWhole ? en.length : 0) + (zhWhole ? zh.length : 0), holds };
    })
    .filter((x) => x.fit > 0 && x.holds && x.fit > mentionWords.length)
    .sort((a, b) => b.fit - a.fit)
    .map((x) => x.s);
}

/**
 * The series a question means: a linked series, a product's series of the asked kind, else the
 * series whose name, Chinese name or code the text holds (铝价 → Aluminum, 布伦特原油 → Crude Oil Brent).
 */
export async function findSeries(
  text: string,
  kind: 'price' | 'demand' | 'output' | undefined,
  ctx: OperatorContext,
): Promise<{ node: SeriesNode; points: SeriesPoint[] } | undefined> {
  const store = ctx.ports.series;
  const direct = await store.get(text, ctx.principal);
  if (direct) return direct;
  const linked = ctx.linked.find((e) => e.mention === text || e.name === text || e.id === text);
  if (linked?.type === 'Series') return (await store.get(linked.id, ctx.principal)) ?? undefined;
  const all = namedSource(await store.list({}, ctx.principal), ctx.question);
  // "Brent crude oil" names Crude Oil Brent, not the series of the product 原油: a series the whole
  // question spells out, that holds the asked name, wins over what a product is linked to.
  const spelled = spelledOut(all, ctx.question, text).filter(
    (s) => !kind || s.props.kind === kind || s.props.kind === 'other',
  );
  if (spelled[0]) return (await store.get(spelled[0].id, ctx.principal)) ?? undefined;
  if (linked && (!kind || kind === 'price') && linked.type === 'Product') {
    // A product's price is what a curated link says it is (电解铝 → Aluminum), strongest link first.
    const links = await ctx.ports.priceSeries(linked.id, ctx.principal);
    const strongest = links.find((l) => all.some((s) => s.id === l.seriesId));
    if (strongest) return (await store.get(strongest.seriesId, ctx.principal)) ?? undefined;
  }
  if (linked) {
    const own = all.filter(
      (s) =>
        s.props.subjectId === linked.id ||
        [linked.id, ...(linked.members ?? []).map((m) => m.id)].includes(s.props.subjectId ?? ''),
    );
    const pick = own.find((s) => !kind || s.props.kind === kind) ?? own[0];
    if (pick) return (await store.get(pick.id, ctx.principal)) ?? undefined;
  }
  const folded = foldName(text);
  const names = (s: SeriesNode) =>
    [s.name, ...s.aliases, ...(typeof s.props.nameZh === 'string' ? [s.props.nameZh] : [])].map(foldName);
  // English names match as a bag of words ("Brent crude oil" is Crude Oil Brent).
  const asked = new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);
  // Chinese names too, as their pieces in any order (欧洲天然气（TTF） is 天然气（欧洲TTF）).
  const pieces = (name: string) => name.match(/\p{Script=Han}+|[A-Za-z0-9]+/gu)?.map(foldName) ?? [];
  const scored = all
    .map((s) => {
      const ns = names(s);
      const words = s.name.toLowerCase().match(/[a-z]+/g) ?? [];
      const zh = typeof s.props.nameZh === 'string' ? pieces(s.props.nameZh) : [];
      const bag =
        (words.length > 0 && words.every((w) => asked.has(w) || asked.has(`${w}s`))) ||
        (zh.length > 1 && zh.every((p) => folded.includes(p)));
      const score = ns.includes(folded)
        ? 3
        : bag
          ? 2.5
          : ns.some((n) => n.length >= 1 && folded.includes(n))
            ? 2
            : ns.some((n) => n.includes(folded))
              ? 1
              : 0;
      const length = Math.max(
        ...ns.filter((n) => folded.includes(n)).map((n) => n.length),
        bag ? words.join('').length : 0,
        0,
      );
      return { s, score, length };
    })
    .filter((x) => x.score > 0 && (!kind || x.s.props.kind === kind || x.s.props.kind === 'other'))
    .sort((a, b) => b.score - a.score || b.length - a.length || a.s.name.localeCompare(b.s.name));
  const best = scored[0]?.s;
  return best ? ((await store.get(best.id, ctx.principal)) ?? undefined) : undefined;
}
