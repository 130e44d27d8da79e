import { foldName, stockCode } from '../../../knowledge-graph/resolve/normalise.js';
import {
  canSee,
  type GraphNode,
  type NodeType,
  type Principal,
  SYSTEM_PRINCIPAL,
} from '../../../knowledge-graph/schema/index.js';
import type { SeriesStore } from '../../../knowledge-graph/series/port.js';
import type { GraphStore } from '../../../knowledge-graph/store/port.js';
import { type DictionaryEntry, EntityLinker } from '../../../retrieval/link.js';
import type { LinkedEntity } from '../schema.js';
import { isMaterialCharacter, isOrdinaryWord, isQuestionWord } from './common-words.js';
import { ENGLISH_NAMES } from './english.js';
import { inferRegion } from '../../../knowledge-graph/resolve/region.js';
import { companyKeys } from './names.js';
import { TypoIndex } from './typos.js';
import { unknownNames } from './unknown.js';
import { wordsOf } from './words.js';

const LINKED: readonly NodeType[] = ['Enterprise', 'Product', 'Industry', 'Region', 'Policy'];

export interface NodeMeta {
  id: string;
  name: string;
  type: NodeType;
  visibility: string;
  /** Stated by a curated source (confidence 1): a listed company or chain product, not a news mention. */
  strong: boolean;
  /** Folded spellings that name it exactly: name, aliases, registered name, English names. */
  exact: ReadonlySet<string>;
  code?: string;
}

export interface Unknown {
  text: string;
  start: number;
  end: number;
  /** Names the data does hold inside the unknown one, said in a refusal as what is near. */
  near?: string[];
}

export interface LinkOutcome {
  entities: LinkedEntity[];
  /** Spans that look like company names or stock codes but match nothing the caller may see. */
  unknown: Unknown[];
}

/** A shorter spelling indexed for matching: long enough not to be an ordinary word. */
const MIN_VARIANT_LENGTH = 3;
/** A spelling shared by more nodes than this is a common word, not one company's name. */
const MAX_KEY_NODES = 4;

/**
 * The names the ask layer recognises, built once per graph version: one Aho–Corasick automaton
 * (retrieval/link.ts) per visibility, so a principal is only ever matched against names it may
 * see; company spelling keys (names.ts) that tie 长安汽车, 重庆长安汽车股份有限公司 and 长安
 * together; English names; and a one-typo index for names a question misspells.
 */
export class EntityDictionary {
  private constructor(
    private readonly linkers: ReadonlyMap<string, EntityLinker>,
    private readonly meta: ReadonlyMap<string, NodeMeta>,
    private readonly codes: ReadonlyMap<string, string[]>,
    /** Company spelling key → the enterprises it may mean. */
    private readonly keyed: ReadonlyMap<string, string[]>,
    private readonly keysOf: ReadonlyMap<string, readonly string[]>,
    private readonly typos: TypoIndex,
    /** One-character names (铜, 锂), which the automaton leaves out, by visibility. */
    private readonly singles: ReadonlyMap<string, ReadonlyMap<string, string[]>>,
    /** Product names that end longer product names (电池 in 锂电池): heads of compound names. */
    private readonly heads: ReadonlySet<string>,
    readonly size: number,
  ) {}

