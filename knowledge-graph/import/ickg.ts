import { join } from 'node:path';
import { NameIndex } from '../resolve/name-index.js';
import { normaliseName } from '../resolve/normalise.js';
import {
  type EdgeType,
  edgeId,
  type GraphNode,
  type NodeType,
  nodeId,
  type Provenance,
  SYSTEM_PRINCIPAL,
} from '../schema/index.js';
import { type ImportOptions, regionFacts } from './chainkg.js';
import { ImportInputError, readLines, requireFile } from './lines.js';
import { ImportReport, type ImportSummary } from './report.js';
import { BatchWriter } from './writer.js';

type Role = 'Enterprise' | 'Industry' | 'Product' | 'EnterpriseOrProduct' | 'IndustryOrProduct';

interface RelationRule {
  /** null: the relation has no place in the schema and its quadruples are skipped, with a reason. */
  type: EdgeType | null;
  head: Role;
  tail: Role;
}

/** ICKG's 13 relations mapped onto the schema's edge types, with the entity roles they imply. */
const RULES: Record<string, RelationRule> = {
  涉足行业: { type: 'IN_INDUSTRY', head: 'Enterprise', tail: 'Industry' },
  归属于行业: { type: 'IN_INDUSTRY', head: 'EnterpriseOrProduct', tail: 'Industry' },
  包含: { type: 'INDUSTRY_PARENT', head: 'Industry', tail: 'IndustryOrProduct' },
  合作: { type: 'COOPERATES_WITH', head: 'Enterprise', tail: 'Enterprise' },
  上游于: { type: 'UPSTREAM_OF', head: 'Industry', tail: 'Industry' },
  持有专利: { type: null, head: 'Enterprise', tail: 'Product' },
  供给: { type: 'SUPPLIES', head: 'Enterprise', tail: 'Enterprise' },
  并购: { type: 'ACQUIRES', head: 'Enterprise', tail: 'Enterprise' },
  投资: { type: 'INVESTS_IN', head: 'Enterprise', tail: 'Enterprise' },
  '母公司/控股': { type: 'CONTROLS', head: 'Enterprise', tail: 'Enterprise' },
  竞争: { type: 'COMPETES_WITH', head: 'Enterprise', tail: 'Enterprise' },
  基于专利生产: { type: 'PRODUCES', head: 'Enterprise', tail: 'Product' },
  合资: { type: 'JOINT_VENTURE', head: 'Enterprise', tail: 'Enterprise' },
};

const SPLITS = ['train.txt', 'valid.txt', 'test.txt'] as const;
const COMPANY_WORDS = /(公司|集团|股份|银行|证券|保险|基金|资本|控股|研究院|研究所|大学|医院|中心)$|有限/;
const INDUSTRY_WORDS = /(行业|产业|业|领域|市场)$/;

interface Quad {
  head: number;
  rel: string;
  tail: number;
  date: string;
  file: string;
  line: number;
}

async function readTable(path: string, separator: string, file: string): Promise<Map<number, string>> {
  await requireFile(path);
  const table = new Map<number, string>();
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === '') continue;
    const at = text.lastIndexOf(separator);
    const [name, id] =
      separator === ',' ? [text.slice(at + 1), text.slice(0, at)] : [text.slice(0, at), text.slice(at + 1)];
    const n = Number(id);
    if (at < 0 || !Number.isInteger(n) || !name)
      throw new ImportInputError(
        `${file}:${line}: expected "name${separator}id", got "${text.slice(0, 80)}"`,
      );
    table.set(n, name.trim());
  }
  return table;
}

/** Votes for an entity's node type from the roles it plays across all quadruples. */
function decideType(name: string, votes: Map<Role, number>): NodeType {
  const count = (role: Role) => votes.get(role) ?? 0;
  const enterprise = count('Enterprise') + (COMPANY_WORDS.test(name) ? count('EnterpriseOrProduct') : 0);
  const industry = count('Industry') + (INDUSTRY_WORDS.test(name) ? count('IndustryOrProduct') : 0);
  const product =
    count('Product') +
    (COMPANY_WORDS.test(name) ? 0 : count('EnterpriseOrProduct')) +
    (INDUSTRY_WORDS.test(name) ? 0 : count('IndustryOrProduct'));
  if (enterprise >= industry && enterprise >= product) return 'Enterprise';
  return industry >= product ? 'Industry' : 'Product';
}

/**
 * Imports the ICKG 2025 temporal graph. Entities are typed by the relations they take part in and
 * resolved against the graph by normalised name (长安汽车 and 重庆长安汽车股份有限公司 land on the
 * listed enterprise 000625); repeated dated quadruples merge into one edge with first/last seen
 * and a count, the first report day becoming the edge's valid-from.
 */
