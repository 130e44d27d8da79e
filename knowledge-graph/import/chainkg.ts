import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exchangeOf, stockCode } from '../resolve/normalise.js';
import { inferRegion } from '../resolve/region.js';
import {
  edgeId,
  flagWeight,
  type GraphEdge,
  type GraphNode,
  nodeId,
  type Provenance,
} from '../schema/index.js';
import type { GraphStore } from '../store/port.js';
import type { z } from 'zod';
import { CHAINKG_FILES, type ChainkgFile, type ChainkgRecord, ChainkgRecords } from './chainkg-records.js';
import { validLines } from './jsonl.js';
import { ImportInputError, requireFile } from './lines.js';
import { ImportReport, type ImportSummary } from './report.js';
import { BatchWriter, type ProgressListener } from './writer.js';

export interface ImportOptions {
  store: GraphStore;
  batchSize?: number;
  onProgress?: ProgressListener;
  /** The dataset name written into provenance and the catalog. */
  dataset?: string;
}

const EXCHANGES: Record<string, 'SH' | 'SZ' | 'BJ'> = {
  上海证券交易所: 'SH',
  深圳证券交易所: 'SZ',
  北京证券交易所: 'BJ',
};

/** Region nodes and an enterprise's inferred LOCATED_IN edge, from its registered name. */
export function regionFacts(
  enterpriseId: string,
  fullName: string,
  provenance: Provenance,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const region = inferRegion(fullName);
  if (!region) return { nodes: [], edges: [] };
  const inferred: Provenance = {
    ...provenance,
    inferred: true,
    confidence: 0.8,
    note: 'region inferred from the registered name',
  };
  // One provenance entry per region, not one per enterprise located there.
  const regionNode = (name: string, level: 'province' | 'city', parentId?: string): GraphNode => ({
    id: nodeId('Region', name),
    type: 'Region',
    name,
    aliases: [],
    props: parentId ? { level, parentId } : { level },
    provenance: [
      {
        ...inferred,
        record: `region:${name}`,
        note: 'administrative division named in registered enterprise names',
      },
    ],
    visibility: 'public',
  });
  const edge = (from: string, to: string): GraphEdge => ({
    id: edgeId('LOCATED_IN', from, to),
    type: 'LOCATED_IN',
    from,
    to,
    props: {},
    provenance: [inferred],
    visibility: 'public',
  });
  const id = nodeId('Region', region.name);
  if (!region.province)
    return { nodes: [regionNode(region.name, 'province')], edges: [edge(enterpriseId, id)] };
  const provinceId = nodeId('Region', region.province);
  return {
    nodes: [regionNode(region.province, 'province'), regionNode(region.name, 'city', provinceId)],
    edges: [edge(id, provinceId), edge(enterpriseId, id)],
  };
}

/**
 * Imports the public chainkg dataset (companies, Shenwan industries, products and their links).
 * Codes with and without exchange suffix resolve to one enterprise; revenue-share weights are kept
 * as given and flagged when outside [0, 1]; records naming unknown ids are rejected with their line.
 */
