import type { Principal } from '../knowledge-graph/schema/index.js';
import type { Engine } from './container.js';

/**
 * The evaluation capability as the API sees it. `evals → engine` is the allowed direction, so
 * engine/ (and api/ above it) only know this port; `ibrain serve`, the composition point, plugs
 * in the evals/ implementation at start.
 */

/** The job kind of a suite run on the engine's job queue. */
export const EVAL_RUN_JOB = 'eval-run';

/** Means of the items a metric applies to, and how many those were. */
export interface EvalGroup {
  count: number;
  metrics: Record<string, number>;
  n: Record<string, number>;
}

export interface EvalSummary extends EvalGroup {
  byTag: Record<string, EvalGroup>;
  byIntent: Record<string, EvalGroup>;
  /** The LLM judge's figures, when one was asked for; never part of `metrics`. */
  judge?: EvalJudgeSummary;
}

export interface EvalJudgeSummary {
  model?: string;
  mean: number | null;
  /** Items it gave a valid verdict for, of those `asked` (the answered ones). */
  scored: number;
  asked: number;
  /** Calls that failed after retries; `error` is the first one's reason. */
  failed: number;
  error?: string;
  usage?: { inputTokens: number; outputTokens: number; totalTokens: number; calls: number };
}

/** A malformed item, skipped; `line` is 1-based (the array position for JSON bodies). */
export interface EvalSkipped {
  line: number;
  id?: string;
  message: string;
}

export interface EvalReport {
  items: Array<{ id: string; scores: Partial<Record<string, number | null>> }>;
  summary: EvalSummary;
  skipped: EvalSkipped[];
}

export interface EvalRunReport extends EvalReport {
  suite: string;
  seconds: number;
}

export interface EvalRunRequest {
  suite: string;
  split?: string;
  limit: number;
}

export interface EvalService {
  /** Names of the suites `run` accepts. */
  suites(): string[];
  /**
   * Scores items already answered: parsed JSON values, or JSON-lines text. `judge` adds the
   * configured LLM's score beside the offline metrics; without an LLM configured it is a user error.
   */
  score(
    input: { values: readonly unknown[] } | { text: string },
    options?: { judge?: boolean },
  ): Promise<EvalReport>;
  /** Enqueues a suite run as an `eval-run` job; its result is an `EvalRunReport`. */
  startRun(request: EvalRunRequest, principal: Principal): Promise<string>;
}

const services = new WeakMap<Engine, EvalService>();

export function provideEvals(engine: Engine, service: EvalService): void {
  services.set(engine, service);
}

/** The registered evaluation service, or null when this process runs without one. */
export function evalsOf(engine: Engine): EvalService | null {
  return services.get(engine) ?? null;
}
