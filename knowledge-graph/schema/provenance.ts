import { z } from 'zod';

/** Where a node or edge came from. Every source that contributed keeps its own entry. */
export const ProvenanceSchema = z.object({
  /** Dataset (`chainkg`, `ickg25`, `demo`, a user import name) or a document id. */
  source: z.string().min(1),
  /** Record within the source, e.g. `company.jsonl:17` or a document chunk id. */
  record: z.string().min(1),
  ingestedAt: z.iso.datetime(),
  confidence: z.number().min(0).max(1).default(1),
  validFrom: z.iso.date().optional(),
  validTo: z.iso.date().optional(),
  /** Set when the fact was inferred (e.g. region from a registered name), not stated by the source. */
  inferred: z.boolean().optional(),
  note: z.string().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;