  static async build(graph: GraphStore, series?: SeriesStore): Promise<EntityDictionary> {
    const meta = new Map<string, NodeMeta>();
    const codes = new Map<string, string[]>();
    const entries = new Map<string, DictionaryEntry[]>();
    const keysOf = new Map<string, string[]>();
    const keyed = new Map<string, string[]>();
    const typos = new TypoIndex();
    const singles = new Map<string, Map<string, string[]>>();
    const products = new Set<string>();
    const add = (node: GraphNode) => {
      if (node.type === 'Product') products.add(foldName(node.name));
      const props = node.props as { code?: unknown; fullName?: unknown; nameZh?: unknown };
      const fullName = typeof props.fullName === 'string' ? props.fullName : undefined;
      const names = [node.name, ...node.aliases, ...(fullName ? [fullName] : [])];
      if (typeof props.nameZh === 'string') names.push(props.nameZh);
      const english = names.flatMap((n) => ENGLISH_NAMES.get(n) ?? []);
      const code = node.type === 'Enterprise' && typeof props.code === 'string' ? props.code : undefined;
      meta.set(node.id, {
        id: node.id,
        name: node.name,
        type: node.type,
        visibility: node.visibility,
        strong: node.provenance.some((p) => (p.confidence ?? 1) >= 1),
        exact: new Set([...names, ...english].map(foldName)),
        ...(code ? { code } : {}),
      });
      if (code) codes.set(code, [...(codes.get(code) ?? []), node.id]);
      if (node.type === 'Enterprise') {
        // English names a glossary gives tie a company to its news-graph spellings (Microsoft, 微软).
        const keys = [...new Set([...names, ...english].flatMap(companyKeys))];
        keysOf.set(node.id, keys);
        for (const key of keys) keyed.set(key, [...(keyed.get(key) ?? []), node.id]);
      }
      // Typos are looked for in company names only: product names are too often ordinary phrases.
      if (node.type === 'Enterprise') typos.add(node.name, node.id);
      const bucket = entries.get(node.visibility) ?? [];
      bucket.push({ id: node.id, name: node.name, aliases: [...names.slice(1), ...english] });
      entries.set(node.visibility, bucket);
      for (const one of names.map(foldName).filter((n) => [...n].length === 1)) {
        const byChar = singles.get(node.visibility) ?? new Map<string, string[]>();
        byChar.set(one, [...(byChar.get(one) ?? []), node.id]);
        singles.set(node.visibility, byChar);
      }
    };
    for await (const node of graph.scanNodes(LINKED, SYSTEM_PRINCIPAL)) add(node);
    for (const s of series ? await series.list({}, SYSTEM_PRINCIPAL) : []) add(s);

    // Spellings that are one company's shorter names join its entry; shared, short or ordinary ones do not.
    for (const [key, ids] of keyed) {
      const distinct = [...new Set(ids)];
      keyed.set(key, distinct);
      if (distinct.length !== 1 || [...key].length < MIN_VARIANT_LENGTH || isQuestionWord(key)) continue;
      const m = meta.get(distinct[0]!)!;
      if (m.exact.has(key)) continue;
      entries.get(m.visibility)!.push({ id: m.id, name: key });
    }
    const linkers = new Map([...entries].map(([v, list]) => [v, new EntityLinker(list)]));
    const size = [...linkers.values()].reduce((n, l) => n + l.size, 0);
    const heads = new Set<string>();
    for (const name of products) {
      const chars = [...name];
      for (let k = 1; k < Math.min(5, chars.length); k++) {
        const suffix = chars.slice(-k).join('');
        if (products.has(suffix)) heads.add(suffix);
      }
    }
    return new EntityDictionary(linkers, meta, codes, keyed, keysOf, typos, singles, heads, size);
  }

  /** The node's name and type, when the principal may see it. */
  describe(id: string, principal: Principal): { name: string; type: NodeType } | undefined {
    const m = this.meta.get(id);
    return m && canSee(principal, m.visibility) ? { name: m.name, type: m.type } : undefined;
  }

  private visible(id: string, principal: Principal): boolean {
    const m = this.meta.get(id);
    return !!m && canSee(principal, m.visibility);
  }

