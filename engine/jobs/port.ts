export const JOB_STATES = ['queued', 'running', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobProgress {
  /** 0–100. */
  percent: number;
  stage?: string;
}

export interface JobRecord {
  id: string;
  kind: string;
  state: JobState;
  progress: JobProgress;
  /** What the job was asked to do, as given to `enqueue` (JSON). */
  payload: unknown;
  /** The handler's JSON result once completed. */
  result?: unknown;
  /** Why it failed, in words a user can act on. */
  error?: string;
  attempts: number;
  /** The process (host:pid…) that ran or runs it, once one took it. */
  runBy?: string;
  createdAt: string;
  updatedAt: string;
}

export type JobEvent =
  | { type: 'progress'; id: string; kind: string; progress: JobProgress }
  | { type: 'completed'; id: string; kind: string; result: unknown }
  | { type: 'failed'; id: string; kind: string; error: string };

export interface JobContext {
  id: string;
  /** Reports progress; listeners and `get` see it. */
  progress(progress: JobProgress): void;
}

/** Does one kind of job. Must be safe to run again after a crash (the queue may resume it). */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/**
 * Long work (briefings) as jobs: enqueue returns at once with an id; state, progress and the
 * result are kept so a client can poll and a restarted process can resume or fail what was
 * pending. Handlers are registered per kind by the process that runs them.
 */
export interface JobQueue {
  readonly kind: string;
  register(kind: string, handler: JobHandler): void;
  enqueue(kind: string, payload: unknown): Promise<string>;
  get(id: string): Promise<JobRecord | null>;
  /** Subscribes to progress, completion and failure of jobs run by this process. */
  on(listener: (event: JobEvent) => void): () => void;
  /** Resolves once the job has completed or failed. */
  wait(id: string, timeoutMs?: number): Promise<JobRecord>;
  close(): Promise<void>;
}

/** How often a job interrupted by a restart is run again before it is failed. */
export const MAX_ATTEMPTS = 2;

export class JobNotFoundError extends Error {
  readonly userFacing = true;
  readonly kind = 'not-found';
  override readonly name = 'JobNotFoundError';
}
