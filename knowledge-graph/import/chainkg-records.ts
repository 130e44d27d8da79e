import { z } from 'zod';

/** The records of the public chainkg dataset (../shared/README.md), one schema per file. */
const code = z
  .string()
  .regex(/^\d{6}(\.(SH|SZ|BJ))?$/i, 'expected a 6-digit stock code, optionally .SH/.SZ/.BJ');
const name = z.string().trim().min(1).max(512);

export const ChainkgRecords = {
  'industry.jsonl': z.object({ code: z.string().min(1), name }),
  'industry_industry.jsonl': z.object({
    from_code: z.string().min(1),
    to_code: z.string().min(1),
    rel: z.string(),
  }),
  'industry_up.jsonl': z.object({
    industry: name,
    ups: z.record(z.string(), z.number().int().nonnegative()),
  }),
  'company.jsonl': z.object({
    name,
    fullname: name,
    code,
    location: z.string().optional(),
    // Real rows sometimes carry the exchange name or '-' here: kept only when it is a date.
    time: z.string().optional(),
  }),
  'company_industry.jsonl': z.object({
    company_code: code,
    industry_code: z.string().min(1),
    industry_name: z.string(),
    company_name: z.string().trim().min(1).optional(),
  }),
  'product.jsonl': z.object({ name }),
  'company_product.jsonl': z.object({ company_code: code, product: name, weight: z.number().finite() }),
  'product_product.jsonl': z.object({
    from_product: name,
    to_product: name,
    rel: z.enum(['上游材料', '下游产品', '产品小类']),
  }),
} as const;

export type ChainkgFile = keyof typeof ChainkgRecords;
export type ChainkgRecord<F extends ChainkgFile> = z.infer<(typeof ChainkgRecords)[F]>;

/** Import order: every edge's ends come from an earlier file. */
export const CHAINKG_FILES: readonly ChainkgFile[] = [
  'industry.jsonl',
  'industry_industry.jsonl',
  'industry_up.jsonl',
  'company.jsonl',
  'company_industry.jsonl',
  'product.jsonl',
  'company_product.jsonl',
  'product_product.jsonl',
];
