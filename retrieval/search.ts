import type { Principal } from '../knowledge-graph/schema/index.js';
import type { Embedder } from './embedder.js';
import { SearchError } from './errors.js';
import { expandEnglish } from './glossary.js';
import type { NameDictionary } from './dictionary.js';
import { highlight, type SpanSource } from './snippet.js';
import type { ChunkRow, DocumentInfo, DocumentStore, SearchScope } from './store/port.js';
import type { VectorStore } from './vectors/port.js';

export type SearchMode = 'hybrid' | 'bm25' | 'dense';

export interface SearchOptions {
  principal: Principal;
  k?: number;
  mode?: SearchMode;
  /** File names (hit `source`) to search within. */
  sources?: readonly string[];
  /** Document formats: txt, md, html, docx, pdf, json. */
  types?: readonly string[];
  /** Inclusive ISO dates on the document date; undated documents are excluded when set. */
  dateFrom?: string;
  dateTo?: string;
  /** Merge a hit with neighbouring chunks of the same document that also ranked (default true). */
  mergeNeighbours?: boolean;
}

export interface ScoreParts {
  /** Reciprocal-rank fusion score: the ranking key. */
  rrf: number;
  bm25?: number;
  bm25Rank?: number;
  dense?: number;
  denseRank?: number;
  /** Number of query entities the passage mentions. */
  entities?: number;
}

export interface SearchHit {
  docId: string;
  chunkId: string;
  /** Every chunk merged into this hit, in document order. */
  chunkIds: string[];
  /** Where each of `chunkIds` starts in the document's cleaned text: a quote's own chunk is found by its offset. */
  chunkStarts: number[];
  /** File name of the document. */
  source: string;
  title: string;
  docNo?: string;
  date?: string;
  visibility: string;
  section: string[];
  /** Character offsets of `text` in the document's cleaned text. */
  start: number;
  end: number;
  text: string;
  snippet: string;
  score: number;
  components: ScoreParts;
}

export interface SearchParts {
  store: DocumentStore;
  vectors: VectorStore;
  embeddings: Embedder;
  dictionary: NameDictionary;
  /** Which of the entities a query names the caller may see now (the graph is the authority). */
  visibleEntities(ids: readonly string[], principal: Principal): Promise<string[]>;
}

/** Fusion weights and depth, tuned on the tuning half of the retrieval eval. */
export const FUSION = { k0: 60, bm25: 1, dense: 0.8, entity: 0.3, depth: 50 } as const;

const MAX_MERGED = 3;

interface Candidate {
  rid: number;
  docRid: number;
  parts: ScoreParts;
}

