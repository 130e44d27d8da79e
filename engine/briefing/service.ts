import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { Engine } from '../container.js';
import { perEngine } from '../per-engine.js';
import { UserError } from '../errors.js';
import { JobNotFoundError, type JobRecord } from '../jobs/port.js';
import { RequesterSchema, requesterOf, runAsRequester } from '../jobs/requester.js';
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

const PayloadSchema = BriefingRequestSchema.extend(RequesterSchema.shape);

const ResultSchema = z.object({
  name: z.string(),
  score: z.number(),
  /** Blob keys, so whichever replica serves the download can read what another's worker rendered. */
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

const PURGE_EVERY_MS = 3_600_000;

/**
 * Briefing files are kept as long as finished jobs are (`queue.keepCompletedSeconds`), so the
 * blob store does not grow with every briefing ever made; a download after that asks for the
 * briefing again. Every replica sweeps; a sweep that finds nothing left does nothing.
 */
function purgeOldBriefings(engine: Engine): void {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = engine.state.blobs
      .purge('briefings/', new Date(Date.now() - engine.config.queue.keepCompletedSeconds * 1000))
      .catch((error: unknown) =>
        process.stderr.write(
          `ibrain: warning: could not purge old briefing files: ${(error as Error).message}\n`,
        ),
      );
  };
  const timer = setInterval(sweep, PURGE_EVERY_MS);
  timer.unref();
  engine.onClose(async () => {
    clearInterval(timer);
    await running;
  });
  sweep();
}

/**
 * Briefings as jobs, for the API: each rendered file goes to the blob store under
 * `briefings/<jobId>/briefing.<format>`, so it outlives the process and any queue adapter and any
 * replica can serve it. The job runs with the requesting key's grants as they are when it runs.
 * The handler is registered on first use.
 */
export const briefingsFor: (engine: Engine) => Briefings = perEngine((engine) => {
  purgeOldBriefings(engine);
  const ready = (async () => {
    const queue = await engine.jobs();
    queue.register(
      BRIEFING_JOB,
      runAsRequester(engine.state.keys, async (payload, principal, ctx) => {
        const p = PayloadSchema.parse(payload);
        const built = await buildBriefing(
          engine,
          p.scope,
          { formats: p.formats, lang: p.lang },
          principal,
          (x) => ctx.progress(x),
        );
        const blobs = engine.state.blobs;
        const files: BriefingResult['files'] = {};
        for (const [format, bytes] of built.files) {
          const key = `briefings/${ctx.id}/briefing.${format}`;
          await blobs.put(key, bytes, CONTENT_TYPES[format]);
          files[format] = key;
        }
        return { name: built.name, score: built.score, files } satisfies BriefingResult;
      }),
    );
    return queue;
  })();
  return {
    async request(request, principal) {
      const parsed = BriefingRequestSchema.safeParse(request);
      if (!parsed.success)
        throw new UserError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      parseScope(parsed.data.scope);
      return (await ready).enqueue(BRIEFING_JOB, { ...parsed.data, ...requesterOf(principal) });
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
      const key = ResultSchema.parse(job.result).files[format];
      if (!key)
        throw new UserError(`briefing ${jobId} was not rendered as ${format}; ask for formats [${format}]`);
      // Jobs finished before files moved to the blob store hold a local path instead of a key.
      const blob = key.startsWith('briefings/') ? await engine.state.blobs.get(key) : null;
      if (!blob)
        throw new UserError(
          `briefing ${jobId}'s ${format} file is no longer stored; request the briefing again`,
        );
      return { bytes: blob.bytes, contentType: blob.contentType, fileName: `briefing-${jobId}.${format}` };
    },
  };
});
