import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { foldName } from '../knowledge-graph/resolve/normalise.js';
import { canSee, type Principal, SYSTEM_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { type GraphAccess, LINKED_TYPES } from './graph.js';
import { type EntityMention, EntityLinker, type NameMatch, resolveMentions } from './link.js';
import type { TextLens } from './prepare.js';
import { Tokenizer } from './tokenize.js';

/**
 * The graph's entity names as retrieval uses them, kept apart by visibility so that nothing about
 * a tenant's private entities reaches anyone else: jieba's user dictionary holds public names
 * only, and each non-public visibility has its own name automaton. A caller (or a document) sees
 * through a lens made of the public names plus those it may see: a private name adds one whole
 * token and one entity link for its own tenant, and for everyone else the text tokenises, links
 * and highlights exactly as if that entity did not exist.
 */
export class NameDictionary {
  private readonly lenses = new Map<string, Lens>();

  private constructor(
    /** Public names in jieba's user dictionary: the tokenizer everyone shares. */
    readonly tokenizer: Tokenizer,
    private readonly linkers: ReadonlyMap<string, EntityLinker>,
    private readonly fingerprints: ReadonlyMap<string, string>,
    /** The version of the graph's named entities (GraphStore.version(LINKED_TYPES)) the names were read at. */
    readonly graphVersion: number,
  ) {}

  static async build(graph: GraphAccess): Promise<NameDictionary> {
    const graphVersion = await graph.version(LINKED_TYPES);
    const buckets = new Map<string, Array<{ id: string; name: string; aliases: readonly string[] }>>();
    let seen = 0;
    for await (const node of graph.scanNodes(LINKED_TYPES, SYSTEM_PRINCIPAL)) {
      const bucket = buckets.get(node.visibility) ?? [];
      bucket.push({ id: node.id, name: node.name, aliases: node.aliases });
      buckets.set(node.visibility, bucket);
      // A big graph is read in slices so a server refreshing its names keeps answering.
      if (++seen % 2_000 === 0) await yieldToEventLoop();
    }
    const publicNames = (buckets.get('public') ?? []).flatMap((e) => [e.name, ...e.aliases]);
    const linkers = new Map<string, EntityLinker>();
    const fingerprints = new Map<string, string>();
    for (const [visibility, entries] of buckets) {
      linkers.set(visibility, new EntityLinker(entries));
      fingerprints.set(visibility, fingerprint(entries));
      await yieldToEventLoop();
    }
    return new NameDictionary(new Tokenizer(publicNames), linkers, fingerprints, graphVersion);
  }

  /** What a principal's queries tokenise, link and highlight with: public names plus its grants'. */
  lensFor(principal: Principal): Lens {
    const visible = [...this.linkers.keys()].filter((v) => canSee(principal, v)).sort();
    return this.lens(visible);
  }

  /** What a document is indexed with: public names plus those of its own visibility. */
  lensForDocument(visibility: string): Lens {
    return this.lens([...new Set(['public', visibility])].filter((v) => this.linkers.has(v)).sort());
  }

  /**
   * Identifies the names a document of this visibility was linked with; when it changes (an
   * import added, renamed or removed entities), the document's links are stale.
   */
  fingerprintFor(visibility: string): string {
    const parts = [...new Set(['public', visibility])]
      .sort()
      .map((v) => `${v}=${this.fingerprints.get(v) ?? '-'}`);
    return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
  }

  private lens(visibilities: string[]): Lens {
    const key = visibilities.join('\n');
    let lens = this.lenses.get(key);
    if (!lens) {
      lens = new Lens(
        this.tokenizer,
        visibilities.map((v) => this.linkers.get(v)!),
        visibilities.filter((v) => v !== 'public').map((v) => this.linkers.get(v)!),
      );
      if (this.lenses.size > 1_000) this.lenses.clear();
      this.lenses.set(key, lens);
    }
    return lens;
  }
}

function fingerprint(
  entries: ReadonlyArray<{ id: string; name: string; aliases: readonly string[] }>,
): string {
  const lines = entries.map((e) => [e.id, e.name, ...e.aliases].join('\u0001')).sort();
  return createHash('sha256').update(lines.join('\u0000')).digest('hex');
}

/** A private name's token: folded like the linker folds it, so a query and a passage agree. */
function nameToken(text: string): string {
  return foldName(text).toLowerCase();
}

/** Tokens, entity links and highlight spans under one set of visibilities. */
export class Lens implements TextLens {
  constructor(
    private readonly tokenizer: Tokenizer,
    private readonly linkers: readonly EntityLinker[],
    private readonly privateLinkers: readonly EntityLinker[],
  ) {}

  /** Where visible private names stand in the text, once per span. */
  private privateNames(text: string): EntityMention[] {
    if (this.privateLinkers.length === 0) return [];
    const spans = new Map<string, EntityMention>();
    for (const m of resolveMentions(this.privateLinkers.flatMap((l) => l.matches(text))))
      spans.set(`${m.start}:${m.end}`, m);
    return [...spans.values()];
  }

  tokens(text: string): string[] {
    const tokens = this.tokenizer.tokens(text);
    for (const m of this.privateNames(text)) tokens.push(nameToken(m.text));
    return tokens;
  }

  /** Entity mentions, longest-leftmost across every visible automaton. */
  mentions(text: string): EntityMention[] {
    const matches: NameMatch[] = this.linkers.flatMap((l) => l.matches(text));
    return resolveMentions(matches);
  }

  entityIds(text: string): string[] {
    return this.mentions(text).map((m) => m.id);
  }

  /** Highlightable spans: jieba's words, with a visible private name standing whole over them. */
  spans(text: string): Array<{ token: string; start: number; end: number }> {
    const spans = this.tokenizer.spans(text);
    const names = this.privateNames(text);
    if (names.length === 0) return spans;
    const covered = (s: { start: number; end: number }) =>
      names.some((n) => s.start < n.end && n.start < s.end);
    return [
      ...spans.filter((s) => !covered(s)),
      ...names.map((n) => ({ token: nameToken(n.text), start: n.start, end: n.end })),
    ].sort((a, b) => a.start - b.start);
  }
}
