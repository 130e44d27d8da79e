import type { Context } from '../../shadow/context.js';
import { byText, norm } from '../../shadow/item.js';
import { countForms, DOWN_ZH, numForms, pct, UP_EN, DOWN_EN, UP_ZH } from '../../shadow/keys.js';
import type { Lot } from '../../shadow/prng.js';
import { fresh, need, type SecondSet } from '../collect.js';
import { drawEach, half, pick } from '../pools.js';

function places(ctx: Context, set: SecondSet, lot: Lot): void {
  const demo = ctx.demo;
  const districts = demo.nodes
    .filter(
      (n) => n.type === 'Region' && n.props.level === 'district' && fresh(n.name) && n.aliases.every(fresh),
    )
    .map((n) => n.name)
    .sort(byText);
  const size = (r: string) => demo.enterprisesIn(r).length;
  const [listed, listedEn, counted] = drawEach(lot, districts, [
    (r) => size(r) >= 4 && size(r) <= 9,
    (r) => size(r) >= 3 && size(r) <= 9,
    (r) => size(r) >= 2,
  ]);
  const lists = [
    { r: listed!, question: `${listed}那边有哪些演示企业？`, lang: 'zh' as const },
    { r: listedEn!, question: `Which demo enterprises are based in ${listedEn}?`, lang: 'en' as const },
  ];
  for (const { r, question, lang } of lists) {
    set.build(`demo_chain enterprises in ${r}`, () => {
      const found = demo.enterprisesIn(r);
      return {
        question,
        lang,
        kind: 'demo_chain',
        dataset: 'demo',
        expect: found.map((e) => e.name),
        minHits: (n) => half(n, 4),
        subjects: [r],
        note: `demo edges.jsonl LOCATED_IN region:${r}: ${found.map((e) => `${e.name}@${e.line}`).join(', ')}.`,
      };
    });
  }
  set.build(`demo_chain enterprise count of ${counted}`, () => {
    const found = demo.enterprisesIn(counted!);
    return {
      question: `${counted}一共落了几家演示企业？`,
      lang: 'zh',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: countForms(found.length, false),
      minHits: 1,
      subjects: [counted!],
      note: `demo edges.jsonl LOCATED_IN region:${counted}: ${found.length} (${found.map((e) => `${e.name}@${e.line}`).join(', ')}).`,
    };
  });
}

