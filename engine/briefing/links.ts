/**
 * Portal URLs for what a briefing names, so HTML briefings link to the same profile and record
 * pages as the portal. This is the URL scheme of api/portal/links.ts (`nodeHref`,
 * `citationHref`), written out here because the engine must not import from api/: keep the two
 * in step when either changes.
 */
const PROFILE: Record<string, string> = {
  enterprise: '/enterprises',
  product: '/products',
  industry: '/industries',
  region: '/regions',
};

/** The profile page of a node id (`product:…`, `enterprise:…`), or undefined for other kinds. */
export function profileHref(id: string): string | undefined {
  const base = PROFILE[id.slice(0, id.indexOf(':'))];
  return base ? `${base}/${encodeURIComponent(id)}` : undefined;
}

/** Where a piece of evidence can be checked: its passage, its graph record or its series. */
export function evidenceHref(e: { id: string; docId?: string; chunkId?: string }): string {
  if (e.docId)
    return `/documents/${encodeURIComponent(e.docId)}${e.chunkId ? `#chunk-${encodeURIComponent(e.chunkId)}` : ''}`;
  if (e.id.includes('|')) return `/records/edge/${encodeURIComponent(e.id)}`;
  if (e.id.startsWith('series:')) return `/series/${encodeURIComponent(e.id)}`;
  return `/records/node/${encodeURIComponent(e.id)}`;
}