export async function hybridSearch(
  query: string,
  options: SearchOptions,
  parts: SearchParts,
): Promise<SearchHit[]> {
  const text = query.trim();
  if (!text) throw new SearchError('the query is empty; type some words to search for');
  const k = options.k ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > 1000)
    throw new SearchError(`k must be an integer from 1 to 1000 (got ${options.k})`);
  const mode = options.mode ?? 'hybrid';
  const { store } = parts;
  const scope: SearchScope = {
    principal: options.principal,
    ...(options.sources ? { sources: options.sources } : {}),
    ...(options.types ? { types: options.types } : {}),
    ...(options.dateFrom ? { dateFrom: options.dateFrom } : {}),
    ...(options.dateTo ? { dateTo: options.dateTo } : {}),
  };
  const lens = parts.dictionary.lensFor(options.principal);
  // English queries over a Chinese corpus bring their Chinese renderings along (see glossary.ts).
  const expanded = `${text} ${expandEnglish(text)}`.trim();
  const queryTokens = lens.tokens(expanded);
  const candidates = new Map<number, Candidate>();
  const take = (rid: number, docRid: number): Candidate => {
    const known = candidates.get(rid);
    if (known) return known;
    const c: Candidate = { rid, docRid, parts: { rrf: 0 } };
    candidates.set(rid, c);
    return c;
  };

  if (mode !== 'dense') {
    let rank = 0;
    for (const hit of await store.score(queryTokens, scope, FUSION.depth)) {
      const c = take(hit.chunkRid, hit.docRid);
      c.parts.bm25 = hit.score;
      c.parts.bm25Rank = ++rank;
      c.parts.rrf += (mode === 'hybrid' ? FUSION.bm25 : 1) / (FUSION.k0 + rank);
    }
  }
  if (mode !== 'bm25') {
    const [vector] = await parts.embeddings.embed([expanded], 'query');
    const visibilities = await store.visibilities(options.principal);
    const hits = await parts.vectors.search(vector!, FUSION.depth * 2, {
      ...(visibilities ? { visibilities } : {}),
      ...(options.sources ? { sources: options.sources } : {}),
    });
    const rows = await store.chunks(
      hits.map((h) => h.id),
      scope,
    );
    let rank = 0;
    for (const hit of hits) {
      const row = rows.get(hit.id);
      // Vectors of deleted or invisible chunks (an external store lagging behind) are ignored.
      if (!row) continue;
      const c = take(row.rid, row.docRid);
      c.parts.dense = hit.score;
      c.parts.denseRank = ++rank;
      c.parts.rrf += (mode === 'hybrid' ? FUSION.dense : 1) / (FUSION.k0 + rank);
      if (rank >= FUSION.depth) break;
    }
  }
  if (mode === 'hybrid') {
    const named = [...new Set(lens.mentions(text).map((m) => m.id))];
    const entityIds = named.length ? await parts.visibleEntities(named, options.principal) : [];
    if (entityIds.length) {
      // Only the candidates are asked about, so every count is a candidate's.
      const counts = await store.mentioning(entityIds, [...candidates.keys()]);
      // Among passages naming the query's entities, prefer those naming more of them, then the better-ranked.
      const ranked = [...counts].sort(
        (a, b) => b[1] - a[1] || candidates.get(b[0])!.parts.rrf - candidates.get(a[0])!.parts.rrf,
      );
      ranked.forEach(([rid, n], i) => {
        const c = candidates.get(rid)!;
        c.parts.entities = n;
        c.parts.rrf += FUSION.entity / (FUSION.k0 + i + 1);
      });
    }
  }

  const ranked = [...candidates.values()]
    .sort((a, b) => b.parts.rrf - a.parts.rrf || a.rid - b.rid)
    .slice(0, k * 3);
  const rows = await store.chunks(ranked.map((c) => c.rid));
  const merged = (
    options.mergeNeighbours === false ? ranked.map((c) => [c]) : mergeNeighbours(ranked, rows)
  ).slice(0, k);
  const docs = await store.byRids([...new Set(merged.map((g) => g[0]!.docRid))]);
  const tokenSet = new Set(queryTokens);
  const hits: SearchHit[] = [];
  for (const group of merged) {
    hits.push(await toHit(group, rows, docs.get(group[0]!.docRid)!, store, lens, tokenSet));
  }
  return hits;
}

/** Groups each candidate with adjacent or overlapping chunks of the same document ranked below it. */
function mergeNeighbours(ranked: Candidate[], rows: Map<number, ChunkRow>): Candidate[][] {
  const groups: Candidate[][] = [];
  const used = new Set<number>();
  for (const c of ranked) {
    if (used.has(c.rid)) continue;
    used.add(c.rid);
    const group = [c];
    let grew = true;
    // Capped so a hit stays a passage, not a page.
    while (grew && group.length < MAX_MERGED) {
      grew = false;
      for (const other of ranked) {
        if (used.has(other.rid) || other.docRid !== c.docRid) continue;
        const seq = rows.get(other.rid)!.seq;
        if (group.length < MAX_MERGED && group.some((g) => Math.abs(rows.get(g.rid)!.seq - seq) === 1)) {
          group.push(other);
          used.add(other.rid);
          grew = true;
        }
      }
    }
    groups.push(group);
  }
  return groups;
}

async function toHit(
  group: Candidate[],
  rows: Map<number, ChunkRow>,
  doc: DocumentInfo,
  store: DocumentStore,
  lens: SpanSource,
  tokens: Set<string>,
): Promise<SearchHit> {
  const best = group[0]!;
  const chunks = group.map((g) => rows.get(g.rid)!).sort((a, b) => a.seq - b.seq);
  const start = Math.min(...chunks.map((c) => c.start));
  const end = Math.max(...chunks.map((c) => c.end));
  const text = chunks.length === 1 ? chunks[0]!.text : (await store.text(doc.rid)).slice(start, end);
  const bestRow = rows.get(best.rid)!;
  return {
    docId: doc.id,
    chunkId: `${doc.id}:${bestRow.seq}`,
    chunkIds: chunks.map((c) => `${doc.id}:${c.seq}`),
    chunkStarts: chunks.map((c) => c.start),
    source: doc.name,
    title: doc.title,
    ...(doc.docNo ? { docNo: doc.docNo } : {}),
    ...(doc.date ? { date: doc.date } : {}),
    visibility: doc.visibility,
    section: JSON.parse(bestRow.section) as string[],
    start,
    end,
    text,
    snippet: highlight(text, tokens, lens),
    score: best.parts.rrf,
    components: best.parts,
  };
}
