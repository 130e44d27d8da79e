import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { byText, check, norm } from '../item.js';
import { push } from './maps.js';
import { readCsv, readJsonLines, readLines } from './read.js';

const Node = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  props: z.record(z.string(), z.unknown()),
  visibility: z.string(),
});
const Edge = z.object({
  type: z.string(),
  from: z.string(),
  to: z.string(),
  props: z.record(z.string(), z.unknown()),
  visibility: z.string(),
});
const SeriesMeta = z.object({
  column: z.string(),
  file: z.string(),
  kind: z.string(),
  unit: z.string(),
  name: z.string(),
});

export type DemoNode = z.infer<typeof Node> & { line: number };
export type DemoEdge = z.infer<typeof Edge> & { line: number };

const Share = z.object({ share: z.number() });
const Weight = z.object({ weight: z.number() });
const Stake = z.object({ stake: z.number(), relation: z.string() });
const Products = z.object({ products: z.array(z.string()).default([]) });

/** A neighbour reached over an edge, with the edge's line. */
export interface Link {
  name: string;
  line: number;
}

export class Demo {
  readonly nodes: DemoNode[];
  readonly edges: DemoEdge[];
  private readonly byId = new Map<string, DemoNode>();
  private readonly byName = new Map<string, DemoNode[]>();
  private readonly outOf = new Map<string, DemoEdge[]>();
  private readonly into = new Map<string, DemoEdge[]>();
  readonly policies = new Map<string, string[]>();
  /** `${file}|${column}` -> month -> [raw cell, line] */
  readonly series = new Map<string, Map<string, { raw: string; line: number }>>();
  readonly seriesMeta = new Map<string, z.infer<typeof SeriesMeta>>();

  constructor(readonly dir: string) {
    this.nodes = readJsonLines(join(dir, 'nodes.jsonl'), Node).map(({ row, line }) => ({ ...row, line }));
    this.edges = readJsonLines(join(dir, 'edges.jsonl'), Edge).map(({ row, line }) => ({ ...row, line }));
    for (const n of this.nodes) {
      this.byId.set(n.id, n);
      push(this.byName, n.name, n);
    }
    for (const e of this.edges) {
      push(this.outOf, e.from, e);
      push(this.into, e.to, e);
    }
    const policyDir = join(dir, 'policies');
    for (const file of readdirSync(policyDir).sort(byText)) {
      if (file.endsWith('.md')) this.policies.set(file, readLines(join(policyDir, file)));
    }
    for (const file of ['series-price.csv', 'series-demand.csv', 'series-output.csv']) {
      const rows = readCsv(join(dir, file));
      check(
        rows.length === readLines(join(dir, file)).filter((l) => l !== '').length,
        `${file}: multi-line cell`,
      );
      const [head, ...body] = rows;
      for (const [j, column] of head!.entries()) {
        if (j === 0) continue;
        const cells = new Map<string, { raw: string; line: number }>();
        for (const [i, r] of body.entries()) cells.set(r[0]!, { raw: r[j] ?? '', line: i + 2 });
        this.series.set(`${file}|${column}`, cells);
      }
    }
    for (const { row } of readJsonLines(join(dir, 'series.jsonl'), SeriesMeta)) {
      this.seriesMeta.set(`${row.file}|${row.column}`, row);
    }
  }

  /** The node of a name (some names are a product and an industry: pass the type then). */
  node(name: string, type?: string): DemoNode {
    const found = (this.byName.get(name) ?? []).filter((n) => !type || n.type === type);
    check(found.length === 1, `demo: ${found.length} nodes named ${name}${type ? ` (${type})` : ''}`);
    return found[0]!;
  }

  nameOf(id: string): string {
    const n = this.byId.get(id);
    check(n, `demo: no node ${id}`);
    return n.name;
  }

  hasName(fragment: string): boolean {
    return this.nodes.some((n) => n.name.includes(fragment) || n.aliases.some((a) => a.includes(fragment)));
  }

