import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
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

export interface LeaseSettings {
  /** How long a claim on a running job lasts without renewal. */
  leaseMs?: number;
  /** Names this process as the owner of the jobs it runs. */
  owner?: string;
}

const DEFAULT_LEASE_MS = 30_000;

/**
 * The embedded JobQueue: runs jobs one at a time in this process, with every state change written
 * to the jobs table. A running job is leased and the lease renewed while the handler works, so
 * another process on the same file (the server and a CLI command) leaves it alone; a job whose
 * lease ran out (its process died) is queued again or, after MAX_ATTEMPTS, failed with a reason.
 * Queued jobs run once their kind's handler is registered.
 */
export class MemoryJobQueue implements JobQueue {
  readonly kind = 'memory';
  private readonly handlers = new Map<string, JobHandler>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly scheduled = new Set<string>();
  private readonly owner: string;
  private readonly leaseMs: number;
  private readonly sweeper: NodeJS.Timeout;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly table: JobTable,
    settings: LeaseSettings = {},
  ) {
    this.owner = settings.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = settings.leaseMs ?? DEFAULT_LEASE_MS;
    this.recoverExpired();
    // Another process's job whose lease runs out while this one lives is picked up here.
    this.sweeper = setInterval(() => this.sweep(), this.leaseMs);
    this.sweeper.unref();
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
    this.sweep();
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
    clearInterval(this.sweeper);
    await this.tail;
  }

  private schedule(id: string): void {
    if (this.scheduled.has(id)) return;
    this.scheduled.add(id);
    this.tail = this.tail.then(() => this.run(id)).finally(() => this.scheduled.delete(id));
  }

  private async run(id: string): Promise<void> {
    if (this.closed) return;
    const job = this.table.get(id);
    const handler = job ? this.handlers.get(job.kind) : undefined;
    if (!job || !handler || job.state !== 'queued') return;
    if (!this.table.claim(id, this.owner, this.leaseEnd())) return;
    // Renewed well inside the lease, so a slow event loop tick does not let another process take over.
    const heartbeat = setInterval(() => this.table.renew(id, this.owner, this.leaseEnd()), this.leaseMs / 3);
    heartbeat.unref();
    try {
      const result = await handler(job.payload, {
        id,
        progress: (progress) => {
          this.table.progress(id, progress);
          this.emit({ type: 'progress', id, kind: job.kind, progress });
        },
      });
      if (this.table.complete(id, this.owner, result))
        this.emit({ type: 'completed', id, kind: job.kind, result });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.table.fail(id, this.owner, message))
        this.emit({ type: 'failed', id, kind: job.kind, error: message });
    } finally {
      clearInterval(heartbeat);
    }
  }

  private leaseEnd(): Date {
    return new Date(Date.now() + this.leaseMs);
  }

  private sweep(): void {
    if (this.closed) return;
    this.recoverExpired();
    for (const job of this.table.pending())
      if (job.state === 'queued' && this.handlers.has(job.kind)) this.schedule(job.id);
  }

  /** Takes back jobs whose owner stopped renewing their lease. */
  private recoverExpired(): void {
    for (const job of this.table.expired()) {
      if (job.attempts >= MAX_ATTEMPTS)
        this.table.abandon(
          job.id,
          `interrupted ${job.attempts} times (its process stopped); submit it again`,
        );
      else this.table.requeue(job.id);
    }
  }

  private emit(event: JobEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
