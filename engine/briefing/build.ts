import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { Engine } from '../container.js';
import { renderDocx } from './docx.js';
import { type BriefingProgress, gatherBriefing, type Lang } from './gather.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderCharts } from './render.js';

export const BRIEFING_FORMATS = ['md', 'html', 'docx'] as const;
export type BriefingFormat = (typeof BRIEFING_FORMATS)[number];

export const CONTENT_TYPES: Record<BriefingFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Gathers a briefing once and renders it in each asked-for format. */
export async function buildBriefing(
  engine: Engine,
  scope: string,
  options: { formats: readonly BriefingFormat[]; lang: Lang; asOf?: string },
  principal: Principal,
  progress: (p: BriefingProgress) => void = () => {},
): Promise<{ score: number; name: string; files: Map<BriefingFormat, Uint8Array> }> {
  const data = await gatherBriefing(engine, scope, principal, options, progress);
  const charts = renderCharts(data);
  const files = new Map<BriefingFormat, Uint8Array>();
  for (const format of options.formats) {
    progress({ percent: 85, stage: `render ${format}` });
    if (format === 'md') files.set(format, Buffer.from(renderMarkdown(data, charts)));
    else if (format === 'html') files.set(format, Buffer.from(renderHtml(data, charts)));
    else files.set(format, await renderDocx(data, charts));
  }
  progress({ percent: 100, stage: 'done' });
  return { score: data.risk.score, name: data.risk.scope.name, files };
}
