import { FACTOR_LABELS, LEVEL_LABELS } from '../risk/composite.js';
import type { Outlook } from '../risk/prices.js';
import type { BriefingData, Lang, RankedRisk } from './gather.js';
import type { Ref } from './position.js';
import type { Action, Producer } from './recommend.js';

/** Text with the names in it kept as references, so HTML can link them and other formats print them. */
export type Phrase = Array<string | Ref>;

export const plain = (p: Phrase): string => p.map((x) => (typeof x === 'string' ? x : x.name)).join('');

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;

/** Names joined by the language's list separator, each kept as a reference. */
function list(refs: readonly Ref[], lang: Lang, extra?: (r: Ref) => string): Phrase {
  const out: Phrase = [];
  for (const [i, r] of refs.entries()) {
    if (i > 0) out.push(lang === 'zh' ? '、' : ', ');
    out.push(r);
    const more = extra?.(r);
    if (more) out.push(more);
  }
  return out;
}

const where = (p: Producer, lang: Lang) =>
  p.province ? (lang === 'zh' ? `（${p.province}）` : ` (${p.province})`) : '';

/**
 * Why a ranked product scores as it does (its largest factor contributions) and where it sits
 * relative to the subject: the chain of inputs through which it reaches it, and its share.
 */
export function whyRanks(r: RankedRisk, rank: number, subject: string, lang: Lang): Phrase {
  const zh = lang === 'zh';
  const parts = r.drivers.map((d) => `${d.label[lang]} ${d.points.toFixed(1)}${zh ? ' 分' : ' pts'}`);
  const out: Phrase = [
    zh
      ? `第 ${rank} 位，${r.score.toFixed(1)} 分，得分主要来自${parts.join('、')}。`
      : `Ranks #${rank} at ${r.score.toFixed(1)}, mostly from ${parts.join(', ')}.`,
  ];
  const at = r.position;
  if (at && at.tier === 0) out.push(zh ? '即分析对象本身。' : ' It is the subject itself.');
  else if (at) {
    out.push(
      zh
        ? `位于${subject}上游第 ${at.tier} 级（图中 #${rank}）：`
        : ` Tier-${at.tier} input of ${subject} (#${rank} on the map): `,
    );
    for (const [i, step] of at.path.entries()) {
      if (i > 0) out.push(' → ');
      out.push(step);
    }
    if (at.share !== undefined)
      out.push(
        zh
          ? `，按投入占比约合${subject}投入的 ${pct(at.share)}。`
          : `, about ${pct(at.share)} of ${subject}'s inputs by recorded shares.`,
      );
    else out.push(zh ? '。' : '.');
  }
  return out;
}