  /**
   * Entities named in the question: stock codes, then names, aliases and spellings by longest
   * match, then one-character typos in what is left. Words that ask rather than name are skipped;
   * where the same words name several entities, curated sources and exact names win and the rest
   * are kept as alternatives with a lower confidence.
   */
  link(text: string, principal: Principal): LinkOutcome {
    const { starts: boundaries, words: tokens, spans: wordSpans } = wordsOf(text);
    type Span = { start: number; end: number; text: string; ids: Set<string>; code: boolean };
    const spans: Span[] = [];
    const unknown: Unknown[] = [];
    for (const m of text.matchAll(/(?<![\dA-Za-z])(\d{6})(?:\.(?:SH|SZ|BJ|SS))?(?![\dA-Za-z])/gi)) {
      const code = stockCode(m[0]);
      const start = m.index;
      const end = start + m[0].length;
      const ids = (code ? (this.codes.get(code) ?? []) : []).filter((id) => this.visible(id, principal));
      if (ids.length) spans.push({ start, end, text: m[0], ids: new Set(ids), code: true });
      else unknown.push({ text: m[0], start, end });
    }
    const found = new Map<string, Span>();
    // Folding drops spaces, so an English name can lose to a match across a word gap ("from lithium"
    // → "ml…"); each Latin word start is therefore also matched on its own.
    const starts = [0, ...[...text.matchAll(/(?<=[^A-Za-z])[A-Za-z]/g)].map((m) => m.index)];
    for (const [visibility, linker] of this.linkers) {
      if (!canSee(principal, visibility)) continue;
      for (const at of starts) {
        const window = at === 0 ? text : text.slice(at, at + 60);
        for (const m of linker.matches(window).flatMap((x) => x.ids.map((id) => ({ ...x, id })))) {
          if (at > 0 && m.start > 0) continue;
          const start = m.start + at;
          const end = m.end + at;
          if (!this.acceptable(text, start, end, tokens) || this.ordinary(text.slice(start, end), m.id))
            continue;
          const key = `${start}:${end}`;
          const span = found.get(key) ?? { start, end, text: m.text, ids: new Set<string>(), code: false };
          span.ids.add(m.id);
          found.set(key, span);
        }
      }
    }
    for (const [visibility, byChar] of this.singles) {
      if (!canSee(principal, visibility)) continue;
      for (let i = 0; i < text.length; i++) {
        const ids = byChar.get(foldName(text[i]!));
        if (!ids || !this.acceptable(text, i, i + 1, tokens)) continue;
        const span = found.get(`${i}:${i + 1}`) ?? {
          start: i,
          end: i + 1,
          text: text[i]!,
          ids: new Set<string>(),
          code: false,
        };
        for (const id of ids) span.ids.add(id);
        found.set(`${i}:${i + 1}`, span);
      }
    }
    // A name starting inside an ordinary word loses to a shorter one it ends with that starts on a
    // word boundary ("两种树脂": 树脂, not 种树脂).
    // "饲料业务" means the product 饲料 when both are names: 业务/产品/板块 ask, they do not name.
    const all = [...found.values()].filter(
      (s) =>
        !(
          /(?:业务|产品|板块)$/u.test(s.text) &&
          [...found.values()].some((o) => o.start === s.start && o.end === s.end - 2)
        ),
    );
    spans.push(
      ...all.filter(
        (s) =>
          boundaries.has(s.start) ||
          !all.some((o) => o !== s && o.end === s.end && o.start === s.start + 1 && boundaries.has(o.start)),
      ),
    );
    // Codes first, then longest, then leftmost.
    spans.sort(
      (a, b) => Number(b.code) - Number(a.code) || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
    const taken: Array<{ start: number; end: number }> = [];
    const entities: LinkedEntity[] = [];
    for (const span of spans) {
      if (taken.some((t) => span.start < t.end && t.start < span.end)) continue;
      taken.push(span);
      entities.push(this.resolve(span, principal));
    }
    // A typo is looked for only where the words are not ordinary ones ("伊例股份", not "哪些公司").
    const plainWords = wordsOf(text, false);
    for (const typo of this.typos.find(
      text,
      taken,
      (id) => this.visible(id, principal),
      (start, end) =>
        [...plainWords.spans].some((w) => w.start >= start && w.end <= end && w.end - w.start === 1),
    )) {
      taken.push(typo);
      entities.push({ ...this.resolve({ ...typo, ids: new Set([typo.id]) }, principal), confidence: 0.6 });
    }
    entities.sort((a, b) => a.start - b.start);
    const names = unknownNames(
      text,
      entities,
      (e) => e.type === 'Product' && this.heads.has(foldName(e.name)),
      wordSpans,
    );
    return {
      entities: names.entities,
      unknown: [...unknown, ...names.unknown].sort((a, b) => a.start - b.start),
    };
  }

  /**
   * Whether a match may stand as a mention: whole English words only ("tire" is not in
   * "entire"), no question vocabulary (产品, 科技, 上市公司), and a one-character name only when
   * it is a material standing alone (铜, 锂价) rather than a syllable of a longer word.
   */
  /** A product or industry spelled as an ordinary word of general Chinese (国际, 大概) is not linked by it. */
  private ordinary(surface: string, id: string): boolean {
    const type = this.meta.get(id)?.type;
    return (type === 'Product' || type === 'Industry') && isOrdinaryWord(surface);
  }

  private acceptable(text: string, start: number, end: number, tokens?: ReadonlySet<string>): boolean {
    const surface = text.slice(start, end);
    if (
      isQuestionWord(surface) ||
      // Folding drops punctuation, but no name runs across the end of a clause ("更大？两家" is not 大两).
      /[。？！?!；;，：、\n]/u.test(surface) ||
      /^(?:[一二两三四五六七八九十几多数每各那这哪]+[种类个家项批份条位块层级]|第[一二三四五六七八九十\d]+)$/u.test(
        surface,
      )
    )
      return false;
    // A short Latin name (IT, PC, EVA) is linked only as written, in capitals: "it" is a pronoun.
    if (/^[A-Za-z]{1,3}$/.test(surface) && surface !== surface.toUpperCase()) return false;
    const letter = /[A-Za-z]/;
    if (letter.test(text[start] ?? '') && letter.test(text[start - 1] ?? '')) return false;
    if (letter.test(text[end - 1] ?? '') && letter.test(text[end] ?? '')) return false;
    if ([...surface].length === 1) {
      if (!isMaterialCharacter(surface)) return false;
      const next = text[end] ?? '';
      return (
        next === '价' || !!tokens?.has(surface) || !/\p{Script=Han}/u.test(next + (text[start - 1] ?? ''))
      );
    }
    return true;
  }

  private resolve(
    span: { start: number; end: number; text: string; ids: Set<string> },
    principal: Principal,
  ): LinkedEntity {
    const folded = foldName(span.text);
    const rank = (id: string): number => {
      const m = this.meta.get(id)!;
      const exact = m.exact.has(folded);
      // A name written exactly as asked beats one that only folds to it (烧碱 over %烧碱).
      return (
        (m.name === span.text ? 8 : 0) +
        (m.strong ? 4 : 0) +
        (exact ? 2 : 0) +
        (m.type === 'Enterprise' || m.type === 'Product' ? 1 : 0)
      );
    };
    const ranked = [...span.ids].sort((a, b) => rank(b) - rank(a) || a.localeCompare(b));
    const best = ranked[0]!;
    const m = this.meta.get(best)!;
    const ties = ranked.filter((id) => rank(id) === rank(best)).length;
    const base =
      /^\d{6}/.test(span.text) || foldName(m.name) === folded ? 1 : m.exact.has(folded) ? 0.95 : 0.85;
    // Enterprise nodes named by the very same words (a news graph's 三星电子 and Samsung, both called
    // "Samsung") are one company, unless two of them are listed under different codes.
    const same = ranked.filter(
      (id) => id !== best && this.meta.get(id)!.type === 'Enterprise' && this.meta.get(id)!.exact.has(folded),
    );
    const members =
      m.type === 'Enterprise'
        ? [
            ...new Map(
              [
                ...same
                  .filter((id) => !(this.meta.get(id)!.code && m.code && this.meta.get(id)!.code !== m.code))
                  .map((id) => ({ id, name: this.meta.get(id)!.name })),
                ...this.spellingsOf(best, folded, principal),
              ].map((x) => [x.id, x]),
            ).values(),
          ]
        : [];
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
      ...(members.length ? { members } : {}),
    };
  }

