/**
 * Demo dataset generator: `npx tsx data/demo/generate.ts` writes nodes.jsonl, edges.jsonl,
 * policies/*.md, series-*.csv, series.jsonl and README.md beside this file. Seeded and
 * deterministic: the same output byte for byte on every run. Every node and edge is validated
 * against the project's zod schemas before it is written.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EdgeSchema,
  edgeId,
  NodeSchema,
  nodeId,
  type Provenance,
} from '../../knowledge-graph/schema/index.js';
import { buildGraph, type DemoEdge, type DemoNode } from './graph.js';
import { DEMO_NOTE, POLICIES } from './policies.js';
import { buildSeries, MONTHS, tableToCsv } from './series.js';

export const DEMO_SEED = 20250101;
export const DEMO_DIR = dirname(fileURLToPath(import.meta.url));

export interface DemoDataset {
  /** Relative path (under data/demo) → file content. */
  files: Map<string, string>;
  nodes: DemoNode[];
  edges: DemoEdge[];
  stats: {
    nodes: Record<string, number>;
    edges: Record<string, number>;
    policies: number;
    series: Record<string, number>;
  };
}

const provenance = (file: string, line: number): Provenance => ({
  source: 'demo',
  record: `${file}:${line}`,
  ingestedAt: '2026-01-01T00:00:00.000Z',
  confidence: 1,
});

const count = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

/**
 * YAML front matter. Lists use flow style and the block opens with a blank line: that is the shape
 * Biome's Markdown formatter leaves alone, so `biome check` passes on the generated files.
 */
function frontMatter(fields: [string, string | string[] | boolean][]): string {
  const value = (v: string | string[] | boolean) =>
    Array.isArray(v)
      ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]`
      : typeof v === 'boolean'
        ? String(v)
        : JSON.stringify(v);
  return ['---', '', ...fields.map(([k, v]) => `${k}: ${value(v)}`), '---'].join('\n');
}

/** A Markdown table padded the way Biome formats it (ASCII cells only). */
function mdTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function generateDemo(seed = DEMO_SEED): DemoDataset {
  const graph = buildGraph(seed);
  const nodes = [...graph.nodes];
  const edges = [...graph.edges];
  const files = new Map<string, string>();

  // Policies: one node and one Markdown file each.
  const nodeIds = new Set(nodes.map((n) => n.id));
  for (const p of POLICIES) {
    const id = nodeId('Policy', p.key);
    const path = `policies/${p.key}.md`;
    nodes.push({
      id,
      type: 'Policy',
      name: p.title,
      aliases: [p.docNo],
      props: { issuer: p.issuer, docNo: p.docNo, date: p.date, demo: true, path },
      visibility: p.visibility,
    });
    for (const target of p.targets) {
      if (!nodeIds.has(target)) throw new Error(`policy ${p.key}: unknown target ${target}`);
      edges.push({ type: 'TARGETS', from: id, to: target, props: {}, visibility: p.visibility });
    }
    const head = frontMatter([
      ['title', p.title],
      ['issuer', p.issuer],
      ['docNo', p.docNo],
      ['date', p.date],
      ['visibility', p.visibility],
      ['demo', true],
      ['note', '示例文件：文号与内容为演示数据集虚构'],
      ['targets', p.targets],
    ]);
    files.set(
      path,
      `${head}\n\n# ${p.title}\n\n${p.docNo}\n\n${DEMO_NOTE}\n\n${p.body.trim()}\n\n${p.issuer}\n${p.date}\n`,
    );
  }

  // Validate every node and edge against the schemas, and every edge endpoint.
  const ids = new Set<string>();
  nodes.forEach((n, i) => {
    if (ids.has(n.id)) throw new Error(`duplicate node ${n.id}`);
    ids.add(n.id);
    NodeSchema.parse({ ...n, provenance: [provenance('nodes.jsonl', i + 1)] });
  });
  const edgeIds = new Set<string>();
  edges.forEach((e, i) => {
    const id = edgeId(e.type, e.from, e.to);
    if (edgeIds.has(id)) throw new Error(`duplicate edge ${id}`);
    edgeIds.add(id);
    if (!ids.has(e.from) || !ids.has(e.to)) throw new Error(`dangling edge ${id}`);
    EdgeSchema.parse({ ...e, id, provenance: [provenance('edges.jsonl', i + 1)] });
  });

  const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  files.set(
    'nodes.jsonl',
    jsonl(
      nodes.map((n) => ({
        id: n.id,
        type: n.type,
        name: n.name,
        aliases: n.aliases,
        props: n.props,
        visibility: n.visibility,
      })),
    ),
  );
  files.set(
    'edges.jsonl',
    jsonl(
      edges.map((e) => ({ type: e.type, from: e.from, to: e.to, props: e.props, visibility: e.visibility })),
    ),
  );

  const series = buildSeries(seed);
  for (const table of series.tables) files.set(table.file, tableToCsv(table));
  files.set('series.jsonl', jsonl(series.meta));

  const stats = {
    nodes: count(nodes, (n) => n.type),
    edges: count(edges, (e) => e.type),
    policies: POLICIES.length,
    series: count(series.meta, (m) => m.kind),
  };
  files.set('README.md', readme(stats, graph.enterprises.length, nodes, edges, series.tables));
  return { files, nodes, edges, stats };
}

