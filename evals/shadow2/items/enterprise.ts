import type { CompanyRow } from '../../shadow/data/chainkg.js';
import { quoteCompany } from '../../shadow/data/chainkg.js';
import type { Context } from '../../shadow/context.js';
import { dateForms, EXCHANGE, monthForms, pct } from '../../shadow/keys.js';
import { need, type SecondDraft, type SecondSet } from '../collect.js';
import { cleanCompanies, clearLines, drawEach, industryKey } from '../pools.js';

type Lang = 'zh' | 'en';

interface Template {
  /** Which companies the question suits. */
  fits: (c: CompanyRow) => boolean;
  make: (c: CompanyRow) => Omit<SecondDraft, 'kind' | 'dataset' | 'subjects' | 'note'>;
}

function exchangeOf(c: CompanyRow): { forms: readonly string[]; suffix: string } {
  const forms = EXCHANGE[c.location];
  need(forms, `${c.name}: unknown exchange ${c.location}`);
  return { forms, suffix: c.location === '上海证券交易所' ? 'SH' : 'SZ' };
}

const ask = (question: string, lang: Lang) => ({ question, lang });

export function enterpriseItems(ctx: Context, set: SecondSet): void {
  const ck = ctx.chainkg;
  const chain = (c: CompanyRow) => ck.industryChain(c.code, 3);
  const code6 = (c: CompanyRow) => c.code.slice(0, 6);
  const always = () => true;
  const distinctTop = (n: number) => (c: CompanyRow) => clearLines(ck, c, n).length > 0;
  const lines = (c: CompanyRow, n: number) => clearLines(ck, c, n);
  const threeLevels = (c: CompanyRow) => chain(c).length === 3;
  const templates: Template[] = [
    {
      fits: always,
      make: (c) => ({ ...ask(`${c.name}的工商注册全称是啥？`, 'zh'), expect: [c.fullname], minHits: 1 }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`What's the full registered company name of ${c.name}?`, 'en'),
        expect: [c.fullname],
        minHits: 1,
      }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`您好，请问股票代码${code6(c)}对应的是哪家上市公司？`, 'zh'),
        expect: [c.name, c.fullname],
        minHits: 1,
      }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`Which listed company trades as ${code6(c)}.${exchangeOf(c).suffix}?`, 'en'),
        expect: [c.name, c.fullname],
        minHits: 1,
      }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`${c.fullname}在哪个交易所挂牌？代码多少？`, 'zh'),
        expect: [code6(c), ...exchangeOf(c).forms],
        minHits: (n) => Math.min(2, n),
      }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`What is the stock code of ${c.fullname}, and which exchange is it on?`, 'en'),
        expect: [code6(c), ...exchangeOf(c).forms],
        minHits: (n) => Math.min(2, n),
      }),
    },
    {
      fits: always,
      make: (c) => ({ ...ask(`${c.name}是哪天登陆A股的？`, 'zh'), expect: dateForms(c.time), minHits: 1 }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`When did ${c.name} go public? I need the exact listing date.`, 'en'),
        expect: dateForms(c.time),
        minHits: 1,
      }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`${c.name}的股票代码和上市日期分别是多少？`, 'zh'),
        expect: [code6(c), ...dateForms(c.time)],
        minHits: (n) => Math.min(2, n),
      }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`${c.name}哪年几月上的市？`, 'zh'),
        expect: monthForms(c.time.slice(0, 7), false),
        minHits: 1,
      }),
    },
    {
      fits: distinctTop(2),
      make: (c) => {
        const [top] = lines(c, 2);
        return {
          ...ask(`${c.name}收入里占比最大的是哪块业务？大概占几成？`, 'zh'),
          expect: [top!.product, ...pct(top!.weight)],
          minHits: (n) => Math.min(2, n),
        };
      },
    },
    {
      fits: distinctTop(2),
      make: (c) => {
        const [a, b] = lines(c, 2);
        return {
          ...ask(`What are the two biggest revenue lines of ${c.name}?`, 'en'),
          expect: [a!.product, b!.product],
          minHits: (n) => Math.min(2, n),
        };
      },
    },
    {
      fits: distinctTop(3),
      make: (c) => {
        const [a, b, d] = lines(c, 3);
        return {
          ...ask(`帮忙看下${c.name}的营收结构：主要几块业务，最大那块占多少？`, 'zh'),
          expect: [a!.product, b!.product, d!.product, ...pct(a!.weight)],
          minHits: (n) => Math.min(3, n),
        };
      },
    },
    {
      fits: distinctTop(2),
      make: (c) => {
        const top = lines(c, 2).slice(0, 2);
        return {
          ...ask(`${c.name}这家公司主要靠卖什么挣钱？`, 'zh'),
          expect: top.map((h) => h.product),
          minHits: 1,
        };
      },
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`按申万口径，${c.name}归在哪个三级行业？`, 'zh'),
        expect: [industryKey(chain(c)[0]!.industry)],
        minHits: 1,
      }),
    },
    {
      fits: (c) => chain(c).length >= 2,
      make: (c) => ({
        ...ask(
          `Which Shenwan level-3 industry is ${c.name} classified under, and what is its level-2 parent?`,
          'en',
        ),
        expect: chain(c)
          .slice(0, 2)
          .map((x) => x.industry),
        minHits: (n) => Math.min(2, n),
      }),
    },
    {
      fits: threeLevels,
      make: (c) => ({
        ...ask(`${c.name}的SW一级、二级、三级行业分别是什么？`, 'zh'),
        expect: chain(c).map((x) => x.industry),
        minHits: (n) => Math.min(3, n),
      }),
    },
    {
      fits: always,
      make: (c) => ({
        ...ask(`Is ${c.name} listed in Shanghai or Shenzhen, and since what year?`, 'en'),
        expect: [
          ...exchangeOf(c).forms.filter((f) => f !== 'Shanghai' && f !== 'Shenzhen'),
          c.time.slice(0, 4),
        ],
        minHits: (n) => Math.min(2, n),
      }),
    },
  ];
  const lot = set.lot('enterprise_facts');
  const drawn = drawEach(
    lot,
    cleanCompanies(ck),
    templates.map((t) => t.fits),
  );
  for (const [i, c] of drawn.entries()) {
    const t = templates[i]!;
    set.build(`enterprise_facts #${i + 1} about ${c.name}`, () => {
      const draft = t.make(c);
      const held = ck
        .productsOf(c.code)
        .slice(0, 4)
        .map((h) => `company_product.jsonl:${h.line} ${h.product}=${h.weight}`);
      const ind = chain(c)
        .map((x) => `${x.source} ${x.industry}`)
        .join(' -> ');
      return {
        ...draft,
        kind: 'enterprise_facts',
        dataset: 'chainkg',
        subjects: draft.question.includes(c.fullname)
          ? [c.fullname]
          : draft.question.includes(c.name)
            ? [c.name]
            : [c.code.slice(0, 6)],
        note: `${quoteCompany(c)}; ${held.join('; ')}; ${ind}.`,
      };
    });
  }
}
