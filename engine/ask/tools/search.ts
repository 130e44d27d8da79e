import { z } from 'zod';
import { expandEnglish } from '../../../retrieval/glossary.js';
import { defineTool, type Evidence, type ToolOutput } from './types.js';

const SENTENCE = /[^。！？；!?;\n]+[。！？；!?;]?/g;
const MAX_SENTENCE = 220;

/** Hybrid search over the documents the caller may see; each hit is cut to its best sentences. */
export const searchTool = defineTool({
  name: 'search_documents',
  description:
    'Hybrid (BM25 + embeddings + entity) search over policy and other documents the caller may read; returns the best sentences of each hit.',
  input: z.object({ query: z.string().min(1).max(2_000), k: z.number().int().min(1).max(20).default(5) }),
  async run(input, ctx): Promise<ToolOutput> {
    const index = await ctx.retrieval();
    const hits = await index.search(input.query, { principal: ctx.principal, k: input.k });
    const queryTokens = new Set(index.tokenizer.tokens(`${input.query} ${expandEnglish(input.query)}`));
    const wantsNumber =
      /几|多少|何时|什么时候|哪天|日期|期限|截止|时间|how many|how much|when|deadline|date/i.test(
        input.query,
      );
    const sentences = hits.flatMap((hit, rank) =>
      splitSentences(hit.text).map((text, i) => ({
        hit,
        i,
        text,
        score:
          overlap(text, queryTokens, (t) => index.tokenizer.tokens(t)) +
          (wantsNumber && /\d+\s*(个|家|项|种|批|月|日|万|亿|%)/.test(text) ? 3 : 0) -
          rank * 0.5,
      })),
    );
    // The best sentences across the hits, each its own evidence, so an answer quotes what answers.
    const best = sentences
      .sort((a, b) => b.score - a.score || a.hit.start - b.hit.start || a.i - b.i)
      .slice(0, 3);
    const evidence: Evidence[] = best.map(({ hit, i, text }) => ({
      key: `${hit.chunkId}#${i}`,
      kind: 'document',
      source: `${hit.source}${hit.docNo ? ` ${hit.docNo}` : ''}`,
      text: text.length > MAX_SENTENCE ? `${text.slice(0, MAX_SENTENCE)}…` : text,
      docId: hit.docId,
      chunkId: hit.chunkId,
    }));
    return {
      tool: 'search_documents',
      items: [],
      total: hits.length,
      evidence,
      paths: [],
      data: {
        hits: hits.map((h) => ({
          docId: h.docId,
          keys: best.filter((b) => b.hit === h).map((b) => `${b.hit.chunkId}#${b.i}`),
          title: h.title,
          docNo: h.docNo,
          date: h.date,
          chunkId: h.chunkId,
          score: Math.round(h.score * 1e4) / 1e4,
        })),
      },
    };
  },
});

export function splitSentences(text: string): string[] {
  return (text.match(SENTENCE) ?? [text]).map((s) => s.trim()).filter((s) => s.length >= 4);
}

/** Query words a sentence shares, longer words counting more (capped, so one long word does not dominate). */
function overlap(sentence: string, query: ReadonlySet<string>, tokens: (s: string) => string[]): number {
  let score = 0;
  for (const w of new Set(tokens(sentence))) if (query.has(w)) score += Math.min(w.length, 4);
  return score;
}
