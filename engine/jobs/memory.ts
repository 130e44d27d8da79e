import { randomUUID } from 'node:crypto';
import {
  type JobEvent,
  type JobHandler,
  JobNotFoundError,
  type JobQueue,
  type JobRecord,
  MAX_ATTEMPTS,
} from './port.js';
import type { JobTable } from './table.js';

const TERMINAL = new Set(['completed', 'failed']);

/**
 * The embedded JobQueue: runs jobs one at a time in this process, with every state change written
 * to the jobs table. On open, jobs a previous process left running are queued again (they were
 * interrupted) or, after MAX_ATTEMPTS, failed with a reason; queued jobs run once their kind's
 * handler is registered.
 */
export class MemoryJobQueue implements JobQueue {
  readonly kind = 'memory';
  private readonly handlers = new Map<string, JobHandler>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly scheduled = new Set<string>();
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly table: JobTable) {
    for (const job of table.pending()) {
      if (job.state !== 'running') continue;
      if (job.attempts >= MAX_ATTEMPTS)
        table.fail(job.id, `interrupted by a restart ${job.attempts} times; submit it again`);
      else table.requeue(job.id);
    }
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
    for (const job of this.table.pending()) if (job.kind === kind) this.schedule(job.id);
  }

  async enqueue(kind: string, payload: unknown): Promise<string> {
    if (this.closed) throw new Error('the job queue is closed');
    const id = `job_${randomUUID()}`;
    this.table.insert(id, kind, payload);
    if (this.handlers.has(kind)) this.schedule(id);
    return id;
  }

  async get(id: string): Promise<JobRecord | null> {
    return this.table.get(id);
  }

  on(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async wait(id: string, timeoutMs = 600_000): Promise<JobRecord> {
    const current = this.table.get(id);
    if (!current) throw new JobNotFoundError(`no job ${id}`);
    if (TERMINAL.has(current.state)) return current;
    return new Promise<JobRecord>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`job ${id} did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on((event) => {
        if (event.id !== id || event.type === 'progress') return;
        clearTimeout(timer);
        off();
        resolve(this.table.get(id)!);
      });
    });
  }

  /** Lets the running job finish; jobs still queued stay queued for the next process. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }

  private schedule(id: string): void {
    if (this.scheduled.has(id)) return;
    this.scheduled.add(id);
    this.tail = this.tail.then(() => this.run(id));
  }

  private async run(id: string): Promise<void> {
    if (this.closed) return;
    const job = this.table.get(id);
    const handler = job ? this.handlers.get(job.kind) : undefined;
    if (!job || !handler || job.state !== 'queued') return;
    this.table.start(id);
    try {
      const result = await handler(job.payload, {
        id,
        progress: (progress) => {
          this.table.progress(id, progress);
          this.emit({ type: 'progress', id, kind: job.kind, progress });
        },
      });
      this.table.complete(id, result);
      this.emit({ type: 'completed', id, kind: job.kind, result });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.table.fail(id, message);
      this.emit({ type: 'failed', id, kind: job.kind, error: message });
    }
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