function companies(ctx: Context, set: SecondSet, lot: Lot): void {
  const demo = ctx.demo;
  const enterprises = demo.nodes
    .filter((n) => n.type === 'Enterprise' && fresh(n.name) && n.aliases.every(fresh))
    .sort((a, b) => byText(a.name, b.name));
  const names = enterprises.map((n) => n.name);
  const stakes = (e: string, type: 'CONTROLS' | 'INVESTS_IN') => demo.stakes(e, type, 'out');
  const [bought, sold, controller, investor, classified] = drawEach(lot, names, [
    (e) => demo.supplies(e, 'in').length >= 4 && demo.supplies(e, 'in').length <= 8,
    (e) => demo.supplies(e, 'out').length >= 3 && demo.supplies(e, 'out').length <= 8,
    (e) => stakes(e, 'CONTROLS').length >= 1,
    (e) => stakes(e, 'INVESTS_IN').length >= 2,
    (e) => demo.edgesOf(e, 'IN_INDUSTRY', 'out', 'Enterprise').length >= 1,
  ]);
  set.build(`demo_chain suppliers of ${bought}`, () => {
    const found = demo.supplies(bought!, 'in');
    return {
      question: `哪些企业直接给${bought}供货？`,
      lang: 'zh',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: found.map((s) => s.name),
      minHits: (n) => half(n, 4),
      subjects: [bought!],
      note: `demo edges.jsonl SUPPLIES into ${bought}: ${found.map((s) => `${s.name}${JSON.stringify(s.products)}@${s.line}`).join(', ')}.`,
    };
  });
  set.build(`demo_chain customers of ${sold}`, () => {
    const found = demo.supplies(sold!, 'out');
    return {
      question: `演示链里 ${sold} 的 customers 都有哪些？`,
      lang: 'mixed',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: found.map((s) => s.name),
      minHits: (n) => half(n, 4),
      subjects: [sold!],
      note: `demo edges.jsonl SUPPLIES from ${sold}: ${found.map((s) => `${s.name}${JSON.stringify(s.products)}@${s.line}`).join(', ')}.`,
    };
  });
  set.build(`demo_chain control stakes of ${controller}`, () => {
    const found = stakes(controller!, 'CONTROLS');
    return {
      question: `${controller}控股了哪些企业？各持股多少？`,
      lang: 'zh',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: [...found.map((s) => s.name), ...found.map((s) => pct(s.stake)[1] ?? pct(s.stake)[0]!)],
      minHits: (n) => Math.min(n, 2 * found.length),
      subjects: [controller!],
      note: `demo edges.jsonl CONTROLS from ${controller}: ${found.map((s) => `${s.name} stake ${s.stake}@${s.line}`).join(', ')}.`,
    };
  });
  set.build(`demo_chain minority stakes of ${investor}`, () => {
    const found = stakes(investor!, 'INVESTS_IN');
    return {
      question: `Which companies does ${investor} hold minority stakes (参股) in, per the demo data?`,
      lang: 'en',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: found.map((s) => s.name),
      minHits: (n) => Math.min(n, 2),
      subjects: [investor!],
      note: `demo edges.jsonl INVESTS_IN from ${investor}: ${found.map((s) => `${s.name} stake ${s.stake}@${s.line}`).join(', ')}.`,
    };
  });
  set.build(`demo_chain industry of ${classified}`, () => {
    const found = demo.edgesOf(classified!, 'IN_INDUSTRY', 'out', 'Enterprise');
    return {
      question: `${classified}属于哪个行业？`,
      lang: 'zh',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: found.map((e) => demo.nameOf(e.to)),
      minHits: 1,
      subjects: [classified!],
      note: `demo edges.jsonl IN_INDUSTRY ${classified} -> ${found.map((e) => `${demo.nameOf(e.to)}@${e.line}`).join(', ')}.`,
    };
  });
  const taken = new Set([bought, sold, controller, investor, classified]);
  const aliased = enterprises.filter(
    (n) =>
      !taken.has(n.name) &&
      demo.productsOf(n.name).length >= 2 &&
      n.aliases.some((a) => !norm(a).includes(norm(n.name)) && !norm(n.name).includes(norm(a))),
  );
  const node = pick(lot, aliased);
  const alias = node.aliases.find(
    (a) => !norm(a).includes(norm(node.name)) && !norm(node.name).includes(norm(a)),
  )!;
  set.build(`demo_chain products of ${node.name} asked as ${alias}`, () => {
    const made = demo.productsOf(node.name);
    return {
      question: `${alias}主要生产哪些产品？`,
      lang: 'zh',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: made.map((m) => m.name),
      minHits: (n) => Math.min(2, n),
      subjects: [alias],
      note: `demo nodes.jsonl:${node.line} alias ${alias} -> ${node.name}; PRODUCES ${made.map((m) => `${m.name}=${m.weight}@${m.line}`).join(', ')}.`,
    };
  });
  const coded = pick(
    lot,
    enterprises.filter(
      (n) =>
        !taken.has(n.name) && n !== node && typeof n.props.code === 'string' && fresh(String(n.props.code)),
    ),
  );
  set.build(`demo_chain code of ${coded.name}`, () => {
    const full = coded.props.fullName;
    need(typeof full === 'string', `${coded.name} has no fullName`);
    return {
      question: `演示库里代码${String(coded.props.code)}对应哪家企业？工商全称是什么？`,
      lang: 'zh',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: [full],
      minHits: 1,
      subjects: [String(coded.props.code)],
      note: `demo nodes.jsonl:${coded.line} code ${String(coded.props.code)} -> ${coded.name} / ${full}.`,
    };
  });
}

function recipes(ctx: Context, set: SecondSet, lot: Lot): void {
  const demo = ctx.demo;
  const products = demo.nodes
    .filter((n) => n.type === 'Product' && fresh(n.name))
    .map((n) => n.name)
    .sort(byText);
  const [led, listed] = drawEach(lot, products, [
    (p) => {
      const [a, b] = demo.madeFrom(p);
      return !!a && !!b && a.share - b.share >= 0.05;
    },
    (p) => demo.madeFrom(p).length >= 2 && demo.madeFrom(p).length <= 4,
  ]);
  set.build(`demo_chain largest input of ${led}`, () => {
    const inputs = demo.madeFrom(led!);
    return {
      question: `${led}的投入构成里，哪一项占比最大？大概占多少？`,
      lang: 'zh',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: [inputs[0]!.name, ...pct(inputs[0]!.share)],
      minHits: 2,
      subjects: [led!],
      note: `demo edges.jsonl MADE_FROM ${led}: ${inputs.map((x) => `${x.name}=${x.share}@${x.line}`).join(', ')}.`,
    };
  });
  set.build(`demo_chain inputs of ${listed}`, () => {
    const inputs = demo.madeFrom(listed!);
    return {
      question: `What goes into ${listed} in the demo chain, and in what proportions?`,
      lang: 'en',
      kind: 'demo_chain',
      dataset: 'demo',
      expect: [...inputs.map((x) => x.name), ...pct(inputs[0]!.share)],
      minHits: (n) => Math.min(n, inputs.length + 1),
      subjects: [listed!],
      note: `demo edges.jsonl MADE_FROM ${listed}: ${inputs.map((x) => `${x.name}=${x.share}@${x.line}`).join(', ')}. Keys = the inputs and the largest share.`,
    };
  });
}