  /**
   * Other nodes that are the same company under another spelling (news graphs keep 长安,
   * 长安汽车 and 重庆长安汽车股份有限公司 apart): enterprises sharing a distinctive spelling key
   * with the mention or the matched node. Two listed companies (two stock codes) are never one.
   */
  private spellingsOf(
    id: string,
    mention: string,
    principal: Principal,
  ): Array<{ id: string; name: string }> {
    const own = this.meta.get(id)!;
    // A key keeping a region (重庆长安) is a spelling, not a 字号: two companies of one city share it.
    const named = (k: string) => (this.keyed.get(k) ?? []).some((o) => this.meta.get(o)!.exact.has(k));
    const keys = new Set(
      [...(this.keysOf.get(id) ?? []), ...companyKeys(mention)].filter((k) => !inferRegion(k) || named(k)),
    );
    const out = new Map<string, string>();
    for (const key of keys) {
      const ids = this.keyed.get(key) ?? [];
      if (ids.length > MAX_KEY_NODES || isQuestionWord(key)) continue;
      for (const other of ids) {
        if (other === id || out.has(other) || !this.visible(other, principal)) continue;
        const m = this.meta.get(other)!;
        if (m.code && own.code && m.code !== own.code) continue;
        out.set(other, m.name);
      }
    }
    // A second listed company among the spellings means the key is not this company's alone.
    const listed = [...out.keys()].filter((o) => this.meta.get(o)!.code);
    if (!own.code && listed.length > 1) for (const o of listed) out.delete(o);
    return [...out].map(([oid, name]) => ({ id: oid, name }));
  }
}
