import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** The audit log's head at one moment, signed with the audit key when there is one. */
export const CheckpointSchema = z.object({
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  /** Names the key that signed it (a MAC of a constant, never the key). */
  kid: z.string().nullable(),
  mac: z.string().nullable(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

interface Problem {
  seq: number;
  problem: string;
}

const MAX_MISMATCHES_REPORTED = 5;

/**
 * Checkpoint files: one JSON line appended per checkpoint, kept outside the database so that
 * someone who can only write the database cannot make them agree with a rewritten log. The first
 * file lives in the data directory; a second can sit on another volume or a write-once mount.
 */
export class CheckpointFiles {
  private seen = false;

  constructor(
    private readonly files: readonly string[],
    private readonly mac: ((text: string) => string) | null,
  ) {}

  private signed(seq: number, hash: string, at: string): string {
    return JSON.stringify(['checkpoint', seq, hash, at]);
  }

  private kid(): string | null {
    return this.mac ? this.mac('ibrain audit key id').slice(0, 16) : null;
  }

  /** Whether there is any file to write checkpoints to. */
  get configured(): boolean {
    return this.files.length > 0;
  }

  /** Whether a checkpoint was ever written to the first file. */
  any(): boolean {
    if (!this.seen) this.seen = this.files.length > 0 && existsSync(this.files[0]!);
    return this.seen || this.files.length === 0;
  }

  make(seq: number, hash: string, at = new Date().toISOString()): Checkpoint {
    return { seq, hash, at, kid: this.kid(), mac: this.mac ? this.mac(this.signed(seq, hash, at)) : null };
  }

  /** Appends to every file; returns the files that could not be written. */
  append(checkpoint: Checkpoint): Array<{ file: string; message: string }> {
    const failures: Array<{ file: string; message: string }> = [];
    const line = `${JSON.stringify(checkpoint)}\n`;
    for (const file of this.files) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        appendFileSync(file, line, { mode: 0o600 });
        this.seen = true;
      } catch (error) {
        failures.push({ file, message: (error as Error).message });
      }
    }
    return failures;
  }

  /**
   * Checks every checkpoint of every file against the log: each must be signed with the current
   * key, and the log must still hold the entry it names, with the same hash.
   */
  verify(
    lastSeq: number,
    hashAt: ReadonlyMap<number, string>,
    problems: Problem[],
    warnings: string[],
    options: { ignoreMissingCheckpoints?: boolean },
  ): Record<string, number> {
    const checked: Record<string, number> = {};
    for (const file of this.files) {
      if (!existsSync(file)) {
        if (lastSeq > 0 && !options.ignoreMissingCheckpoints) {
          problems.push({
            seq: lastSeq,
            problem: `no checkpoint file ${file}, though the log holds ${lastSeq} entries (deleted, or a log from before checkpoints: then run \`ibrain audit checkpoint\` once)`,
          });
        }
        checked[file] = 0;
        continue;
      }
      const lines = readFileSync(file, 'utf8').split('\n');
      let count = 0;
      let unsigned = 0;
      let mismatches = 0;
      let furthest: Checkpoint | null = null;
      lines.forEach((text, i) => {
        if (!text.trim()) return;
        const parsed = CheckpointSchema.safeParse(safeJson(text));
        if (!parsed.success) {
          problems.push({ seq: 0, problem: `${file}:${i + 1}: not a checkpoint line (edited?)` });
          return;
        }
        const cp = parsed.data;
        count++;
        if (cp.mac === null) {
          unsigned++;
        } else if (!this.mac) {
          problems.push({
            seq: cp.seq,
            problem: `${file}:${i + 1}: the checkpoint is signed; set IBRAIN_AUDIT_KEY to the log's key to verify it`,
          });
          return;
        } else if (this.mac(this.signed(cp.seq, cp.hash, cp.at)) !== cp.mac) {
          problems.push({
            seq: cp.seq,
            problem: `${file}:${i + 1}: the checkpoint's signature is invalid (forged, or signed with another key)`,
          });
          return;
        }
        if (cp.seq > lastSeq) {
          if (!furthest || cp.seq > furthest.seq) furthest = cp;
        } else if (cp.seq > 0 && hashAt.get(cp.seq) !== cp.hash && mismatches++ < MAX_MISMATCHES_REPORTED) {
          problems.push({
            seq: cp.seq,
            problem: `entry ${cp.seq} is not the one checkpointed at ${cp.at} (rewritten, replaced or removed)`,
          });
        }
      });
      const far = furthest as Checkpoint | null;
      if (far) {
        problems.push({
          seq: far.seq,
          problem: `the log ends at entry ${lastSeq} but a checkpoint of ${far.at} records entry ${far.seq} (entries removed, or the tables dropped)`,
        });
      }
      if (unsigned > 0 && this.mac) {
        warnings.push(
          `${file}: ${unsigned} checkpoints are unsigned (written while IBRAIN_AUDIT_KEY was not set)`,
        );
      }
      checked[file] = count;
    }
    return checked;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