function secure(a: Extract<Action, { kind: 'secure' }>, lang: Lang): { title: Phrase; body: Phrase } {
  const zh = lang === 'zh';
  const level = LEVEL_LABELS[a.level][lang];
  const title: Phrase = zh
    ? ['稳住薄弱环节：', a.product, `（第 ${a.rank} 位，${a.score.toFixed(1)} 分，${level}）`]
    : ['Secure a weak link: ', a.product, ` (#${a.rank}, ${a.score.toFixed(1)}, ${level})`];
  const body: Phrase = [];
  const [first, ...others] = a.ranked;
  if (!first) body.push(zh ? '图谱中没有其生产企业记录' : 'No producer of it is recorded');
  else if (a.producers === 1)
    body.push(
      ...(zh
        ? ['目前仅 1 家生产企业（', first, `${first.province ? `，${first.province}` : ''}）`]
        : ['Only one producer makes it (', first, `${first.province ? `, ${first.province}` : ''})`]),
    );
  else
    body.push(
      ...(zh
        ? [
            `现有 ${a.producers} 家生产企业，`,
            first,
            first.share !== undefined ? `占 ${pct(first.share)}` : '规模最大',
          ]
        : [
            `${a.producers} producers make it; `,
            first,
            first.share !== undefined ? ` holds ${pct(first.share)}` : ' is the largest',
          ]),
    );
  if (a.onlyProvince && a.producers > 1)
    body.push(zh ? `，全部位于${a.onlyProvince}` : `, all in ${a.onlyProvince}`);
  body.push(zh ? '。' : '. ');
  if (others.length > 0)
    body.push(
      ...(zh
        ? ['建议提高', ...list(others, lang), '等其他生产企业的采购份额，分散对单一来源的依赖']
        : ['Shift volume towards ', ...list(others, lang), ' to spread the dependence on one source']),
    );
  else if (first)
    body.push(
      zh
        ? '建议培育第二供应来源，签订备份供货协议，避免单点断供'
        : 'Qualify a second source under a standby supply agreement, so one outage cannot stop supply',
    );
  if (a.drivers.includes('geography') && a.onlyProvince)
    body.push(
      zh
        ? `，并在${a.onlyProvince}以外布局备份产能或储备`
        : `, and hold back-up capacity or stock outside ${a.onlyProvince}`,
    );
  if (a.thinInputs.length > 0)
    body.push(
      ...(zh
        ? ['；其上游', ...list(a.thinInputs, lang), '也仅有一家生产企业，需向上游延伸保障']
        : [
            '; its own inputs ',
            ...list(a.thinInputs, lang),
            ' have a single producer each, so secure them too',
          ]),
    );
  body.push(zh ? '。' : '.');
  if (a.gap) {
    const { region, local, candidates } = a.gap;
    body.push(
      ...(zh
        ? [
            local === 0
              ? `${region.name}内尚无生产企业，建议列入补链招商清单`
              : `${region.name}内仅 1 家生产企业，建议引进第二家`,
          ]
        : [
            local === 0
              ? ` ${region.name} has no producer of it: put it on the chain-gap investment list`
              : ` ${region.name} has a single producer of it: attract a second`,
          ]),
    );
    if (candidates.length > 0)
      body.push(
        ...(zh
          ? ['，可优先对接', ...list(candidates, lang, (r) => where(r as Producer, lang))]
          : [', starting with ', ...list(candidates, lang, (r) => where(r as Producer, lang))]),
      );
    body.push(zh ? '。' : '.');
  }
  return { title, body };
}

function price(a: Extract<Action, { kind: 'price' }>, lang: Lang): { title: Phrase; body: Phrase } {
  const zh = lang === 'zh';
  const body: Phrase = [];
  const item = (x: (typeof a.rising)[number], dir: 'rise' | 'fall') => [
    x.product,
    zh
      ? `（${signed(x.changePct)}，${dir === 'rise' ? '上涨' : '下跌'}概率 ${pct(x.probability, 0)}）`
      : ` (${signed(x.changePct)}, ${pct(x.probability, 0)} likely to ${dir})`,
  ];
  const join = (xs: typeof a.rising, dir: 'rise' | 'fall'): Phrase =>
    xs.flatMap((x, i) => [...(i > 0 ? [zh ? '、' : ', '] : []), ...item(x, dir)]);
  if (a.rising.length > 0)
    body.push(
      ...(zh
        ? [
            '未来 12 个月价格预计上涨：',
            ...join(a.rising, 'rise'),
            '。建议与供应商签订长期协议锁定价格，对这些投入建立安全库存，有期货品种的开展套期保值。',
          ]
        : [
            'Prices expected to rise over 12 months: ',
            ...join(a.rising, 'rise'),
            '. Lock in prices with long-term contracts, hold safety stock of these inputs, and hedge where a futures market exists. ',
          ]),
    );
  if (a.falling.length > 0)
    body.push(
      ...(zh
        ? ['价格预计下跌：', ...join(a.falling, 'fall'), '。建议分批采购，避免在高位签订长期合同。']
        : [
            'Prices expected to fall: ',
            ...join(a.falling, 'fall'),
            '. Buy in tranches and avoid long contracts at today’s price.',
          ]),
    );
  return { title: [zh ? '应对价格波动' : 'Manage price moves'], body };
}

