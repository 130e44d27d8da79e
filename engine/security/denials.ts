import type { Engine } from '../container.js';
import { perEngine } from '../per-engine.js';
import type { AuditEvent, AuditLog } from './audit.js';

interface Window {
  first: AuditEvent;
  openedAt: number;
  lastAt: number;
  repeated: number;
  /** Distinct targets of the repeats (the entities a probe asked for), up to MAX_TARGETS. */
  targets: Set<string>;
}

const WINDOW_MS = 60_000;
const MAX_TARGETS = 100;
const MAX_WINDOWS = 10_000;

/**
 * Denied accesses, audited without letting a flood write one row per attempt: the first denial of
 * a kind (same actor, action and status) is written at once, repeats within the next minute are
 * counted, and one row with the count closes the window. Windows close on the next denial after
 * the minute, on a timer, and when the engine closes, so every denial ends up in the log.
 */
export class DenialLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves once whatever this denial writes is in the log (nothing, for a counted repeat). */
  async record(event: AuditEvent): Promise<void> {
    const key = `${event.actor}\u0000${event.action}\u0000${event.status ?? ''}`;
    const t = this.now();
    const open = this.windows.get(key);
    if (open && t - open.openedAt < WINDOW_MS) {
      open.repeated++;
      open.lastAt = t;
      if (event.target && open.targets.size < MAX_TARGETS) open.targets.add(event.target);
      return;
    }
    // The window opens before the first write is awaited, so repeats arriving meanwhile are counted.
    this.windows.set(key, { first: event, openedAt: t, lastAt: t, repeated: 0, targets: new Set() });
    const closing = open ? [this.close(key, open)] : [];
    if (this.windows.size > MAX_WINDOWS) closing.push(this.flush(true, key));
    await Promise.all([...closing, this.audit.append(event)]);
  }

  /** Writes the count of every window older than a minute (every window but `keep`, with `all`). */
  async flush(all = false, keep?: string): Promise<void> {
    const t = this.now();
    const closing: Array<Promise<void>> = [];
    for (const [key, window] of this.windows) {
      if (key !== keep && (all || t - window.openedAt >= WINDOW_MS)) closing.push(this.close(key, window));
    }
    await Promise.all(closing);
  }

  private async close(key: string, window: Window): Promise<void> {
    if (this.windows.get(key) === window) this.windows.delete(key);
    if (window.repeated === 0) return;
    const { first } = window;
    await this.audit.append({
      ...first,
      detail: {
        ...first.detail,
        repeated: window.repeated,
        from: new Date(window.openedAt).toISOString(),
        to: new Date(window.lastAt).toISOString(),
        ...(window.targets.size ? { targets: [...window.targets] } : {}),
      },
    });
  }
}

/**
 * The engine's denial log, flushed every 15 s and when the engine closes. A timed flush that
 * cannot write is reported on stderr and its counts are lost; request paths await their writes.
 */
export const deniedAccessOf: (engine: Engine) => DenialLog = perEngine((engine) => {
  const log = new DenialLog(engine.state.audit);
  const timer = setInterval(() => {
    log.flush().catch((error: unknown) => {
      process.stderr.write(
        `ibrain: warning: could not write denied-access counts to the audit log: ${(error as Error).message}\n`,
      );
    });
  }, 15_000);
  timer.unref();
  engine.onClose(async () => {
    clearInterval(timer);
    await log.flush(true);
  });
  return log;
});
