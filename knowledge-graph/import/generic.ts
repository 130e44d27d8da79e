import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { NameIndex } from '../resolve/name-index.js';
import { normaliseName } from '../resolve/normalise.js';
import {
  edgeId,
  flagWeight,
  type GraphNode,
  NODE_TYPES,
  type NodeType,
  nodeId,
  NodeSchema,
} from '../schema/index.js';
import type { ImportOptions } from './chainkg.js';
import { GenericEdgeSchema, GenericNodeSchema, isEdgeRecord, rowToRecord } from './generic-records.js';
import { describeIssues } from './jsonl.js';
import { ImportInputError, readLines, requireFile } from './lines.js';
import { ImportReport, type ImportSummary } from './report.js';
import { BatchWriter } from './writer.js';

export type GenericFormat = 'jsonl' | 'csv';

interface RawRecord {
  line: number;
  value: unknown;
}

/** `report` gets the malformed lines; the second pass leaves it out so each is reported once. */
async function* jsonRecords(path: string, file: string, report?: ImportReport): AsyncGenerator<RawRecord> {
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      if (!report) continue;
      report.read++;
      report.reject(file, line, 'malformed JSON: the line is not one JSON object');
    }
  }
}

async function* csvRecords(path: string): AsyncGenerator<RawRecord> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: false, info: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      yield { line: info.lines, value: rowToRecord(record) };
    }
  } catch (error) {
    throw new ImportInputError(`${path}: ${(error as Error).message}`);
  }
}

/**
 * Imports the documented generic format, JSON lines or CSV, so users can load their own nodes
 * and edges. Nodes are written on a first pass and edges on a second, so an edge may name a node
 * defined further down the file.
 */
export async function importGeneric(
  path: string,
  format: GenericFormat,
  options: ImportOptions,
): Promise<ImportSummary> {
  if ((await requireFile(path)) === 0)
    throw new ImportInputError(`${path}: the file is empty; nothing to import`);
  const dataset = options.dataset ?? basename(path);
  const file = basename(path);
  const report = new ImportReport(dataset, path);
  const writer = new BatchWriter(options.store, options.batchSize);
  const ingestedAt = new Date().toISOString();
  const records = (pass: 1 | 2) =>
    format === 'csv' ? csvRecords(path) : jsonRecords(path, file, pass === 1 ? report : undefined);
  const provenance = (line: number) => ({
    source: dataset,
    record: `${file}:${line}`,
    ingestedAt,
    confidence: 1,
  });

  const indexes = await NameIndex.load(options.store, NODE_TYPES);
  const known = new Set<string>();
  const firstLine = new Map<string, number>();
  const duplicates: string[] = [];
  for await (const { line, value } of records(1)) {
    if (isEdgeRecord(value)) continue;
    report.read++;
    const parsed = GenericNodeSchema.safeParse(value);
    if (!parsed.success) {
      report.reject(file, line, `invalid node: ${describeIssues(parsed.error)}`);
      continue;
    }
    const r = parsed.data;
    const id =
      r.id ??
      nodeId(r.type, r.type === 'Enterprise' || r.type === 'Product' ? r.name : normaliseName(r.name));
    const node = NodeSchema.safeParse({ ...r, id, provenance: [provenance(line)] });
    if (!node.success) {
      report.reject(file, line, `invalid node: ${describeIssues(node.error)}`);
      continue;
    }
    const first = firstLine.get(id);
    if (first !== undefined && duplicates.length < 20) duplicates.push(`${id} (lines ${first} and ${line})`);
    if (first === undefined) firstLine.set(id, line);
    known.add(id);
    for (const name of [r.name, ...r.aliases]) indexes.get(r.type)!.add(name, id);
    await writer.node(node.data as GraphNode);
    if (report.read % 1_000 === 0) options.onProgress?.({ phase: 'nodes', done: report.read });
  }
  await writer.flush();
  if (duplicates.length)
    report.notes.push(`duplicate node ids merged into one node: ${duplicates.join('; ')}`);

  const resolve = async (ref: string, type: NodeType | undefined): Promise<string | undefined> => {
    if (
      known.has(ref) ||
      (ref.includes(':') && (await options.store.getNodes([ref], { id: 'import', grants: ['*'] })).length)
    ) {
      return ref;
    }
    const types = type ? [type] : NODE_TYPES;
    const hits = new Set(types.map((t) => indexes.get(t)!.resolve(ref)).filter((id): id is string => !!id));
    return hits.size === 1 ? [...hits][0] : undefined;
  };
  for await (const { line, value } of records(2)) {
    if (!isEdgeRecord(value)) continue;
    report.read++;
    const parsed = GenericEdgeSchema.safeParse(value);
    if (!parsed.success) {
      report.reject(file, line, `invalid edge: ${describeIssues(parsed.error)}`);
      continue;
    }
    const r = parsed.data;
    const from = await resolve(r.from, r.fromType);
    const to = await resolve(r.to, r.toType);
    if (!from || !to) {
      report.reject(
        file,
        line,
        `unknown node: ${from ? r.to : r.from} is neither a node id nor one node's name`,
      );
      continue;
    }
    const weight = typeof r.props.weight === 'number' ? r.props.weight : undefined;
    const share = r.props.share;
    if (share !== undefined && (typeof share !== 'number' || share < 0 || share > 1)) {
      report.reject(file, line, 'invalid edge: props.share must be a number from 0 to 1');
      continue;
    }
    const weightFlag = weight === undefined ? undefined : flagWeight(weight);
    if (report.read % 1_000 === 0) options.onProgress?.({ phase: 'edges', done: report.read });
    await writer.edge({
      id: edgeId(r.type, from, to),
      type: r.type,
      from,
      to,
      props: { ...r.props, ...(weightFlag ? { weightFlag } : {}) } as Record<string, unknown>,
      provenance: [provenance(line)],
      visibility: r.visibility,
    });
  }
  await writer.flush();
  return report.summary(writer.written);
}