export async function importChainkg(dir: string, options: ImportOptions): Promise<ImportSummary> {
  const dataset = options.dataset ?? 'chainkg';
  for (const file of CHAINKG_FILES) {
    if (!existsSync(join(dir, file))) {
      throw new ImportInputError(
        `${join(dir, file)}: missing; a chainkg directory holds ${CHAINKG_FILES.join(', ')}`,
      );
    }
  }
  const report = new ImportReport(dataset, dir);
  const writer = new BatchWriter(options.store, options.batchSize);
  const ingestedAt = new Date().toISOString();
  const provenance = (file: string, line: number): Provenance => ({
    source: dataset,
    record: `${file}:${line}`,
    ingestedAt,
    confidence: 1,
  });
  const edge = (
    type: GraphEdge['type'],
    from: string,
    to: string,
    file: string,
    line: number,
    props: GraphEdge['props'] = {},
  ): GraphEdge => ({
    id: edgeId(type, from, to),
    type,
    from,
    to,
    props,
    provenance: [provenance(file, line)],
    visibility: 'public',
  });

  const industryCodes = new Set<string>();
  const industryByName = new Map<string, string>();
  const enterprises = new Set<string>();
  const products = new Set<string>();
  const flagged = { above_one: 0, negative: 0 };
  let undatedListings = 0;

  async function each<F extends ChainkgFile>(
    file: F,
    handle: (record: ChainkgRecord<F>, line: number) => Promise<void>,
  ): Promise<void> {
    const path = join(dir, file);
    if ((await requireFile(path)) === 0) report.notes.push(`${file} is empty`);
    let done = 0;
    const schema = ChainkgRecords[file] as unknown as z.ZodType<ChainkgRecord<F>>;
    for await (const { line, record } of validLines(path, file, schema, report)) {
      await handle(record, line);
      if (++done % 2_000 === 0) options.onProgress?.({ phase: file, done });
    }
    options.onProgress?.({ phase: file, done });
  }

  await each('industry.jsonl', async (r, line) => {
    const id = nodeId('Industry', r.code);
    industryCodes.add(r.code);
    industryByName.set(r.name, r.code);
    await writer.node({
      id,
      type: 'Industry',
      name: r.name,
      aliases: [],
      props: { code: r.code, classification: '申万行业', level: shenwanLevel(r.code) },
      provenance: [provenance('industry.jsonl', line)],
      visibility: 'public',
    });
  });
  await each('industry_industry.jsonl', async (r, line) => {
    const missing = [r.from_code, r.to_code].find((c) => !industryCodes.has(c));
    if (missing)
      return report.reject(
        'industry_industry.jsonl',
        line,
        `unknown industry: code ${missing} is not in industry.jsonl`,
      );
    await writer.edge(
      edge(
        'INDUSTRY_PARENT',
        nodeId('Industry', r.from_code),
        nodeId('Industry', r.to_code),
        'industry_industry.jsonl',
        line,
        { relation: r.rel },
      ),
    );
  });
  await each('industry_up.jsonl', async (r, line) => {
    const downstream = industryByName.get(r.industry);
    if (!downstream)
      return report.reject(
        'industry_up.jsonl',
        line,
        `unknown industry: ${r.industry} is not in industry.jsonl`,
      );
    for (const [name, count] of Object.entries(r.ups)) {
      // An upstream industry industry.jsonl lacks is kept under its name, so the list stays whole.
      let upstream = industryByName.get(name);
      if (!upstream) {
        upstream = `name:${name}`;
        industryByName.set(name, upstream);
        await writer.node({
          id: nodeId('Industry', upstream),
          type: 'Industry',
          name,
          aliases: [],
          props: { classification: '申万行业' },
          provenance: [
            {
              ...provenance('industry_up.jsonl', line),
              note: 'not in industry.jsonl: named as an upstream industry',
            },
          ],
          visibility: 'public',
        });
        report.notes.push(
          `industry_up.jsonl:${line}: upstream industry ${name} is not in industry.jsonl; kept by name`,
        );
      }
      await writer.edge(
        edge(
          'UPSTREAM_OF',
          nodeId('Industry', upstream),
          nodeId('Industry', downstream),
          'industry_up.jsonl',
          line,
          { count },
        ),
      );
    }
  });
  await each('company.jsonl', async (r, line) => {
    const code = stockCode(r.code)!;
    const id = nodeId('Enterprise', code);
    enterprises.add(id);
    const exchange = exchangeOf(r.code) ?? (r.location ? EXCHANGES[r.location] : undefined);
    const prov = provenance('company.jsonl', line);
    const listedAt = r.time && /^\d{4}-\d{2}-\d{2}$/.test(r.time) ? r.time : undefined;
    if (r.time && !listedAt) undatedListings++;
    await writer.node({
      id,
      type: 'Enterprise',
      name: r.name,
      aliases: [r.fullname, ...(r.code !== code ? [r.code] : [])],
      props: {
        code,
        ...(exchange ? { exchange } : {}),
        fullName: r.fullname,
        shortName: r.name,
        ...(listedAt ? { listedAt } : {}),
      },
      provenance: [prov],
      visibility: 'public',
    });
    const region = regionFacts(id, r.fullname, prov);
    for (const n of region.nodes) await writer.node(n);
    for (const e of region.edges) await writer.edge(e);
  });
  const relinked = new Map<string, number>();
  await each('company_industry.jsonl', async (r, line) => {
    const code = stockCode(r.company_code)!;
    const id = nodeId('Enterprise', code);
    if (!enterprises.has(id) && !r.company_name)
      return report.reject(
        'company_industry.jsonl',
        line,
        `unknown company: ${r.company_code} is not in company.jsonl and the record names none`,
      );
    // A company only this record names (not in company.jsonl) is kept from its name and code.
    if (!enterprises.has(id) && r.company_name) {
      enterprises.add(id);
      const exchange = exchangeOf(r.company_code);
      await writer.node({
        id,
        type: 'Enterprise',
        name: r.company_name,
        aliases: r.company_code !== code ? [r.company_code] : [],
        props: { code, ...(exchange ? { exchange } : {}), shortName: r.company_name },
        provenance: [
          {
            ...provenance('company_industry.jsonl', line),
            note: 'not in company.jsonl: named by its industry record',
          },
        ],
        visibility: 'public',
      });
      report.notes.push(
        `company_industry.jsonl:${line}: ${r.company_code} ${r.company_name} is not in company.jsonl; kept from this record`,
      );
    }
    // A code industry.jsonl lacks is read by the record's industry name (an older code for an industry
    // it lists under another); an industry it does not list at all is kept from the record, under the
    // parent its Shenwan code implies when there is one.
    let industryCode = r.industry_code;
    if (!industryCodes.has(industryCode)) {
      const byName = r.industry_name ? industryByName.get(r.industry_name) : undefined;
      if (byName) {
        industryCode = byName;
        relinked.set(
          `${r.industry_code} ${r.industry_name} → ${byName}`,
          (relinked.get(`${r.industry_code} ${r.industry_name} → ${byName}`) ?? 0) + 1,
        );
      } else if (!/^\d{6}$/.test(industryCode) || !r.industry_name) {
        return report.reject(
          'company_industry.jsonl',
          line,
          `unknown industry: code ${r.industry_code} (${r.industry_name}) is not in industry.jsonl`,
        );
      } else {
        industryCodes.add(industryCode);
        industryByName.set(r.industry_name, industryCode);
        const prov = {
          ...provenance('company_industry.jsonl', line),
          note: 'not in industry.jsonl: named by a company record',
        };
        await writer.node({
          id: nodeId('Industry', industryCode),
          type: 'Industry',
          name: r.industry_name,
          aliases: [],
          props: { code: industryCode, classification: '申万行业', level: shenwanLevel(industryCode) },
          provenance: [prov],
          visibility: 'public',
        });
        const parent = shenwanParent(industryCode);
        if (parent && industryCodes.has(parent))
          await writer.edge({
            ...edge(
              'INDUSTRY_PARENT',
              nodeId('Industry', industryCode),
              nodeId('Industry', parent),
              'company_industry.jsonl',
              line,
            ),
            provenance: [{ ...prov, inferred: true, note: 'parent read off the Shenwan code' }],
          });
        report.notes.push(
          `company_industry.jsonl:${line}: industry ${r.industry_code} ${r.industry_name} is not in industry.jsonl; kept from this record`,
        );
      }
    }
    await writer.edge(
      edge('IN_INDUSTRY', id, nodeId('Industry', industryCode), 'company_industry.jsonl', line),
    );
  });
  for (const [mapping, rows] of relinked)
    report.notes.push(
      `company_industry.jsonl: industry code not in industry.jsonl, linked by name: ${mapping} (${rows} rows)`,
    );
  await each('product.jsonl', async (r, line) => {
    const id = nodeId('Product', r.name);
    products.add(r.name);
    await writer.node({
      id,
      type: 'Product',
      name: r.name,
      aliases: [],
      props: {},
      provenance: [provenance('product.jsonl', line)],
      visibility: 'public',
    });
  });
  await each('company_product.jsonl', async (r, line) => {
    const id = nodeId('Enterprise', stockCode(r.company_code)!);
    if (!enterprises.has(id))
      return report.reject(
        'company_product.jsonl',
        line,
        `unknown company: ${r.company_code} is not in company.jsonl`,
      );
    if (!products.has(r.product))
      return report.reject(
        'company_product.jsonl',
        line,
        `unknown product: ${r.product} is not in product.jsonl`,
      );
    const weightFlag = flagWeight(r.weight);
    if (weightFlag) flagged[weightFlag]++;
    await writer.edge(
      edge('PRODUCES', id, nodeId('Product', r.product), 'company_product.jsonl', line, {
        weight: r.weight,
        ...(weightFlag ? { weightFlag } : {}),
      }),
    );
  });
  await each('product_product.jsonl', async (r, line) => {
    const missing = [r.from_product, r.to_product].find((p) => !products.has(p));
    if (missing)
      return report.reject(
        'product_product.jsonl',
        line,
        `unknown product: ${missing} is not in product.jsonl`,
      );
    const from = nodeId('Product', r.from_product);
    const to = nodeId('Product', r.to_product);
    const props = { relation: r.rel };
    // 上游材料: to is an input of from; 下游产品: to is made from from; 产品小类: to is a subtype of from.
    if (r.rel === '上游材料')
      await writer.edge(edge('MADE_FROM', from, to, 'product_product.jsonl', line, props));
    else if (r.rel === '下游产品')
      await writer.edge(edge('MADE_FROM', to, from, 'product_product.jsonl', line, props));
    else await writer.edge(edge('SUBTYPE_OF', to, from, 'product_product.jsonl', line, props));
  });
  await writer.flush();
  if (undatedListings)
    report.notes.push(
      `${undatedListings} company listing dates were not dates (e.g. an exchange name) and were left unset`,
    );
  if (flagged.above_one)
    report.notes.push(`${flagged.above_one} revenue-share weights above 1 kept as given (flagged above_one)`);
  if (flagged.negative)
    report.notes.push(`${flagged.negative} negative revenue-share weights kept as given (flagged negative)`);
  return report.summary(writer.written);
}

/** The code of a Shenwan code's parent level (280103 → 280100 → 280000), none for a sector. */
function shenwanParent(code: string): string | undefined {
  if (code.endsWith('0000')) return undefined;
  return code.endsWith('00') ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
}

/** A Shenwan code's level: 110000 is a sector (1), 110100 an industry (2), 110101 a sub-industry (3). */
function shenwanLevel(code: string): number {
  if (code.endsWith('0000')) return 1;
  return code.endsWith('00') ? 2 : 3;
}