  edgesOf(name: string, type: string, direction: 'out' | 'in', nodeType?: string): DemoEdge[] {
    const id = this.node(name, nodeType).id;
    return ((direction === 'out' ? this.outOf : this.into).get(id) ?? []).filter((e) => e.type === type);
  }

  /** Enterprises located in a region, sorted by name. */
  enterprisesIn(region: string): Link[] {
    return this.edgesOf(region, 'LOCATED_IN', 'in', 'Region')
      .filter((e) => e.from.startsWith('enterprise:'))
      .map((e) => ({ name: this.nameOf(e.from), line: e.line }))
      .sort((a, b) => byText(a.name, b.name));
  }

  /** Inputs of a product with their shares, largest first. */
  madeFrom(product: string): (Link & { share: number })[] {
    return this.edgesOf(product, 'MADE_FROM', 'out', 'Product')
      .map((e) => ({ name: this.nameOf(e.to), line: e.line, share: Share.parse(e.props).share }))
      .sort((a, b) => b.share - a.share || byText(a.name, b.name));
  }

  /** Enterprises producing a product, with revenue weight, largest first. */
  producersOf(product: string): (Link & { weight: number })[] {
    return this.edgesOf(product, 'PRODUCES', 'in', 'Product')
      .map((e) => ({ name: this.nameOf(e.from), line: e.line, weight: Weight.parse(e.props).weight }))
      .sort((a, b) => b.weight - a.weight || byText(a.name, b.name));
  }

  productsOf(enterprise: string): (Link & { weight: number })[] {
    return this.edgesOf(enterprise, 'PRODUCES', 'out', 'Enterprise')
      .map((e) => ({ name: this.nameOf(e.to), line: e.line, weight: Weight.parse(e.props).weight }))
      .sort((a, b) => b.weight - a.weight || byText(a.name, b.name));
  }

  /** SUPPLIES edges into (suppliers) or out of (customers) an enterprise, with the products carried. */
  supplies(enterprise: string, direction: 'in' | 'out'): (Link & { products: string[] })[] {
    return this.edgesOf(enterprise, 'SUPPLIES', direction, 'Enterprise')
      .map((e) => ({
        name: this.nameOf(direction === 'in' ? e.from : e.to),
        line: e.line,
        products: Products.parse(e.props).products.map((p) => this.nameOf(p)),
      }))
      .sort((a, b) => byText(a.name, b.name));
  }

  /** CONTROLS or INVESTS_IN edges of an enterprise, with the stake. */
  stakes(
    enterprise: string,
    type: 'CONTROLS' | 'INVESTS_IN',
    direction: 'in' | 'out',
  ): (Link & { stake: number })[] {
    return this.edgesOf(enterprise, type, direction, 'Enterprise')
      .map((e) => ({
        name: this.nameOf(direction === 'in' ? e.from : e.to),
        line: e.line,
        stake: Stake.parse(e.props).stake,
      }))
      .sort((a, b) => byText(a.name, b.name));
  }

  /** Line of a policy file holding `needle` (whitespace- and width-insensitive), asserting one does. */
  policyLine(file: string, needle: string): number {
    const lines = this.policies.get(file);
    check(lines, `demo: no policy ${file}`);
    const n = norm(needle);
    const i = lines.findIndex((l) => norm(l).includes(n));
    check(i >= 0, `demo policy ${file} lacks ${needle}`);
    return i + 1;
  }

  /** A front-matter field of a demo policy document. */
  front(file: string, key: string): string {
    const lines = this.policies.get(file) ?? [];
    const line = lines.find((l) => l.startsWith(`${key}:`));
    check(line, `demo policy ${file} has no ${key}`);
    return z.string().parse(JSON.parse(line.slice(key.length + 1).trim()));
  }

  cell(file: string, column: string, month: string): { raw: string; line: number } {
    const cells = this.series.get(`${file}|${column}`);
    check(cells, `demo: no series ${file} ${column}`);
    const cell = cells.get(month);
    check(cell, `demo: ${file} ${column} has no row ${month}`);
    return cell;
  }
}