export async function importIckg(dir: string, options: ImportOptions): Promise<ImportSummary> {
  const dataset = options.dataset ?? 'ickg25';
  const report = new ImportReport(dataset, dir);
  const entities = await readTable(join(dir, 'entity2id.txt'), '\t', 'entity2id.txt');
  const relations = await readTable(join(dir, 'relation2id.txt'), '\t', 'relation2id.txt');
  const times = await readTable(join(dir, 'time2id.txt'), ',', 'time2id.txt');
  for (const [, name] of relations) {
    if (!(name in RULES))
      throw new ImportInputError(
        `relation2id.txt: unknown relation ${name}; known: ${Object.keys(RULES).join(', ')}`,
      );
  }

  const quads: Quad[] = [];
  const votes = new Map<number, Map<Role, number>>();
  const vote = (entity: number, role: Role) => {
    const v = votes.get(entity) ?? new Map<Role, number>();
    v.set(role, (v.get(role) ?? 0) + 1);
    votes.set(entity, v);
  };
  for (const file of SPLITS) {
    await requireFile(join(dir, file));
    for await (const { line, text } of readLines(join(dir, file))) {
      if (text.trim() === '') continue;
      report.read++;
      const parts = text.trim().split(/\s+/).map(Number);
      if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p))) {
        report.reject(file, line, 'malformed quadruple: expected four integers "head relation tail time"');
        continue;
      }
      const [head, relId, tail, timeId] = parts as [number, number, number, number];
      const rel = relations.get(relId);
      const date = times.get(timeId);
      if (!entities.has(head) || !entities.has(tail) || !rel || !date) {
        report.reject(file, line, 'unknown id: head, relation, tail or time id is not in its *2id.txt table');
        continue;
      }
      const rule = RULES[rel]!;
      if (!rule.type) {
        report.reject(file, line, `relation outside the schema: ${rel} (patents are not graph nodes)`);
        continue;
      }
      vote(head, rule.head);
      vote(tail, rule.tail);
      quads.push({ head, rel, tail, date, file, line });
    }
    options.onProgress?.({ phase: file, done: quads.length });
  }

  // Resolve only against other sources, so a re-run resolves exactly as the first run did.
  const indexes = await NameIndex.load(options.store, ['Enterprise', 'Industry', 'Product'], (node) =>
    node.provenance.some((p) => p.source !== dataset),
  );
  const ingestedAt = new Date().toISOString();
  const resolved = new Map<number, { id: string; type: NodeType; existing: boolean }>();
  for (const [entity, roleVotes] of votes) {
    const name = entities.get(entity)!;
    const enterprise =
      (roleVotes.get('Enterprise') ?? 0) > 0 ? indexes.get('Enterprise')!.resolve(name) : undefined;
    const type = enterprise ? 'Enterprise' : decideType(name, roleVotes);
    const existing = enterprise ?? indexes.get(type)?.resolve(name);
    const key = type === 'Product' ? name.normalize('NFKC').trim() : `ickg:${normaliseName(name) || name}`;
    resolved.set(entity, { id: existing ?? nodeId(type, key), type, existing: existing !== undefined });
  }

  const existingIds = [...new Set([...resolved.values()].filter((r) => r.existing).map((r) => r.id))];
  const existingNames = new Map(
    (await options.store.getNodes(existingIds, SYSTEM_PRINCIPAL)).map((n) => [n.id, n.name] as const),
  );
  const writer = new BatchWriter(options.store, options.batchSize);
  const written = new Set<string>();
  for (const [entity, r] of resolved) {
    const name = entities.get(entity)!;
    const known = existingNames.get(r.id);
    const provenance: Provenance = {
      source: dataset,
      record: `entity2id.txt:${entity}`,
      ingestedAt,
      confidence: r.existing ? 0.9 : 0.7,
      note: r.existing
        ? 'resolved to an existing node by normalised name'
        : 'node type inferred from its relations',
    };
    // A resolved entity keeps the graph's name; the ICKG spelling becomes an alias.
    const node = {
      id: r.id,
      type: r.type,
      name: known ?? name,
      aliases: known && known !== name ? [name] : [],
      props: {},
      provenance: [provenance],
      visibility: 'public',
    } as GraphNode;
    if (written.has(r.id) && !known) node.aliases = [name];
    written.add(r.id);
    await writer.node(node);
    if (r.type === 'Enterprise' && !r.existing && COMPANY_WORDS.test(name)) {
      const region = regionFacts(r.id, name, provenance);
      for (const n of region.nodes) await writer.node(n);
      for (const e of region.edges) await writer.edge(e);
    }
  }

  const edges = new Map<
    string,
    {
      quad: Quad;
      type: EdgeType;
      from: string;
      to: string;
      first: string;
      last: string;
      count: number;
      dates: Set<string>;
    }
  >();
  for (const quad of quads) {
    const rule = RULES[quad.rel]!;
    const head = resolved.get(quad.head)!;
    const tail = resolved.get(quad.tail)!;
    if (head.id === tail.id) {
      report.reject(quad.file, quad.line, 'self relation: head and tail resolve to the same node');
      continue;
    }
    let type = rule.type!;
    let [from, to] = [head.id, tail.id];
    // 包含: the industry contains the tail, so the tail points up to it.
    if (quad.rel === '包含') {
      type = tail.type === 'Industry' ? 'INDUSTRY_PARENT' : 'IN_INDUSTRY';
      [from, to] = [tail.id, head.id];
    }
    const id = edgeId(type, from, to);
    const seen = edges.get(id);
    if (seen) {
      seen.count++;
      seen.dates.add(quad.date);
      if (quad.date < seen.first) seen.first = quad.date;
      if (quad.date > seen.last) seen.last = quad.date;
    } else {
      edges.set(id, {
        quad,
        type,
        from,
        to,
        first: quad.date,
        last: quad.date,
        count: 1,
        dates: new Set([quad.date]),
      });
    }
  }
  for (const [id, e] of edges) {
    await writer.edge({
      id,
      type: e.type,
      from: e.from,
      to: e.to,
      props: {
        relation: e.quad.rel,
        observations: e.count,
        firstSeen: e.first,
        lastSeen: e.last,
        dates: [...e.dates].sort(),
      },
      provenance: [
        {
          source: dataset,
          record: `${e.quad.file}:${e.quad.line}`,
          ingestedAt,
          confidence: 0.8,
          validFrom: e.first,
        },
      ],
      visibility: 'public',
    });
  }
  await writer.flush();
  const resolvedCount = [...resolved.values()].filter((r) => r.existing).length;
  report.notes.push(`${resolvedCount} of ${resolved.size} entities resolved to existing graph nodes`);
  report.notes.push(`${quads.length} quadruples merged into ${edges.size} edges`);
  return report.summary(writer.written);
}
