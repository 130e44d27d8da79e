import { join } from 'node:path';
import { z } from 'zod';
import { byText, check } from '../item.js';
import { getOrSet, push, setFirst } from './maps.js';
import { readJsonLines } from './read.js';

const Company = z.object({
  name: z.string(),
  fullname: z.string(),
  code: z.string(),
  location: z.string(),
  time: z.string(),
});
const CompanyProduct = z.object({ company_code: z.string(), product: z.string(), weight: z.number() });
const CompanyIndustry = z.object({
  company_code: z.string(),
  industry_code: z.string(),
  industry_name: z.string(),
  company_name: z.string(),
});
const ProductProduct = z.object({ from_product: z.string(), to_product: z.string(), rel: z.string() });
const IndustryUp = z.object({ industry: z.string(), ups: z.record(z.string(), z.number()) });
const IndustryIndustry = z.object({ from_industry: z.string(), to_industry: z.string(), rel: z.string() });
const ProductName = z.object({ name: z.string() });

export type CompanyRow = z.infer<typeof Company> & { line: number };
export type CompanyIndustryRow = z.infer<typeof CompanyIndustry> & { line: number };
export type IndustryUpRow = z.infer<typeof IndustryUp> & { line: number };

/** A listed producer of a product: its largest weight over the rows that name the pair. */
export interface Producer {
  name: string;
  code: string;
  weight: number;
  lines: number[];
}

export interface Holding {
  product: string;
  weight: number;
  line: number;
}

/** 600373.SH and 600373 are the same company: everything is keyed by the 6-digit code. */
export function code6(code: string): string {
  return code.slice(0, 6);
}

export class Chainkg {
  readonly companies: CompanyRow[];
  readonly companyIndustry: CompanyIndustryRow[];
  readonly industryUp: IndustryUpRow[];
  readonly productNames: Set<string>;
  /** product -> material -> first line (上游材料: the material is an input of the product). */
  readonly up = new Map<string, Map<string, number>>();
  /** material -> product -> first line, the reverse of `up`. */
  readonly down = new Map<string, Map<string, number>>();
  /** from -> to -> first line of 下游产品 edges. */
  readonly downstreamEdges = new Map<string, Map<string, number>>();
  private readonly byCode = new Map<string, CompanyRow[]>();
  private readonly byName = new Map<string, CompanyRow[]>();
  private readonly producersOf = new Map<string, Map<string, { weight: number; lines: number[] }>>();
  private readonly holdings = new Map<string, Map<string, { weight: number; line: number }>>();
  private readonly industryOf = new Map<string, CompanyIndustryRow>();
  readonly parent = new Map<string, { industry: string; line: number }>();
  readonly upsOf = new Map<string, IndustryUpRow>();

  constructor(dir: string) {
    this.companies = readJsonLines(join(dir, 'company.jsonl'), Company).map(({ row, line }) => ({
      ...row,
      line,
    }));
    for (const c of this.companies) {
      push(this.byCode, code6(c.code), c);
      push(this.byName, c.name, c);
    }
    for (const { row, line } of readJsonLines(join(dir, 'company_product.jsonl'), CompanyProduct)) {
      const c = code6(row.company_code);
      const byCompany = getOrSet(this.producersOf, row.product, () => new Map());
      const entry = byCompany.get(c);
      if (entry) {
        entry.weight = Math.max(entry.weight, row.weight);
        entry.lines.push(line);
      } else byCompany.set(c, { weight: row.weight, lines: [line] });
      const held = getOrSet(this.holdings, c, () => new Map());
      const h = held.get(row.product);
      if (!h) held.set(row.product, { weight: row.weight, line });
      else if (row.weight > h.weight) held.set(row.product, { weight: row.weight, line });
    }
    this.companyIndustry = readJsonLines(join(dir, 'company_industry.jsonl'), CompanyIndustry).map(
      ({ row, line }) => ({ ...row, line }),
    );
    for (const r of this.companyIndustry) {
      check(!this.industryOf.has(code6(r.company_code)), `two industries for ${r.company_code}`);
      this.industryOf.set(code6(r.company_code), r);
    }
    for (const { row, line } of readJsonLines(join(dir, 'product_product.jsonl'), ProductProduct)) {
      if (row.rel === '上游材料') {
        setFirst(
          getOrSet(this.up, row.from_product, () => new Map()),
          row.to_product,
          line,
        );
        setFirst(
          getOrSet(this.down, row.to_product, () => new Map()),
          row.from_product,
          line,
        );
      } else if (row.rel === '下游产品') {
        setFirst(
          getOrSet(this.downstreamEdges, row.from_product, () => new Map()),
          row.to_product,
          line,
        );
      }
    }
    this.industryUp = readJsonLines(join(dir, 'industry_up.jsonl'), IndustryUp).map(({ row, line }) => ({
      ...row,
      line,
    }));
    for (const r of this.industryUp) this.upsOf.set(r.industry, r);
    for (const { row, line } of readJsonLines(join(dir, 'industry_industry.jsonl'), IndustryIndustry)) {
      this.parent.set(row.from_industry, { industry: row.to_industry, line });
    }
    this.productNames = new Set(
      readJsonLines(join(dir, 'product.jsonl'), ProductName).map(({ row }) => row.name),
    );
  }

