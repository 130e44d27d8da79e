import { z } from 'zod';

/**
 * Who may see a node, edge, document or series. `enterprise:<id>` data is "授权才可用": only a
 * principal holding that exact grant (or the admin wildcard) sees it.
 */
export const VisibilitySchema = z.union([
  z.literal('public'),
  z.literal('industry'),
  z.templateLiteral(['enterprise:', z.string().min(1)]),
]);
export type Visibility = z.infer<typeof VisibilitySchema>;

/** Whoever is reading. `grants` lists visibilities beyond `public`; `*` grants everything. */
export const PrincipalSchema = z.object({
  id: z.string().min(1),
  grants: z.array(z.union([VisibilitySchema, z.literal('*')])).default([]),
});
export type Principal = z.infer<typeof PrincipalSchema>;

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({ id: 'anonymous', grants: [] }) as Principal;
export const SYSTEM_PRINCIPAL: Principal = Object.freeze({ id: 'system', grants: ['*'] }) as Principal;

export function canSee(principal: Principal, visibility: string): boolean {
  if (visibility === 'public') return true;
  return principal.grants.includes('*') || principal.grants.includes(visibility as Visibility);
}

/** A principal for one enterprise's staff: public data plus that enterprise's shared data. */
export function enterprisePrincipal(enterpriseId: string, id = `enterprise-user:${enterpriseId}`): Principal {
  return { id, grants: [`enterprise:${enterpriseId}`] };
}
