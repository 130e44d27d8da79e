import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { type Principal, PrincipalSchema } from '../../knowledge-graph/schema/index.js';
import { UserError } from '../errors.js';
import type { Engine } from '../container.js';
import { JobNotFoundError, type JobRecord } from '../jobs/port.js';
import { jobQueueOf } from '../jobs/queue.js';
import { parseScope } from '../risk/scope.js';
import { BRIEFING_FORMATS, type BriefingFormat, buildBriefing, CONTENT_TYPES } from './build.js';
import type { BriefingProgress, Lang } from './gather.js';

export const BRIEFING_JOB = 'briefing';

/** A briefing request as the API and the job payload carry it. */
export const BriefingRequestSchema = z.object({
  scope: z.string().min(3),
  formats: z.array(z.enum(BRIEFING_FORMATS)).min(1).default(['md', 'html', 'docx']),
  lang: z.enum(['zh', 'en']).default('zh'),
});
export type BriefingRequest = z.input<typeof BriefingRequestSchema>;

const PayloadSchema = BriefingRequestSchema.extend({ principal: PrincipalSchema });

const ResultSchema = z.object({
  name: z.string(),
  score: z.number(),
  files: z.partialRecord(z.enum(BRIEFING_FORMATS), z.string()),
});
export type BriefingResult = z.infer<typeof ResultSchema>;

/** Writes one briefing to a file (the CLI's `ibrain brief`). */
export async function writeBriefing(
  engine: Engine,
  scope: string,
  options: { format: BriefingFormat; lang: Lang; out: string; asOf?: string },
  principal: Principal,
  progress?: (p: BriefingProgress) => void,
): Promise<{ path: string; format: BriefingFormat; bytes: number; score: number }> {
  parseScope(scope);
  const built = await buildBriefing(
    engine,
    scope,
    { formats: [options.format], lang: options.lang, asOf: options.asOf },
    principal,
    progress,
  );
  const bytes = built.files.get(options.format)!;
  const path = resolve(options.out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return { path, format: options.format, bytes: bytes.length, score: built.score };
}

export interface Briefings {
  /** Validates the request and enqueues a briefing job; returns the job id at once. */
  request(request: BriefingRequest, principal: Principal): Promise<string>;
  /** The job's state, progress and (when completed) result; null for an unknown id. */
  status(jobId: string): Promise<JobRecord | null>;
  /** A finished briefing's file. Only the principal who asked (or an admin) may fetch it. */
  download(
    jobId: string,
    format: BriefingFormat,
    principal: Principal,
  ): Promise<{ bytes: Buffer; contentType: string; fileName: string }>;
}

/**
 * Briefings as jobs, for the API: results are written under `<dataDir>/briefings/<jobId>/`, so
 * they outlive the process and any queue adapter. The handler is registered on first use.
 */
export function briefingsFor(engine: Engine): Briefings {
  return engine.service('briefings', () => {
    const ready = (async () => {
      const queue = await jobQueueOf(engine);
      queue.register(BRIEFING_JOB, async (payload, ctx) => {
        const p = PayloadSchema.parse(payload);
        const built = await buildBriefing(
          engine,
          p.scope,
          { formats: p.formats, lang: p.lang },
          p.principal,
          (x) => ctx.progress(x),
        );
        const dir = join(engine.dataDir, 'briefings', ctx.id);
        mkdirSync(dir, { recursive: true });
        const files: BriefingResult['files'] = {};
        for (const [format, bytes] of built.files) {
          const path = join(dir, `briefing.${format}`);
          writeFileSync(path, bytes);
          files[format] = path;
        }
        return { name: built.name, score: built.score, files } satisfies BriefingResult;
      });
      return queue;
    })();
    return {
      async request(request, principal) {
        const parsed = BriefingRequestSchema.safeParse(request);
        if (!parsed.success)
          throw new UserError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        parseScope(parsed.data.scope);
        return (await ready).enqueue(BRIEFING_JOB, { ...parsed.data, principal });
      },
      async status(jobId) {
        const job = await (await ready).get(jobId);
        return job && job.kind === BRIEFING_JOB ? job : null;
      },
      async download(jobId, format, principal) {
        const job = await (await ready).get(jobId);
        if (!job || job.kind !== BRIEFING_JOB) throw new JobNotFoundError(`no briefing job ${jobId}`);
        const asked = PayloadSchema.parse(job.payload);
        if (asked.principal.id !== principal.id && !principal.grants.includes('*'))
          throw new JobNotFoundError(`no briefing job ${jobId}`);
        if (job.state !== 'completed')
          throw new UserError(
            `briefing ${jobId} is ${job.state}${job.error ? `: ${job.error}` : ''}; poll its status until completed`,
          );
        const path = ResultSchema.parse(job.result).files[format];
        if (!path)
          throw new UserError(`briefing ${jobId} was not rendered as ${format}; ask for formats [${format}]`);
        return {
          bytes: readFileSync(path),
          contentType: CONTENT_TYPES[format],
          fileName: `briefing-${jobId}.${format}`,
        };
      },
    };
  });
}
