import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type RunningServer, startServer } from '../../api/server.js';
import { ConfigSchema } from '../../engine/config/schema.js';
import { Engine } from '../../engine/container.js';
import { loadDemo } from '../../engine/demo.js';
import { runGraphImport } from '../../engine/imports.js';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { type Bench, percentile, report } from './bench.js';
import { sharedDataDir } from './bench.js';

type Row = { label: string; value: string; ok?: boolean; target?: string };

interface Expansion {
  total: number;
  items: Array<{ id: string }>;
}

/** One explorer client over HTTP, as the browser script calls the server. */
function client(server: RunningServer, key: string) {
  const latencies: number[] = [];
  const get = async <T>(path: string, params: Record<string, string>): Promise<T> => {
    const url = `${server.url}${path}?${new URLSearchParams(params)}`;
    const t = performance.now();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
    const body = (await res.json()) as T;
    latencies.push(performance.now() - t);
    if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  const expand = (id: string, dir: 'up' | 'down', region: string) =>
    get<Expansion>('/portal-api/explore/expand', { id, dir, region });
  return {
    latencies,
    expand,
    node: (id: string, region: string) => get<unknown>('/portal-api/explore/node', { id, region }),
    insight: (id: string, region: string) => get<unknown>('/portal-api/explore/insight', { id, region }),
    /**
     * What two tiers cost a user: the focus's first tier both ways, then every first-tier node
     * expanded outward (each one a click), all as one wall-clock time.
     */
    async twoTiers(focus: string, region: string): Promise<{ ms: number; nodes: number }> {
      const t = performance.now();
      const [up, down] = await Promise.all([expand(focus, 'up', region), expand(focus, 'down', region)]);
      const second = await Promise.all([
        ...up.items.map((i) => expand(i.id, 'up', region)),
        ...down.items.map((i) => expand(i.id, 'down', region)),
      ]);
      const nodes = up.items.length + down.items.length + second.reduce((n, e) => n + e.items.length, 0);
      return { ms: performance.now() - t, nodes };
    },
  };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

async function measure(
  label: string,
  engine: Engine,
  focus: string,
  region: string,
  sampleIds: readonly string[],
): Promise<Row[]> {
  const key = (await engine.state.keys.create({ role: 'analyst', label: 'bench' })).key;
  const server = await startServer(
    engine,
    { host: '127.0.0.1', port: 0 },
    { logger: pino({ level: 'silent' }), rateLimit: { capacity: 1e9, refillPerSecond: 1e9 } },
  );
  try {
    const c = client(server, key);
    let t = performance.now();
    await c.node(focus, region);
    const panel = performance.now() - t;
    t = performance.now();
    await c.insight(focus, region);
    const cold = performance.now() - t;
    await c.twoTiers(focus, region);
    const rounds: number[] = [];
    let nodes = 0;
    for (let i = 0; i < 5; i++) {
      const run = await c.twoTiers(focus, region);
      rounds.push(run.ms);
      nodes = run.nodes;
    }
    rounds.sort((a, b) => a - b);
    const twoTiers = percentile(rounds, 50);
    const rows: Row[] = [
      {
        label: `${label}: two tiers of ${focus.replace(/^product:/, '')} (up and down, every first-tier node expanded)`,
        value: `${ms(twoTiers)} median of 5 (worst ${ms(rounds.at(-1)!)}; ${nodes} nodes)`,
        target: '≤ 1 s',
        ok: twoTiers <= 1000,
      },
    ];
    c.latencies.length = 0;
    for (const id of sampleIds) await c.expand(id, 'up', region);
    const clicks = [...c.latencies].sort((a, b) => a - b);
    if (clicks.length > 0)
      rows.push({
        label: `${label}: one click (expand upstream), ${clicks.length} products`,
        value: `p50 ${ms(percentile(clicks, 50))}, p95 ${ms(percentile(clicks, 95))}, max ${ms(clicks.at(-1)!)}`,
        target: 'p95 ≤ 1 s',
        ok: percentile(clicks, 95) <= 1000,
      });
    t = performance.now();
    await c.insight(focus, region);
    const name = focus.replace(/^product:/, '');
    rows.push(
      {
        label: `${label}: side panel of ${name} (facts, producers, sources, documents)`,
        value: ms(panel),
        target: '≤ 1 s',
        ok: panel <= 1000,
      },
      {
        label: `${label}: risk and price outlook of ${name}, filled in after the panel`,
        value: `first ${ms(cold)} (builds the analytic graph), then ${ms(performance.now() - t)}`,
      },
    );
    return rows;
  } finally {
    await server.close();
  }
}

/** Products picked evenly through the store's order: a fixed sample, the same every run. */
async function sampleProducts(engine: Engine, count: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const node of engine.graph.scanNodes(['Product'], SYSTEM_PRINCIPAL)) ids.push(node.id);
  const step = Math.max(1, Math.floor(ids.length / count));
  return ids.filter((_, i) => i % step === 0).slice(0, count);
}

/**
 * `npm run bench -- portal`: the chain explorer's expansion latency over HTTP on the loopback, as
 * the page's script calls it: two tiers of 动力电池 on the demo and of 轮胎 on chainkg (100k nodes)
 * with producers split for 重庆市; one click on 200 chainkg products; the side panel cold and warm.
 */
const bench: Bench = async () => {
  const rows: Row[] = [];
  const dirs: string[] = [];
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-portal-bench-'));
    dirs.push(dir);
    return Engine.open(ConfigSchema.parse({ dataDir: dir }));
  };
  try {
    const demo = await open();
    try {
      await loadDemo(demo);
      rows.push(
        ...(await measure(
          'demo',
          demo,
          'product:动力电池',
          'region:重庆市',
          await sampleProducts(demo, 100),
        )),
      );
    } finally {
      await demo.close();
    }
    const shared = sharedDataDir();
    if (shared) {
      const engine = await open();
      try {
        process.stdout.write('importing chainkg…\n');
        await runGraphImport(engine, 'chainkg', join(shared, 'chainkg'));
        rows.push(
          ...(await measure(
            'chainkg',
            engine,
            'product:轮胎',
            'region:重庆市',
            await sampleProducts(engine, 200),
          )),
        );
      } finally {
        await engine.close();
      }
    } else {
      rows.push({ label: 'chainkg', value: 'skipped: ../shared/data is not there (set IBRAIN_SHARED_DATA)' });
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return report('portal: chain explorer', rows);
};

export default bench;
