import { z } from '@hono/zod-openapi';

/** A sentence in both languages the engine writes (risk notes, explanations). */
export const TextSchema = z.object({ en: z.string(), zh: z.string() }).openapi('Text');

export const json200 = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
});

/** A risk or briefing scope as users type it: `product:碳酸锂`, `region:重庆市`. */
export const ScopeTextSchema = z
  .string()
  .trim()
  .max(300)
  .regex(
    /^(product|enterprise|industry|region):\s*\S/,
    'product:<name>, enterprise:<name>, industry:<name> or region:<name>',
  )
  .openapi({ example: 'product:碳酸锂' });
