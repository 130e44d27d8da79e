import { stockCode } from '../../knowledge-graph/resolve/normalise.js';
import {
  canSee,
  type NodeType,
  type Principal,
  SYSTEM_PRINCIPAL,
} from '../../knowledge-graph/schema/index.js';
import type { GraphStore } from '../../knowledge-graph/store/port.js';
import { type DictionaryEntry, EntityLinker } from '../../retrieval/link.js';
import { ENGLISH_NAMES } from './glossary.js';
import type { LinkedEntity } from './schema.js';

const LINKED: readonly NodeType[] = ['Enterprise', 'Product', 'Industry', 'Region', 'Policy'];

interface Meta {
  name: string;
  type: NodeType;
  /** Stated by a curated source (confidence 1): a listed company or chain product, not a news mention. */
  strong: boolean;
  aliases: readonly string[];
  fullName?: string;
}

/**
 * Words that ask rather than name: the chain data holds products called 产品, 服务 or 上游, which
 * would otherwise be linked in every question.
 */
const QUESTION_WORDS = new Set(
  `上游 下游 产品 主要产品 企业 公司 供应商 客户 价格 政策 行业 产业 产业链 生产 哪些 多少 预测 趋势 走势 风险 竞争 竞争对手 合作 投资 控股 路径 关系 材料 原材料 地区 区域 数据 信息 服务 技术 市场 销售 供应 需求 产量 销量 未来 全国 中国 其他 其它 什么 哪家 哪个 情况 介绍 生产企业 制造 制造商 供货 采购 股东 母公司 子公司 数量 排名 前三 前五 一级 二级 三级 断供 停产 影响 如果 假设 支持 文件 通知 要求 建设 大脑 产业大脑 行业大脑 重点 主要 相关 所属 属于 哪里 位于 之间 联系 关联 收入 营收 占比 最高 最多 代码 股票 上市 分布 各区 区县 什么时候 怎么 如何 是否 能否 下降 上涨 涨 跌 涨跌 链主 龙头`.split(
    /\s+/,
  ),
);

export interface LinkOutcome {
  entities: LinkedEntity[];
  /** Question spans that looked like names or codes but matched nothing the caller may see. */
  unknown: Array<{ text: string; start: number; end: number }>;
}

/**
 * The names the ask layer recognises: one Aho–Corasick automaton (retrieval/link.ts) per
 * visibility, built once per engine, so a principal is only ever matched against names it may
 * see — a private entity can neither be found nor shadow a public one by a longer name.
 */
export class EntityDictionary {
  private constructor(
    private readonly linkers: ReadonlyMap<string, EntityLinker>,
    private readonly meta: ReadonlyMap<string, Meta>,
    private readonly visibilityOf: ReadonlyMap<string, string>,
    private readonly codes: ReadonlyMap<string, string[]>,
    readonly size: number,
  ) {}

  static async build(graph: GraphStore): Promise<EntityDictionary> {
    const buckets = new Map<string, DictionaryEntry[]>();
    const meta = new Map<string, Meta>();
    const visibilityOf = new Map<string, string>();
    const codes = new Map<string, string[]>();
    for await (const node of graph.scanNodes(LINKED, SYSTEM_PRINCIPAL)) {
      const props = node.props as { code?: unknown; fullName?: unknown; shortName?: unknown };
      const fullName = typeof props.fullName === 'string' ? props.fullName : undefined;
      const english = ENGLISH_NAMES.get(node.name) ?? [];
      const aliases = [...node.aliases, ...(fullName ? [fullName] : []), ...english];
      meta.set(node.id, {
        name: node.name,
        type: node.type,
        strong: node.provenance.some((p) => (p.confidence ?? 1) >= 1),
        aliases,
        ...(fullName ? { fullName } : {}),
      });
      visibilityOf.set(node.id, node.visibility);
      const bucket = buckets.get(node.visibility) ?? [];
      bucket.push({ id: node.id, name: node.name, aliases });
      buckets.set(node.visibility, bucket);
      if (node.type === 'Enterprise' && typeof props.code === 'string') {
        codes.set(props.code, [...(codes.get(props.code) ?? []), node.id]);
      }
    }
    const linkers = new Map([...buckets].map(([v, entries]) => [v, new EntityLinker(entries)]));
    const size = [...linkers.values()].reduce((n, l) => n + l.size, 0);
    return new EntityDictionary(linkers, meta, visibilityOf, codes, size);
  }

  /** The node's name and type, when the principal may see it. */
  describe(id: string, principal: Principal): { name: string; type: NodeType } | undefined {
    const m = this.meta.get(id);
    return m && canSee(principal, this.visibilityOf.get(id) ?? 'public')
      ? { name: m.name, type: m.type }
      : undefined;
  }

