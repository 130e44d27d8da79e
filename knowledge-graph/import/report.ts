import type { WriteResult } from '../store/port.js';

export interface Reject {
  file: string;
  line: number;
  reason: string;
}

export interface ImportSummary {
  dataset: string;
  source: string;
  read: number;
  written: WriteResult;
  skipped: number;
  /** How many records were skipped for each reason. */
  reasons: Record<string, number>;
  /** The first rejects in full, for the user to fix their file. */
  rejects: Reject[];
  /** Non-fatal observations (e.g. weights outside [0, 1] kept as given and flagged). */
  notes: string[];
  seconds: number;
}

const KEPT_REJECTS = 200;

/** Collects what an import read, skipped and why, as it goes. */
export class ImportReport {
  read = 0;
  skipped = 0;
  readonly reasons: Record<string, number> = {};
  readonly rejects: Reject[] = [];
  readonly notes: string[] = [];
  private readonly started = performance.now();

  constructor(
    readonly dataset: string,
    readonly source: string,
  ) {}

  /** Records a skipped record; `reason` is grouped by its text before the first colon. */
  reject(file: string, line: number, reason: string): void {
    this.skipped++;
    const group = reason.split(':')[0]!;
    this.reasons[group] = (this.reasons[group] ?? 0) + 1;
    if (this.rejects.length < KEPT_REJECTS) this.rejects.push({ file, line, reason });
  }

  summary(written: WriteResult): ImportSummary {
    return {
      dataset: this.dataset,
      source: this.source,
      read: this.read,
      written,
      skipped: this.skipped,
      reasons: this.reasons,
      rejects: this.rejects,
      notes: this.notes,
      seconds: Math.round((performance.now() - this.started) / 10) / 100,
    };
  }
}
