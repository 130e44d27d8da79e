import { z } from 'zod';
import { EdgeTypeSchema, NodeTypeSchema, VisibilitySchema } from '../schema/index.js';

/**
 * The documented user format (docs/import-format.md): one record per JSON line or CSV row, a
 * node or an edge. Edge ends are node ids or names (resolved like `ibrain graph entity`).
 */
const props = z.record(z.string(), z.json()).default({});

export const GenericNodeSchema = z.object({
  type: NodeTypeSchema,
  name: z.string().trim().min(1).max(512),
  id: z.string().min(3).max(512).optional(),
  aliases: z.array(z.string().trim().min(1).max(512)).default([]),
  props,
  visibility: VisibilitySchema.default('public'),
});
export type GenericNode = z.infer<typeof GenericNodeSchema>;

export const GenericEdgeSchema = z.object({
  type: EdgeTypeSchema,
  from: z.string().trim().min(1).max(512),
  to: z.string().trim().min(1).max(512),
  fromType: NodeTypeSchema.optional(),
  toType: NodeTypeSchema.optional(),
  props,
  visibility: VisibilitySchema.default('public'),
});
export type GenericEdge = z.infer<typeof GenericEdgeSchema>;

export function isEdgeRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('from' in value || 'to' in value);
}

/** A CSV row as a record: known columns as fields, `aliases` split on |, other columns into props. */
export function rowToRecord(row: Record<string, string>): Record<string, unknown> {
  const fields = new Set(['type', 'name', 'id', 'aliases', 'visibility', 'from', 'to', 'fromType', 'toType']);
  const record: Record<string, unknown> = {};
  const rowProps: Record<string, string | number | boolean> = {};
  for (const [column, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (value === '') continue;
    if (column === 'aliases')
      record.aliases = value
        .split('|')
        .map((a) => a.trim())
        .filter(Boolean);
    else if (fields.has(column)) record[column] = value;
    else rowProps[column.replace(/^prop\./, '')] = parseScalar(value);
  }
  record.props = rowProps;
  return record;
}

function parseScalar(value: string): string | number | boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  const n = Number(value);
  return value !== '' && Number.isFinite(n) && /^-?[\d.]+(e-?\d+)?$/i.test(value) ? n : value;
}
