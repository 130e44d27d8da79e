/**
 * Progress for long work: a redrawn line on a TTY, nothing otherwise (logs and CI stay clean).
 * Kept dependency-free so `ibrain --help` never loads it.
 */
export interface Progress {
  update(done: number, detail?: string): void;
  finish(): void;
}

export function progressBar(label: string, total: number | undefined, stream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let last = 0;
  const started = Date.now();
  const draw = (done: number, detail = '') => {
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    const head = total
      ? `${bar(done / total)} ${Math.min(100, Math.round((done / total) * 100))}%`
      : `${done.toLocaleString()}`;
    stream.write(`\r\x1b[2K${label} ${head} ${Math.round(rate).toLocaleString()}/s ${detail}`);
  };
  return {
    update(done, detail) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(done, detail);
    },
    finish() {
      stream.write('\r\x1b[2K');
    },
  };
}

function bar(fraction: number, width = 24): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