/** Demo policy passages the earlier sets do not ask about; every key is searched in the file. */
const DEMO_POLICY_ASKS = [
  {
    file: 'brain-2024-workplan.md',
    question: '汽车行业产业大脑工作要点里，首批打算开发哪些应用场景？',
    lang: 'zh' as const,
    keys: ['供应链风险预警', '原材料价格走势分析', '补链招商线索推荐', '政策精准推送'],
    minHits: 3,
  },
  {
    file: 'icv-cluster.md',
    question: '智能网联新能源汽车集群行动计划里，智能驾驶这块要发展哪些感知和决策部件？',
    lang: 'zh' as const,
    keys: ['域控制器', '毫米波雷达', '激光雷达', '车载摄像头'],
    minHits: 3,
  },
  {
    file: 'materials-park.md',
    question:
      'In the demo plan for the battery-materials park, which shared utilities is the park going to build?',
    lang: 'en' as const,
    keys: ['危化品仓储', '污水处理', '蒸汽管网'],
    minHits: 2,
  },
  {
    file: 'light-alloy.md',
    question: '轻合金那份实施意见里，镁合金打算用在哪些零部件上？',
    lang: 'zh' as const,
    keys: ['方向盘骨架', '仪表板支架'],
    minHits: 2,
  },
];

function documents(ctx: Context, set: SecondSet): void {
  const demo = ctx.demo;
  for (const a of DEMO_POLICY_ASKS) {
    set.build(`demo_chain policy ${a.file}`, () => {
      const cited = a.keys.map((k) => `${a.file}:${demo.policyLine(a.file, k)} “${k}”`);
      return {
        question: a.question,
        lang: a.lang,
        kind: 'demo_chain',
        dataset: 'demo',
        expect: a.keys,
        minHits: a.minHits,
        subjects: [],
        note: `demo/policies/${cited.join('; ')} (${demo.front(a.file, 'title')}, ${demo.front(a.file, 'docNo')}).`,
      };
    });
  }
}

function series(ctx: Context, set: SecondSet, lot: Lot): void {
  const demo = ctx.demo;
  const columns = [...demo.seriesMeta.values()]
    .filter((m) => fresh(m.column) && fresh(m.name))
    .filter(
      (m) =>
        demo.cell(m.file, m.column, '2024-12').raw !== '' &&
        demo.cell(m.file, m.column, '2025-12').raw !== '',
    )
    .sort((a, b) => byText(`${a.file}|${a.column}`, `${b.file}|${b.column}`));
  const [price, volume] = drawEach(lot, columns, [(m) => m.kind === 'price', (m) => m.kind !== 'price']);
  for (const [m, lang] of [
    [price!, 'zh'],
    [volume!, 'en'],
  ] as const) {
    set.build(`demo_chain series ${m.file} ${m.column}`, () => {
      const before = demo.cell(m.file, m.column, '2024-12');
      const after = demo.cell(m.file, m.column, '2025-12');
      const [x, y] = [Number(before.raw), Number(after.raw)];
      need(Number.isFinite(x) && Number.isFinite(y) && x !== y, `${m.column}: no change to ask about`);
      const up = y > x;
      const decimals = after.raw.includes('.') ? [after.raw.split('.')[1]!.length] : [0];
      const question =
        lang === 'zh'
          ? `演示数据里，${m.name}2025年12月比上年同月是涨了还是跌了？12月是多少？`
          : `In the demo series, was ${m.name} in December 2025 higher or lower than a year earlier, and what was the December 2025 figure?`;
      return {
        question,
        lang,
        kind: 'demo_chain',
        dataset: 'demo',
        expect: [
          ...(lang === 'zh' ? (up ? UP_ZH : DOWN_ZH) : up ? UP_EN : DOWN_EN),
          ...numForms(y, decimals),
        ],
        minHits: 2,
        subjects: [m.name],
        note: `demo ${m.file} column ${m.column} (${m.name}, ${m.unit}): 2024-12=${before.raw} (line ${before.line}), 2025-12=${after.raw} (line ${after.line}); ${up ? 'up' : 'down'} ${(((y - x) / x) * 100).toFixed(1)}%.`,
      };
    });
  }
}

export function demoChainItems(ctx: Context, set: SecondSet): void {
  const lot = set.lot('demo_chain');
  places(ctx, set, lot);
  companies(ctx, set, lot);
  recipes(ctx, set, lot);
  documents(ctx, set);
  series(ctx, set, lot);
}
