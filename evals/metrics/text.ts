import type { Tokenizer } from '../../retrieval/tokenize.js';
import { type Fact, findFacts } from './facts.js';

/** A text as the metrics see it: content tokens with numbers and dates in one canonical spelling. */
export interface Analysis {
  /** Word tokens in order (stopwords dropped); each number or date is one token such as `#20` or `@2024-02`. */
  tokens: string[];
  tokenSet: Set<string>;
  facts: Fact[];
}

/** Inline citation markers: [1], [c2], [1,3], [^1], 【1】. */
export const MARKER = /\[\^?([\w:.#-]{1,40}(?:\s*,\s*[\w:.#-]{1,40})*)\]|【([^】]{1,40})】/gu;

/**
 * Document numbers (渝经信发〔2024〕101号) name a source; read as facts they would pass for a year
 * and a count. They become one identifier token, in letters so no number is read out of it.
 */
const DOC_NO = /[\p{Script=Han}]{1,12}[〔[［(（]\d{4}[〕\]］)）]\d+号/gu;

const CACHE_LIMIT = 50_000;

/**
 * Tokenises with the project's tokenizer (jieba with a user dictionary, English word tokens,
 * stopwords) after reading numbers and dates out of the text, so 二十家 and 20家 give one token.
 * Contexts recur across items, so analyses are cached.
 */
export class TextAnalyzer {
  private readonly cache = new Map<string, Analysis>();

  constructor(private readonly tokenizer: Tokenizer) {}

  analyse(raw: string): Analysis {
    const hit = this.cache.get(raw);
    if (hit) return hit;
    const text = raw
      .normalize('NFKC')
      .replace(MARKER, ' ')
      .replace(
        DOC_NO,
        (docNo) => ` doc${docNo.replace(/\D+/g, 'x').replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)} `,
      );
    const tokens: string[] = [];
    const facts: Fact[] = [];
    let at = 0;
    for (const span of findFacts(text)) {
      this.words(text.slice(at, span.start), tokens);
      tokens.push(factToken(span));
      facts.push({ kind: span.kind, key: span.key });
      at = span.end;
    }
    this.words(text.slice(at), tokens);
    const analysis = { tokens, tokenSet: new Set(tokens), facts };
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(raw, analysis);
    return analysis;
  }

  private words(segment: string, into: string[]): void {
    if (!segment.trim()) return;
    for (const span of this.tokenizer.spans(segment)) into.push(span.token);
  }
}

export function factToken(fact: Fact): string {
  return `${fact.kind === 'date' ? '@' : fact.kind === 'percent' ? '%' : '#'}${fact.key}`;
}

/** Names compared without case, width or spaces: "BYD Co" meets "byd co" and "ＢＹＤ Co". */
export function squash(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Answer sentences: split after Chinese and English sentence ends and line breaks (not semicolons: they join clauses of one claim), markers kept. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?\n][”’"'」』）)]*)(?![”’"'」』）)])|(?<=[.])\s+(?=\S)/u)
    .map((s) => s.trim())
    .filter(Boolean);
}