  /** The single company row of a short name (asserts the name names one code). */
  company(name: string): CompanyRow {
    const rows = this.byName.get(name) ?? [];
    check(rows.length > 0, `no company named ${name}`);
    check(new Set(rows.map((r) => code6(r.code))).size === 1, `${name} names more than one code`);
    return rows[0]!;
  }

  rowsOfCode(code: string): CompanyRow[] {
    return this.byCode.get(code6(code)) ?? [];
  }

  rowsNamed(name: string): CompanyRow[] {
    return this.byName.get(name) ?? [];
  }

  /** Short name of a code; a renamed company has two rows and the first one wins. */
  nameOf(code: string): string {
    const rows = this.rowsOfCode(code);
    check(rows.length > 0, `no company with code ${code}`);
    return rows[0]!.name;
  }

  /** Listed producers of a product, largest weight first. */
  producers(product: string): Producer[] {
    const byCompany = this.producersOf.get(product) ?? new Map();
    return [...byCompany.entries()]
      .map(([c, { weight, lines }]) => ({ name: this.nameOf(c), code: c, weight, lines }))
      .sort((a, b) => b.weight - a.weight || byText(a.code, b.code));
  }

  /** A company's products, largest weight first. */
  productsOf(code: string): Holding[] {
    const held = this.holdings.get(code6(code)) ?? new Map();
    return [...held.entries()]
      .map(([product, { weight, line }]) => ({ product, weight, line }))
      .sort((a, b) => b.weight - a.weight || byText(a.product, b.product));
  }

  industryOfCode(code: string): CompanyIndustryRow | undefined {
    return this.industryOf.get(code6(code));
  }

  /** The direct inputs of a product (asserts it has some). */
  inputsOf(product: string): Map<string, number> {
    const inputs = this.up.get(product);
    check(inputs && inputs.size > 0, `${product} has no 上游材料 edge`);
    return inputs;
  }

  /** Products made from a material: reverse 上游材料 edges plus its 下游产品 edges. */
  outputsOf(material: string): Map<string, number> {
    const out = new Map(this.down.get(material) ?? []);
    for (const [to, line] of this.downstreamEdges.get(material) ?? []) setFirst(out, to, line);
    check(out.size > 0, `${material} has no downstream product`);
    return out;
  }

  /** The industry and its parents up to `levels` names, each with where it was read. */
  industryChain(code: string, levels: number): { industry: string; source: string }[] {
    const r = this.industryOfCode(code);
    check(r, `no industry for ${code}`);
    const chain = [{ industry: r.industry_name, source: `company_industry.jsonl:${r.line}` }];
    while (chain.length < levels) {
      const p = this.parent.get(chain[chain.length - 1]!.industry);
      if (!p) break;
      chain.push({ industry: p.industry, source: `industry_industry.jsonl:${p.line}` });
    }
    return chain;
  }

  /** The level-1 sector of an industry, climbing 上级行业 edges. */
  level1(industry: string): string {
    let current = industry;
    const seen = new Set<string>();
    for (let p = this.parent.get(current); p && !seen.has(current); p = this.parent.get(current)) {
      seen.add(current);
      current = p.industry;
    }
    return current;
  }
}

/** A company row as the notes quote it. */
export function quoteCompany(c: CompanyRow): string {
  const { name, fullname, code, location, time } = c;
  return `company.jsonl:${c.line} ${JSON.stringify({ name, fullname, code, location, time })}`;
}