function readme(
  stats: DemoDataset['stats'],
  enterpriseCount: number,
  nodes: DemoNode[],
  edges: DemoEdge[],
  tables: ReturnType<typeof buildSeries>['tables'],
): string {
  const inputs = new Map<string, string[]>();
  for (const e of edges)
    if (e.type === 'MADE_FROM') inputs.set(e.from, [...(inputs.get(e.from) ?? []), e.to]);
  const memo = new Map<string, number>();
  const depth = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const d = Math.max(0, ...(inputs.get(id) ?? []).map((x) => depth(x) + 1));
    memo.set(id, d);
    return d;
  };
  const longest = Math.max(...[...inputs.keys()].map(depth));
  const cq = nodes.filter(
    (n) =>
      n.type === 'Enterprise' && nodes.find((r) => r.id === n.props.regionId)?.props.level === 'district',
  ).length;
  const table = (rec: Record<string, number>) =>
    mdTable(
      ['type', 'count'],
      Object.entries(rec).map(([k, v]) => [k, String(v)]),
    );
  const missing = tables.reduce((a, t) => a + t.rows.flat().filter((v) => v === undefined).length, 0);
  return `# Demo dataset (演示数据集)

A seeded, deterministic demo of a Chongqing-style motorcycle / automobile / new-energy-vehicle
industrial chain, for \`ibrain init --demo\` and the first run of \`npm start\`.

**Every enterprise, enterprise name, stock code, document number, amount and series value here is
fictional (示例/demo).** Enterprise nodes carry \`props.demo: true\`; codes are in the unused
900001–900299 range. Product, industry (Shenwan-style codes) and region names are real words
used for realism. Policy documents are written for this dataset; where they mention real
Chongqing notices (2024 industry-brain notice, the 1.0 guide, the 2025 second batch) they state
public facts in their own words, and each carries a 示例 note.

## Regenerate

\`\`\`sh
npx tsx data/demo/generate.ts
\`\`\`

The output is identical byte for byte on every run (seed ${DEMO_SEED}; no clock, no Math.random).
\`data/demo/generate.test.ts\` fails when the committed files drift from the generator.

## Files

- \`nodes.jsonl\` — \`{id, type, name, aliases, props, visibility}\` per line (ids from \`nodeId()\`).
- \`edges.jsonl\` — \`{type, from, to, props, visibility}\` per line. PRODUCES \`props.weight\` is a
  revenue share (≤ 1 in total per enterprise); MADE_FROM \`props.share\` is the input share (the
  shares of one product's inputs sum to 1); SUPPLIES / COMPETES_WITH carry \`props.products\`;
  CONTROLS / INVESTS_IN carry \`props.stake\`.
- \`policies/*.md\` — ${stats.policies} short policy documents with YAML front matter (title, issuer,
  docNo, date, visibility, targets). Two are visible only to one enterprise
  (\`enterprise:D0001\`, \`enterprise:D0002\`).
- \`series-price.csv\`, \`series-demand.csv\`, \`series-output.csv\` — wide monthly tables
  (\`Date\` = ${MONTHS[0]} … ${MONTHS[MONTHS.length - 1]}), ${missing} empty cells in total (missing values);
  \`series.jsonl\` describes each column (kind, unit, subjectId, region).
- No provenance is written: the importer adds it.

## Counts

Nodes:

${table(stats.nodes)}

Edges:

${table(stats.edges)}

Enterprises: ${enterpriseCount}, of which ${cq} in Chongqing districts.

Series: ${Object.entries(stats.series)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')}.

## Designed for tests

- MADE_FROM is a DAG over six tiers (原材料 → 基础材料 → 关键材料 → 零部件 → 系统总成 → 整车), kept in
  product \`props.tier\` / \`props.tierName\`. An input may sit in the same tier as its product
  (电解液 ← 六氟磷酸锂), so the longest MADE_FROM chain is ${longest} hops.
- Concentrated inputs: lithium salts (碳酸锂, 氢氧化锂) only from 青海/江西/四川; all
  车规级芯片 kinds only from 广东/江苏/上海/浙江, 车载SoC芯片 and 碳化硅功率模块 from one producer
  each; 六氟磷酸锂 and 质子交换膜 from one producer; 隔膜 and 钕铁硼永磁材料 from two, outside
  Chongqing; 原油, 铁矿石, 镍矿, 钴矿, 铬矿, 铜精矿 have no producer in the dataset (imported).
`;
}

/** Writes the dataset beside this file, replacing stale policy files. */
export function writeDemo(dir = DEMO_DIR, seed = DEMO_SEED): DemoDataset {
  const dataset = generateDemo(seed);
  const policyDir = join(dir, 'policies');
  mkdirSync(policyDir, { recursive: true });
  for (const f of readdirSync(policyDir))
    if (f.endsWith('.md') && !dataset.files.has(`policies/${f}`)) rmSync(join(policyDir, f));
  for (const [path, content] of dataset.files) writeFileSync(join(dir, path), content);
  return dataset;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { stats } = writeDemo();
  console.log(JSON.stringify(stats));
}
