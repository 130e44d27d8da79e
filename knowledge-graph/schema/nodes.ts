import { z } from 'zod';
import { ProvenanceSchema } from './provenance.js';
import { VisibilitySchema } from './visibility.js';

export const NODE_TYPES = [
  'Enterprise',
  'Product',
  'Industry',
  'Region',
  'Policy',
  'Document',
  'Series',
] as const;
export const NodeTypeSchema = z.enum(NODE_TYPES);
export type NodeType = z.infer<typeof NodeTypeSchema>;

const props = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

export const EnterprisePropsSchema = props({
  code: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  exchange: z.enum(['SH', 'SZ', 'BJ']).optional(),
  fullName: z.string().optional(),
  shortName: z.string().optional(),
  listedAt: z.iso.date().optional(),
  regionId: z.string().optional(),
  demo: z.boolean().optional(),
});
export const ProductPropsSchema = props({ unit: z.string().optional(), demo: z.boolean().optional() });
export const IndustryPropsSchema = props({
  code: z.string().optional(),
  classification: z.string().optional(),
  level: z.number().int().optional(),
});
export const RegionPropsSchema = props({
  level: z.enum(['country', 'province', 'city', 'district']).optional(),
  parentId: z.string().optional(),
});
export const PolicyPropsSchema = props({
  issuer: z.string().optional(),
  docNo: z.string().optional(),
  date: z.iso.date().optional(),
  documentId: z.string().optional(),
});
export const DocumentPropsSchema = props({
  source: z.string().optional(),
  hash: z.string().optional(),
  title: z.string().optional(),
  issuer: z.string().optional(),
  docNo: z.string().optional(),
  date: z.iso.date().optional(),
});
export const SeriesPropsSchema = props({
  kind: z.enum(['price', 'demand', 'output', 'other']).default('other'),
  frequency: z.enum(['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly']),
  unit: z.string().optional(),
  subjectId: z.string().optional(),
  /** The source's code for the series (IMF `PCOPP`), its English and Chinese names and its description. */
  code: z.string().optional(),
  nameEn: z.string().optional(),
  nameZh: z.string().optional(),
  description: z.string().optional(),
});

const base = {
  /** Stable id, `<type prefix>:<key>`, e.g. `enterprise:601127`, `product:轮胎`. */
  id: z.string().min(1).max(512),
  name: z.string().min(1).max(512),
  aliases: z.array(z.string().min(1).max(512)).default([]),
  provenance: z.array(ProvenanceSchema).min(1),
  visibility: VisibilitySchema.default('public'),
};

export const NodeSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('Enterprise'), props: EnterprisePropsSchema.default({}) }),
  z.object({ ...base, type: z.literal('Product'), props: ProductPropsSchema.default({}) }),
  z.object({ ...base, type: z.literal('Industry'), props: IndustryPropsSchema.default({}) }),
  z.object({ ...base, type: z.literal('Region'), props: RegionPropsSchema.default({}) }),
  z.object({ ...base, type: z.literal('Policy'), props: PolicyPropsSchema.default({}) }),
  z.object({ ...base, type: z.literal('Document'), props: DocumentPropsSchema.default({}) }),
  z.object({ ...base, type: z.literal('Series'), props: SeriesPropsSchema }),
]);
export type GraphNode = z.infer<typeof NodeSchema>;
export type GraphNodeInput = z.input<typeof NodeSchema>;
export type NodeOf<T extends NodeType> = Extract<GraphNode, { type: T }>;

const ID_PREFIX: Record<NodeType, string> = {
  Enterprise: 'enterprise',
  Product: 'product',
  Industry: 'industry',
  Region: 'region',
  Policy: 'policy',
  Document: 'document',
  Series: 'series',
};

export function nodeId(type: NodeType, key: string): string {
  return `${ID_PREFIX[type]}:${key}`;
}

export function nodeTypeOfId(id: string): NodeType | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return NODE_TYPES.find((t) => ID_PREFIX[t] === prefix);
}
