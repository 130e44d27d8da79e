import type { Context } from '../../shadow/context.js';
import { describeTargets, type Targets } from '../../shadow/data/ickg.js';
import { byText } from '../../shadow/item.js';
import { fresh, type SecondSet } from '../collect.js';
import { drawEach, half, long, pick } from '../pools.js';

type Direction = 'out' | 'in' | 'both';

interface Ask {
  relation: string;
  direction: Direction;
  min: number;
  max: number;
  lang: 'zh' | 'en';
  text: (e: string) => string;
}

const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08'];

export function relationItems(ctx: Context, set: SecondSet): void {
  const ickg = ctx.ickg;
  const degree = new Map<string, number>();
  for (const q of ickg.quads) {
    degree.set(q.head, (degree.get(q.head) ?? 0) + 1);
    degree.set(q.tail, (degree.get(q.tail) ?? 0) + 1);
  }
  // Entities the news talk about often enough to be asked about, under a name no earlier question used.
  const known = [...degree.entries()]
    .filter(([e, n]) => n >= 8 && fresh(e) && e.length <= 14)
    .map(([e]) => e)
    .sort(byText);
  // One pass over the quadruples instead of one per entity and question (Ickg.out scans them all).
  const index = new Map<string, Targets>();
  for (const q of ickg.quads) {
    for (const [key, other] of [
      [`${q.head}|${q.relation}|out`, q.tail],
      [`${q.tail}|${q.relation}|in`, q.head],
    ] as const) {
      if (other === key.split('|')[0]) continue;
      const found = index.get(key) ?? new Map<string, string[]>();
      found.set(other, [...(found.get(other) ?? []), q.at]);
      index.set(key, found);
    }
  }
  const targets = (e: string, a: Pick<Ask, 'relation' | 'direction'>): Targets => {
    const found = new Map<string, string[]>();
    const sides = a.direction === 'both' ? ['out', 'in'] : [a.direction];
    for (const side of sides) {
      for (const [k, at] of index.get(`${e}|${a.relation}|${side}`) ?? []) {
        if (long([k]).length === 1) found.set(k, [...(found.get(k) ?? []), ...at]);
      }
    }
    return found;
  };
  const asks: Ask[] = [
    {
      relation: '投资',
      direction: 'out',
      min: 3,
      max: 10,
      lang: 'zh',
      text: (e) => `${e}在新闻图谱里都投了哪些公司？`,
    },
    {
      relation: '投资',
      direction: 'out',
      min: 3,
      max: 10,
      lang: 'en',
      text: (e) => `Which companies has ${e} invested in, according to the 2025 news graph?`,
    },
    {
      relation: '母公司/控股',
      direction: 'out',
      min: 3,
      max: 10,
      lang: 'zh',
      text: (e) => `${e}旗下控股了哪些公司？`,
    },
    {
      relation: '母公司/控股',
      direction: 'out',
      min: 3,
      max: 10,
      lang: 'en',
      text: (e) => `What companies does ${e} control, per the news knowledge graph?`,
    },
    {
      relation: '母公司/控股',
      direction: 'in',
      min: 1,
      max: 3,
      lang: 'zh',
      text: (e) => `${e}背后的控股方（母公司）是谁？`,
    },
    {
      relation: '合资',
      direction: 'both',
      min: 2,
      max: 6,
      lang: 'en',
      text: (e) => `Who has ${e} set up joint ventures with?`,
    },
    {
      relation: '竞争',
      direction: 'both',
      min: 3,
      max: 10,
      lang: 'zh',
      text: (e) => `跟${e}存在竞争关系的企业，图谱里记了哪些？`,
    },
    {
      relation: '竞争',
      direction: 'both',
      min: 3,
      max: 10,
      lang: 'en',
      text: (e) => `Could you list the competitors of ${e} recorded in the news graph?`,
    },
    {
      relation: '供给',
      direction: 'in',
      min: 3,
      max: 10,
      lang: 'zh',
      text: (e) => `麻烦查一下，哪些企业在给${e}供货？`,
    },
    {
      relation: '供给',
      direction: 'in',
      min: 2,
      max: 8,
      lang: 'en',
      text: (e) => `Who supplies ${e}, according to the news graph?`,
    },
    {
      relation: '供给',
      direction: 'out',
      min: 3,
      max: 10,
      lang: 'zh',
      text: (e) => `${e}的产品都供给了哪些客户？`,
    },
    {
      relation: '并购',
      direction: 'out',
      min: 2,
      max: 6,
      lang: 'zh',
      text: (e) => `${e}今年在新闻里收购（并购）了哪些公司？`,
    },
    {
      relation: '并购',
      direction: 'out',
      min: 2,
      max: 6,
      lang: 'en',
      text: (e) => `What has ${e} acquired, going by the 2025 news graph?`,
    },
    {
      relation: '上游于',
      direction: 'in',
      min: 3,
      max: 10,
      lang: 'zh',
      text: (e) => `按新闻图谱的说法，${e}的上游环节有哪些？`,
    },
  ];
  const lot = set.lot('relation');
  // A parent named by one stray edge is often the edge read backwards (a brand "controlling" its
  // owner): ask for parents only where each parent controls several companies.
  const controlsSeveral = (e: string) => (index.get(`${e}|母公司/控股|out`)?.size ?? 0) >= 2;
  const drawn = drawEach(
    lot,
    known,
    asks.map((a) => (e: string) => {
      const found = targets(e, a);
      const parents =
        a.relation !== '母公司/控股' || a.direction !== 'in' || [...found.keys()].every(controlsSeveral);
      return found.size >= a.min && found.size <= a.max && parents;
    }),
  );
  for (const [i, e] of drawn.entries()) {
    const a = asks[i]!;
    set.build(`relation ${a.relation} ${a.direction} of ${e}`, () => {
      const found = targets(e, a);
      const keys = [...found.keys()].sort(byText);
      return {
        question: a.text(e),
        lang: a.lang,
        kind: 'relation',
        dataset: 'ickg',
        expect: keys,
        minHits: half,
        subjects: [e],
        note: `ICKG (${a.direction === 'in' ? `X ${a.relation} ${e}` : a.direction === 'out' ? `${e} ${a.relation} X` : `${e} ${a.relation} X, either direction`}): ${describeTargets(found)}.`,
      };
    });
  }
  // One question limited to a month: an investor with deals in that month and in others.
  const invests = { relation: '投资', direction: 'out' } as const;
  const investors = known.filter((e) => !drawn.includes(e) && targets(e, invests).size >= 4);
  const byMonth = investors.flatMap((e) =>
    MONTHS.filter((month) => {
      const n = ickg.out([e], '投资', month).size;
      return n >= 2 && n <= 6 && targets(e, invests).size > n;
    }).map((month) => ({ e, month })),
  );
  const { e, month } = pick(lot, byMonth);
  set.build(`relation 投资 of ${e} in ${month}`, () => {
    const found = ickg.out([e], '投资', month);
    const keys = [...found.keys()].sort(byText);
    const others = new Map([...ickg.out([e], '投资')].filter(([k]) => !found.has(k)));
    return {
      question: `${e}在2025年${Number(month.slice(5))}月份出手投了哪些企业？`,
      lang: 'zh',
      kind: 'relation',
      dataset: 'ickg',
      expect: keys,
      minHits: half,
      subjects: [e],
      note: `ICKG (${e} 投资 X) dated ${month}: ${describeTargets(found)}. Its investments dated in other months, which do not answer the question: ${describeTargets(others)}.`,
    };
  });
}
