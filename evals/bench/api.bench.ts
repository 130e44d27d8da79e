import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type MalformedRequest, malformedRequests } from '../../api/testing/malformed.js';
import { startServer } from '../../api/server.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { demoDataDir } from '../../engine/paths.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { type Bench, percentile, report } from './bench.js';
import { hostileFiles, runHostileUploads } from './hostile-uploads.js';

const QUESTIONS = [
  '碳酸锂的上游原料有哪些？',
  '渝星动力的供应商有哪些？',
  '动力电池的下游产品有哪些？',
  'What are the inputs of 动力电池?',
  '重庆对产业大脑有哪些支持政策？',
];
const QUERIES = ['产业大脑 数据共享', '动力电池 供应链', '碳酸锂 价格', '智能网联 新能源汽车', '招商 补链'];

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

interface RouteStats {
  latencies: number[];
  errors: number;
}

/**
 * `npm run bench -- api [--seconds 60] [--concurrency 8] [--malformed 2000] [--hostile-only]`:
 * the API on 127.0.0.1 (ephemeral port) over a temp copy of the demo data. Concurrent load on
 * /v1/ask and /v1/search (p50, p99, error rate), then malformed requests that must all get 4xx,
 * then /healthz; then hostile uploads (a 1 GiB zip bomb, a 20,000-page PDF, 19 MB of text and the
 * largest text allowed, at once, from four enterprise keys) while /healthz is polled: its worst
 * latency, the resident set, and each upload's answer. The per-key rate limit is raised for the
 * run: this measures the server, not the limiter.
 */
