import { readFileSync } from 'node:fs';
import { bigText, manyPagesPdf, zipBombDocx } from '../../api/testing/hostile.js';
import { percentile } from './bench.js';

export interface HostileUpload {
  label: string;
  name: string;
  type: string;
  bytes: Buffer;
  /** The enterprise key it is sent with (one per upload, so they are read concurrently). */
  key: string;
}

export interface HostileOutcome {
  label: string;
  size: number;
  status: number;
  ms: number;
  detail: string;
}

export interface HostileRun {
  outcomes: HostileOutcome[];
  healthz: { polls: number; worstMs: number; p99Ms: number; failures: number };
  /** Largest resident set sampled while the uploads ran, and the process's peak so far. */
  rssMb: { sampled: number; peak: number };
}

/** The files of the attack: a 1 GiB zip bomb, a 20,000-page PDF, 19 MB of text, and a legitimate large upload. */
export async function hostileFiles(keys: string[]): Promise<HostileUpload[]> {
  return [
    {
      label: 'zip bomb .docx (1 GiB inside)',
      name: 'bomb.docx',
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: await zipBombDocx(1024 * 1024 * 1024),
      key: keys[0]!,
    },
    {
      label: 'PDF of 20,000 pages',
      name: 'pages.pdf',
      type: 'application/pdf',
      bytes: manyPagesPdf(20_000),
      key: keys[1]!,
    },
    {
      label: '19 MB text',
      name: 'huge.txt',
      type: 'text/plain',
      bytes: bigText(19 * 1024 * 1024),
      key: keys[2]!,
    },
    {
      label: 'largest allowed text (1.9 M chars)',
      name: 'large.txt',
      type: 'text/plain',
      bytes: Buffer.from(
        bigText(6 * 1024 * 1024)
          .toString()
          .slice(0, 1_900_000),
      ),
      key: keys[3]!,
    },
  ];
}

function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * Sends the uploads at once while polling /healthz every 20 ms and sampling the resident set
 * every 25 ms; returns each upload's status and time, the worst /healthz latency and the memory.
 */
export async function runHostileUploads(url: string, uploads: readonly HostileUpload[]): Promise<HostileRun> {
  let running = true;
  const latencies: number[] = [];
  let failures = 0;
  let sampled = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 25);
  const poller = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const outcomes = await Promise.all(
    uploads.map(async (u): Promise<HostileOutcome> => {
      const form = new FormData();
      form.set('file', new File([new Uint8Array(u.bytes)], u.name, { type: u.type }));
      const started = performance.now();
      try {
        const res = await fetch(`${url}/v1/documents`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${u.key}` },
          body: form,
          signal: AbortSignal.timeout(300_000),
        });
        const body = (await res.json()) as { detail?: string; status?: unknown; chunks?: number };
        const detail =
          typeof body.detail === 'string' ? body.detail : `${String(body.status)}, ${body.chunks} chunks`;
        return {
          label: u.label,
          size: u.bytes.length,
          status: res.status,
          ms: performance.now() - started,
          detail,
        };
      } catch (error) {
        return {
          label: u.label,
          size: u.bytes.length,
          status: 0,
          ms: performance.now() - started,
          detail: (error as Error).message,
        };
      }
    }),
  );
  running = false;
  await poller;
  clearInterval(sampler);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    outcomes,
    healthz: {
      polls: latencies.length,
      worstMs: sorted.at(-1) ?? Number.NaN,
      p99Ms: percentile(sorted, 99),
      failures,
    },
    rssMb: { sampled: sampled / 1024 / 1024, peak: peakRssMb() },
  };
}
