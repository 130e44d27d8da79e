import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../engine/config/load.js';
import { Engine } from '../engine/container.js';
import { retrievalFor } from '../engine/retrieval.js';
import type { Role } from '../engine/security/index.js';
import type { GraphEdge, GraphNode } from '../knowledge-graph/schema/index.js';
import { createApp } from './app.js';
import type { ApiOptions } from './env.js';

const provenance = [
  { source: 'test', record: 'fixture', ingestedAt: '2025-01-01T00:00:00.000Z', confidence: 1 },
];

function node(id: string, type: GraphNode['type'], name: string, visibility = 'public'): GraphNode {
  return { id, type, name, aliases: [], props: {}, provenance, visibility } as GraphNode;
}

function edge(
  type: GraphEdge['type'],
  from: string,
  to: string,
  visibility = 'public',
  props = {},
): GraphEdge {
  return { id: `${type}|${from}|${to}`, type, from, to, props, provenance, visibility } as GraphEdge;
}

/** Secret words that appear only in one enterprise's shared document and graph. */
export const SECRET = { E1: '甲方专有工艺', E2: '乙方机密配方' } as const;

/**
 * A small world with two enterprises that each shared private facts and a private document,
 * plus public ones, in a temp data directory; and one key per role.
 */
export async function openFixture(options: ApiOptions = {}, env: NodeJS.ProcessEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ibrain-api-'));
  const engine = await Engine.open(loadConfig({ env, overrides: { dataDir } }));
  await engine.graph.upsert({
    nodes: [
      node('enterprise:E1', 'Enterprise', '甲企业'),
      node('enterprise:E2', 'Enterprise', '乙企业'),
      node('product:动力电池', 'Product', '动力电池'),
      node('product:碳酸锂', 'Product', '碳酸锂'),
      node('product:锂辉石', 'Product', '锂辉石'),
      node('product:甲材料', 'Product', SECRET.E1, 'enterprise:E1'),
      node('product:乙材料', 'Product', SECRET.E2, 'enterprise:E2'),
    ],
    edges: [
      edge('MADE_FROM', 'product:动力电池', 'product:碳酸锂', 'public', { share: 0.4 }),
      edge('MADE_FROM', 'product:碳酸锂', 'product:锂辉石', 'public', { share: 0.7 }),
      edge('MADE_FROM', 'product:动力电池', 'product:甲材料', 'enterprise:E1', { share: 0.1 }),
      edge('MADE_FROM', 'product:动力电池', 'product:乙材料', 'enterprise:E2', { share: 0.2 }),
      edge('PRODUCES', 'enterprise:E1', 'product:动力电池', 'public', { weight: 0.8 }),
      edge('PRODUCES', 'enterprise:E2', 'product:碳酸锂', 'public', { weight: 0.9 }),
      edge('SUPPLIES', 'enterprise:E2', 'enterprise:E1', 'enterprise:E2'),
    ],
  });
  await engine.state.series.put(
    (['public', 'enterprise:E1', 'enterprise:E2'] as const).map((visibility, i) => ({
      node: {
        id: `series:price-${i}`,
        type: 'Series' as const,
        name: `price-${i}`,
        aliases: [],
        props: { kind: 'price' as const, frequency: 'monthly' as const, subjectId: 'product:碳酸锂' },
        provenance,
        visibility,
      },
      points: Array.from({ length: 24 }, (_, m) => ({
        date: `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`,
        value: 100 + i * 10 + m,
      })),
    })),
  );
  const docs = join(dataDir, 'docs');
  const write = (name: string, visibility: string, title: string, body: string) => {
    const path = join(docs, name);
    writeFileSync(
      path,
      `---\ntitle: ${title}\ndate: 2025-03-01\nvisibility: ${visibility}\n---\n\n${body}\n`,
    );
    return path;
  };
  const { mkdirSync } = await import('node:fs');
  mkdirSync(docs, { recursive: true });
  const index = await retrievalFor(engine);
  await index.ingestPaths([
    write(
      'public.md',
      'public',
      '动力电池产业政策',
      '推动动力电池与碳酸锂产业链协同发展，保障锂资源供应安全。',
    ),
    write('e1.md', 'enterprise:E1', '甲企业内部报告', `甲企业采用${SECRET.E1}生产动力电池，良率持续提升。`),
    write('e2.md', 'enterprise:E2', '乙企业内部报告', `乙企业的${SECRET.E2}用于碳酸锂提纯，成本下降。`),
  ]);
  const keys = engine.state.keys;
  const make = async (role: Role, enterpriseId?: string) => (await keys.create({ role, enterpriseId })).key;
  const key = {
    admin: await make('admin'),
    analyst: await make('analyst'),
    evaluator: await make('evaluator'),
    e1: await make('enterprise', 'E1'),
    e2: await make('enterprise', 'E2'),
  };
  const app = createApp(engine, { logger: pino({ level: 'silent' }), ...options });
  const request = (path: string, init: RequestInit & { key?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('Authorization', `Bearer ${init.key}`);
    return app.request(path, { ...init, headers });
  };
  return {
    engine,
    app,
    key,
    request,
    async close() {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Fixture = Awaited<ReturnType<typeof openFixture>>;