const bench: Bench = async (args) => {
  const hostileOnly = args.includes('--hostile-only');
  const seconds = hostileOnly ? 0 : flag(args, 'seconds', 60);
  const concurrency = flag(args, 'concurrency', 8);
  const malformedCount = Math.max(2_000, flag(args, 'malformed', 2_000));
  const dataDir = mkdtempSync(join(tmpdir(), 'ibrain-api-bench-'));
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir } }));
  try {
    process.stdout.write('loading the demo data…\n');
    await loadDemo(engine);
    const index = await retrievalFor(engine);
    if ((await index.documents()).length === 0) await index.ingestPaths([join(demoDataDir(), 'policies')]);
    const key = (await engine.state.keys.create({ role: 'analyst', label: 'bench' })).key;
    const enterpriseKeys = await Promise.all(
      ['D0001', 'D0002', 'D0003', 'D0004'].map(
        async (id) =>
          (await engine.state.keys.create({ role: 'enterprise', enterpriseId: id, label: 'bench' })).key,
      ),
    );
    process.stdout.write('making the hostile uploads…\n');
    const hostile = await hostileFiles(enterpriseKeys);
    const server = await startServer(
      engine,
      { host: '127.0.0.1', port: 0 },
      { logger: pino({ level: 'silent' }), rateLimit: { capacity: 1e9, refillPerSecond: 1e9 } },
    );
    const auth = { Authorization: `Bearer ${key}` };
    try {
      const stats: Record<'ask' | 'search', RouteStats> = {
        ask: { latencies: [], errors: 0 },
        search: { latencies: [], errors: 0 },
      };
      // One warm-up of each so the first measured request does not pay for the dictionaries.
      await fetch(`${server.url}/v1/search?q=${encodeURIComponent(QUERIES[0]!)}`, { headers: auth });
      await fetch(`${server.url}/v1/ask`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ question: QUESTIONS[0] }),
      });
      process.stdout.write(`${seconds} s of load, ${concurrency} concurrent clients…\n`);
      const deadline = performance.now() + seconds * 1000;
      let n = 0;
      const worker = async () => {
        while (performance.now() < deadline) {
          const i = n++;
          const route = i % 2 === 0 ? 'ask' : 'search';
          const started = performance.now();
          try {
            const res =
              route === 'ask'
                ? await fetch(`${server.url}/v1/ask`, {
                    method: 'POST',
                    headers: { ...auth, 'Content-Type': 'application/json' },
                    body: JSON.stringify({ question: QUESTIONS[i % QUESTIONS.length] }),
                    signal: AbortSignal.timeout(30_000),
                  })
                : await fetch(
                    `${server.url}/v1/search?q=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}`,
                    {
                      headers: auth,
                      signal: AbortSignal.timeout(30_000),
                    },
                  );
            await res.arrayBuffer();
            if (!res.ok) stats[route].errors++;
          } catch {
            stats[route].errors++;
          }
          stats[route].latencies.push(performance.now() - started);
        }
      };
      if (!hostileOnly) await Promise.all(Array.from({ length: concurrency }, worker));

      process.stdout.write(`${hostileOnly ? 0 : malformedCount} malformed requests…\n`);
      const byStatus = new Map<string, number>();
      const fivexx: string[] = [];
      const requests = hostileOnly ? [] : malformedRequests(malformedCount);
      let next = 0;
      const send = async (r: MalformedRequest) => {
        try {
          const res = await fetch(`${server.url}${r.path}`, {
            method: r.method,
            headers: { ...(r.auth ? auth : {}), ...r.headers },
            body: r.body as RequestInit['body'],
            redirect: 'manual',
            signal: AbortSignal.timeout(15_000),
          });
          await res.arrayBuffer();
          byStatus.set(String(res.status), (byStatus.get(String(res.status)) ?? 0) + 1);
          if (res.status >= 500 || res.status < 400)
            fivexx.push(`${res.status} ${r.label} ${r.method} ${r.path.slice(0, 60)}`);
        } catch (error) {
          byStatus.set('network error', (byStatus.get('network error') ?? 0) + 1);
          fivexx.push(
            `network error ${r.label} ${r.method} ${r.path.slice(0, 60)}: ${(error as Error).message} ${String((error as { cause?: unknown }).cause)}`,
          );
        }
      };
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < requests.length) await send(requests[next++]!);
        }),
      );
      const health = await fetch(`${server.url}/healthz`);
      const ready = await fetch(`${server.url}/readyz`);

      process.stdout.write('hostile uploads while /healthz is polled…\n');
      const attack = await runHostileUploads(server.url, hostile);
      const afterAttack = await fetch(`${server.url}/healthz`);

      const row = (route: 'ask' | 'search') => {
        const s = stats[route];
        const sorted = [...s.latencies].sort((a, b) => a - b);
        const rate = s.latencies.length ? s.errors / s.latencies.length : 1;
        return [
          {
            label: `${route} requests`,
            value: `${s.latencies.length} (${(s.latencies.length / seconds).toFixed(1)}/s)`,
          },
          { label: `${route} p50`, value: `${percentile(sorted, 50).toFixed(1)} ms` },
          { label: `${route} p99`, value: `${percentile(sorted, 99).toFixed(1)} ms` },
          {
            label: `${route} error rate`,
            value: `${(rate * 100).toFixed(2)}%`,
            target: '0%',
            ok: rate === 0,
          },
        ];
      };
      const statusLine = [...byStatus.entries()]
        .sort()
        .map(([s, c]) => `${s}×${c}`)
        .join(' ');
      for (const line of fivexx.slice(0, 10)) process.stdout.write(`  not 4xx: ${line}\n`);
      const hostileRows = [
        ...attack.outcomes.map((o) => ({
          label: `${o.label}, ${(o.size / 1024 / 1024).toFixed(1)} MB`,
          value: `${o.status} in ${(o.ms / 1000).toFixed(2)} s: ${o.detail.slice(0, 110)}`,
          target: '4xx, or 201 within the limits',
          ok: (o.status >= 400 && o.status < 500) || (o.status === 201 && o.ms < 120_000),
        })),
        {
          label: '/healthz during the uploads',
          value: `worst ${attack.healthz.worstMs.toFixed(1)} ms, p99 ${attack.healthz.p99Ms.toFixed(1)} ms over ${attack.healthz.polls} polls, ${attack.healthz.failures} failed`,
          target: 'worst ≤ 500 ms',
          ok: attack.healthz.worstMs <= 500 && attack.healthz.failures === 0,
        },
        {
          label: 'resident set during the uploads',
          value: `${attack.rssMb.sampled.toFixed(0)} MiB (process peak over the whole bench ${attack.rssMb.peak.toFixed(0)} MiB)`,
          target: '< 1024 MiB',
          ok: attack.rssMb.sampled < 1024,
        },
        {
          label: '/healthz after',
          value: String(afterAttack.status),
          target: '200',
          ok: afterAttack.status === 200,
        },
      ];
      if (hostileOnly) return report('API bench: hostile uploads', hostileRows);
      return report(`API bench (${seconds} s, ${concurrency} clients, loopback)`, [
        ...row('ask'),
        ...row('search'),
        {
          label: 'malformed requests',
          value: String(requests.length),
          target: '≥ 2000',
          ok: requests.length >= 2_000,
        },
        { label: 'malformed by status', value: statusLine },
        { label: 'malformed not 4xx', value: String(fivexx.length), target: '0', ok: fivexx.length === 0 },
        { label: '/healthz after', value: String(health.status), target: '200', ok: health.status === 200 },
        { label: '/readyz after', value: String(ready.status), target: '200', ok: ready.status === 200 },
        ...hostileRows,
      ]);
    } finally {
      await server.close();
    }
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export default bench;
