import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import {
  type JobEvent,
  type JobHandler,
  JobNotFoundError,
  type JobQueue,
  type JobRecord,
  type JobState,
  MAX_ATTEMPTS,
} from './port.js';

/** How long (seconds) and how many finished jobs of one outcome Redis keeps. */
export interface Keep {
  age: number;
  count: number;
}

export interface BullSettings {
  redisUrl: string;
  /** Namespaces every Redis key; tests use a unique one each. */
  prefix?: string;
  queueName?: string;
  /** Finished jobs are dropped past these limits, so Redis does not grow with every job ever run. */
  retention?: { completed: Keep; failed: Keep };
  /** Whether this process runs jobs (false: it only enqueues and polls, e.g. an API-only replica). */
  worker?: boolean;
}

const DEFAULT_RETENTION = {
  completed: { age: 7 * 24 * 3600, count: 10_000 },
  failed: { age: 14 * 24 * 3600, count: 10_000 },
};

const STATE: Record<string, JobState> = {
  waiting: 'queued',
  delayed: 'queued',
  prioritized: 'queued',
  'waiting-children': 'queued',
  active: 'running',
  completed: 'completed',
  failed: 'failed',
};

/**
 * The scale-out JobQueue on BullMQ and Redis: state, progress and results live in Redis, so any
 * process with the same prefix can enqueue and poll, and a worker registered in any of them runs
 * the jobs. Results are small JSON (values, or blob-store keys for files), never local paths,
 * since the poller may be another machine; finished jobs are dropped past the retention limits. A worker that dies mid-job loses its lock; BullMQ's stalled-job check puts the job
 * back in the queue, and fails it after MAX_ATTEMPTS.
 */
export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq';
  private readonly handlers = new Map<string, JobHandler>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private worker: Worker | undefined;

  private constructor(
    private readonly queue: Queue,
    private readonly settings: Required<BullSettings>,
  ) {}

  static async open(settings: BullSettings): Promise<BullJobQueue> {
    const full = {
      prefix: 'ibrain',
      queueName: 'jobs',
      retention: DEFAULT_RETENTION,
      worker: true,
      ...settings,
    };
    const queue = new Queue(full.queueName, { connection: connection(full.redisUrl), prefix: full.prefix });
    try {
      await withTimeout(queue.waitUntilReady(), 3_000, `cannot reach Redis at ${full.redisUrl}`);
    } catch (error) {
      await queue.close().catch(() => {});
      throw Object.assign(error instanceof Error ? error : new Error(String(error)), { userFacing: true });
    }
    return new BullJobQueue(queue, full);
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
    if (this.worker || !this.settings.worker) return;
    this.worker = new Worker(
      this.settings.queueName,
      async (job) => {
        const run = this.handlers.get(job.name);
        if (!run) throw new Error(`no handler for jobs of kind ${job.name} in this process`);
        return run(job.data, {
          id: job.id!,
          progress: (progress) => {
            void job.updateProgress(progress);
          },
        });
      },
      {
        connection: connection(this.settings.redisUrl),
        prefix: this.settings.prefix,
        concurrency: 1,
        name: `${hostname()}:${process.pid}`,
        maxStalledCount: MAX_ATTEMPTS - 1,
      },
    );
    this.worker.on('progress', (job, progress) =>
      this.emit({
        type: 'progress',
        id: job.id!,
        kind: job.name,
        progress: progress as JobRecord['progress'],
      }),
    );
    this.worker.on('completed', (job, result) =>
      this.emit({ type: 'completed', id: job.id!, kind: job.name, result }),
    );
    this.worker.on('failed', (job, error) => {
      if (job) this.emit({ type: 'failed', id: job.id!, kind: job.name, error: error.message });
    });
  }

  async enqueue(kind: string, payload: unknown): Promise<string> {
    const id = `job_${randomUUID()}`;
    const { completed, failed } = this.settings.retention;
    await this.queue.add(kind, payload, { jobId: id, removeOnComplete: completed, removeOnFail: failed });
    return id;
  }

  async get(id: string): Promise<JobRecord | null> {
    const job = await Job.fromId(this.queue, id);
    if (!job) return null;
    const state = STATE[await job.getState()] ?? 'queued';
    const progress =
      typeof job.progress === 'object' && job.progress !== null && 'percent' in job.progress
        ? (job.progress as JobRecord['progress'])
        : { percent: typeof job.progress === 'number' ? job.progress : 0 };
    return {
      id,
      kind: job.name,
      state,
      progress: state === 'completed' ? { percent: 100, stage: 'done' } : progress,
      payload: job.data,
      ...(state === 'completed' ? { result: job.returnvalue } : {}),
      ...(state === 'failed' ? { error: job.failedReason } : {}),
      attempts: job.attemptsMade,
      ...(job.processedBy ? { runBy: job.processedBy } : {}),
      createdAt: new Date(job.timestamp).toISOString(),
      updatedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
    };
  }

  on(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Polls Redis, so it also sees jobs that a worker in another process runs. */
  async wait(id: string, timeoutMs = 600_000): Promise<JobRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.get(id);
      if (!job) throw new JobNotFoundError(`no job ${id}`);
      if (job.state === 'completed' || job.state === 'failed') return job;
      if (Date.now() > deadline) throw new Error(`job ${id} did not finish within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  /** Removes every key of this queue; for tests with their own prefix. */
  async destroy(): Promise<void> {
    await this.worker?.close();
    await this.queue.obliterate({ force: true });
    await this.queue.close();
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function connection(url: string) {
  // Workers block on Redis; BullMQ requires unlimited retries per request for that.
  return { url, maxRetriesPerRequest: null, enableOfflineQueue: true };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