  /**
   * Entities named in the question: stock codes, then names and aliases by longest match; where
   * the same words name several entities, curated sources and exact names win and the rest are
   * kept as alternatives with a lower confidence.
   */
  link(question: string, principal: Principal): LinkOutcome {
    const spans: Array<{ start: number; end: number; text: string; ids: string[]; code: boolean }> = [];
    const unknown: LinkOutcome['unknown'] = [];
    for (const m of question.matchAll(/(?<![\dA-Za-z])(\d{6})(?:\.(?:SH|SZ|BJ|SS))?(?![\dA-Za-z])/gi)) {
      const code = stockCode(m[0]);
      const start = m.index;
      const end = start + m[0].length;
      const ids = (code ? (this.codes.get(code) ?? []) : []).filter((id) => this.visible(id, principal));
      if (ids.length) spans.push({ start, end, text: m[0], ids, code: true });
      else unknown.push({ text: m[0], start, end });
    }
    const found = new Map<string, { start: number; end: number; text: string; ids: Set<string> }>();
    // Folding drops spaces, so an English name can lose to a match across a word gap ("from lithium"
    // → "ml…"); each Latin word start is therefore also matched on its own.
    const starts = [0, ...[...question.matchAll(/(?<=[^A-Za-z])[A-Za-z]/g)].map((m) => m.index)];
    for (const [visibility, linker] of this.linkers) {
      if (!canSee(principal, visibility)) continue;
      const mentions = starts.flatMap((at) =>
        at === 0
          ? linker.find(question)
          : linker
              .find(question.slice(at, at + 60))
              .filter((m) => m.start === 0)
              .map((m) => ({ ...m, start: m.start + at, end: m.end + at })),
      );
      for (const m of mentions) {
        if (QUESTION_WORDS.has(m.text) || !wholeWords(question, m.start, m.end)) continue;
        const key = `${m.start}:${m.end}`;
        const span = found.get(key) ?? { start: m.start, end: m.end, text: m.text, ids: new Set<string>() };
        span.ids.add(m.id);
        found.set(key, span);
      }
    }
    for (const s of found.values()) spans.push({ ...s, ids: [...s.ids], code: false });
    // Longest first, then leftmost; a code always stands (digits never overlap names).
    spans.sort(
      (a, b) => Number(b.code) - Number(a.code) || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
    const taken: Array<{ start: number; end: number }> = [];
    const entities: LinkedEntity[] = [];
    for (const span of spans) {
      if (taken.some((t) => span.start < t.end && t.start < span.end)) continue;
      taken.push(span);
      entities.push(this.resolve(span, span.code));
    }
    entities.sort((a, b) => a.start - b.start);
    return dropSuffixMatches(question, entities, unknown);
  }

  private visible(id: string, principal: Principal): boolean {
    return canSee(principal, this.visibilityOf.get(id) ?? 'public');
  }

  private resolve(
    span: { start: number; end: number; text: string; ids: string[] },
    code: boolean,
  ): LinkedEntity {
    const rank = (id: string): number => {
      const m = this.meta.get(id)!;
      const exact = m.name === span.text || m.fullName === span.text;
      return (m.strong ? 4 : 0) + (exact ? 2 : 0) + (m.type === 'Enterprise' || m.type === 'Product' ? 1 : 0);
    };
    const ranked = [...span.ids].sort((a, b) => rank(b) - rank(a) || a.localeCompare(b));
    const best = ranked[0]!;
    const m = this.meta.get(best)!;
    const ties = ranked.filter((id) => rank(id) === rank(best)).length;
    const base = code || m.name === span.text ? 1 : m.fullName === span.text ? 0.95 : 0.85;
    return {
      id: best,
      name: m.name,
      type: m.type,
      mention: span.text,
      start: span.start,
      end: span.end,
      confidence: Math.round((base / ties) * 100) / 100,
      alternatives: ranked
        .slice(1, 6)
        .map((id) => ({ id, name: this.meta.get(id)!.name, type: this.meta.get(id)!.type })),
    };
  }
}

/** English names match whole words only, so "tire" is not found inside "entire". */
function wholeWords(text: string, start: number, end: number): boolean {
  const letter = /[A-Za-z]/;
  if (letter.test(text[start] ?? '') && letter.test(text[start - 1] ?? '')) return false;
  return !(letter.test(text[end - 1] ?? '') && letter.test(text[end] ?? ''));
}

/** Words that end company names; matched alone after other Han characters they are part of an unknown name. */
const NAME_ENDINGS = new Set(
  '科技 集团 股份 实业 控股 电子 能源 材料 新材料 动力 汽车 智能 技术 机械 电气 电器 化工 锂业 医药 环保 科创 工业'.split(
    ' ',
  ),
);
const STOP_CHARS = /[的和与及是在了吗呢把被从向给对为其该这那哪些有个家]/u;

/**
 * "星辰科技" is an unknown company, not the chain product 科技: a generic name ending matched right
 * after unlinked Han characters is reported as an unknown name instead of linked.
 */
function dropSuffixMatches(
  question: string,
  entities: LinkedEntity[],
  unknown: LinkOutcome['unknown'],
): LinkOutcome {
  const kept: LinkedEntity[] = [];
  for (const e of entities) {
    if (NAME_ENDINGS.has(e.mention) && !entities.some((o) => o.end === e.start)) {
      let start = e.start;
      while (
        start > 0 &&
        e.start - start < 6 &&
        /\p{Script=Han}/u.test(question[start - 1]!) &&
        !STOP_CHARS.test(question[start - 1]!)
      )
        start--;
      if (e.start - start >= 2) {
        unknown.push({ text: question.slice(start, e.end), start, end: e.end });
        continue;
      }
    }
    kept.push(e);
  }
  // Name endings no entity covers ("星辰科技" with no 科技 in the dictionary) are unknown names too.
  for (const ending of NAME_ENDINGS) {
    for (let at = question.indexOf(ending); at >= 0; at = question.indexOf(ending, at + 1)) {
      const end = at + ending.length;
      if ([...kept, ...unknown].some((x) => at < x.end && x.start < end)) continue;
      let start = at;
      while (
        start > 0 &&
        at - start < 6 &&
        /\p{Script=Han}/u.test(question[start - 1]!) &&
        !STOP_CHARS.test(question[start - 1]!)
      )
        start--;
      if (at - start >= 2 && !kept.some((x) => start < x.end && x.start < end))
        unknown.push({ text: question.slice(start, end), start, end });
    }
  }
  unknown.sort((a, b) => a.start - b.start);
  return { entities: kept, unknown };
}