/** One recommendation as a title and a body, in the briefing's language. */
export function actionPhrase(a: Action, lang: Lang): { title: Phrase; body: Phrase } {
  const zh = lang === 'zh';
  switch (a.kind) {
    case 'secure':
      return secure(a, lang);
    case 'price':
      return price(a, lang);
    case 'backup':
      return {
        title: zh ? ['备份主要供应商：', a.enterprise] : ['Back up the main supplier: ', a.enterprise],
        body: zh
          ? [
              '若',
              a.enterprise,
              `退出供应，${a.product.name}下游最大供给缺口 ${a.supplyLossPct.toFixed(1)}%，波及 ${a.productsAffected} 种产品。`,
              ...(a.others.length > 0
                ? [
                    '建议与',
                    ...list(a.others, lang, (r) => where(r as Producer, lang)),
                    '签订备份供货协议，并定期核实其产能余量。',
                  ]
                : ['目前没有其他生产企业，建议引进第二家生产企业。']),
            ]
          : [
              'If ',
              a.enterprise,
              ` stops supplying, the largest downstream supply gap is ${a.supplyLossPct.toFixed(1)}% and ${a.productsAffected} products are affected. `,
              ...(a.others.length > 0
                ? [
                    'Sign standby supply agreements with ',
                    ...list(a.others, lang, (r) => where(r as Producer, lang)),
                    ' and check their spare capacity regularly.',
                  ]
                : ['No other producer is recorded: attract a second one.']),
            ],
      };
    case 'policy': {
      const name = zh ? `《${a.policy.name}》` : `“${a.policy.name}”`;
      const docNo = a.policy.docNo ? (zh ? `（${a.policy.docNo}）` : ` (${a.policy.docNo})`) : '';
      const levers = zh ? a.levers.join('、') : a.levers.map((l) => LEVER_EN[l] ?? l).join(', ');
      return {
        title: [zh ? `用好政策工具：${name}` : `Use the policy levers of ${name}`],
        body: zh
          ? [
              `该文件${docNo}[${a.policy.cite}]提供${levers}等措施，`,
              ...(a.products.length > 0
                ? ['建议优先用于', ...list(a.products, lang), '等薄弱环节。']
                : ['建议对照本简报的重点风险逐项落实。']),
            ]
          : [
              `The document${docNo} [${a.policy.cite}] provides ${levers}; `,
              ...(a.products.length > 0
                ? ['apply them first to ', ...list(a.products, lang), '.']
                : ['apply them to the ranked risks above.']),
            ],
      };
    }
    case 'data':
      return {
        title: [zh ? '补齐数据缺口' : 'Close the data gaps'],
        body: [
          zh
            ? `${a.missing.map((m) => `${FACTOR_LABELS[m.name].zh}（${m.reason.zh}）`).join('；')}。补充这些数据后，下一期简报即可计入相应因子。`
            : `${a.missing.map((m) => `${FACTOR_LABELS[m.name].en} (${m.reason.en})`).join('; ')}. With these data the next briefing can measure these factors.`,
        ],
      };
  }
}

const LEVER_EN: Record<string, string> = {
  补链强链: 'chain-strengthening measures',
  招商引资: 'investment attraction',
  本地配套: 'local sourcing support',
  资金支持: 'funding and subsidies',
  资源锁定: 'long-term supply and resource deals',
  监测预警: 'monitoring and early warning',
};

/** Compact figures: a few significant digits, thousands separated. */
export function figure(x: number): string {
  const a = Math.abs(x);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : 3;
  return x.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** The forecast at the horizon with its 80% interval (already clipped at zero). */
export function horizonLine(o: Outlook, lang: Lang): string {
  const end = o.points[o.points.length - 1];
  if (!end) return '';
  const unit = o.unit ? (lang === 'zh' ? ` ${o.unit}` : ` ${o.unit}`) : '';
  const when = end.date ? end.date.slice(0, 7) : '';
  const lo = end.lo80;
  const hi = end.hi80;
  const band = lo !== undefined && hi !== undefined ? `${figure(lo)}–${figure(hi)}${unit}` : '';
  return lang === 'zh'
    ? `预测期末${when ? `（${when}）` : ''}：${figure(end.mean)}${unit}${band ? `，80% 区间 ${band}` : ''}。`
    : `At the horizon${when ? ` (${when})` : ''}: ${figure(end.mean)}${unit}${band ? `, 80% interval ${band}` : ''}.`;
}

export const actionsOf = (d: BriefingData) => d.actions.map((a) => actionPhrase(a, d.lang));
