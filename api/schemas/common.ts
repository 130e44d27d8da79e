import { z } from '@hono/zod-openapi';

/** A sentence in both languages the engine writes (risk notes, explanations). */
export const TextSchema = z.object({ en: z.string(), zh: z.string() }).openapi('Text');

export const json200 = <T extends z.ZodType>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
});
