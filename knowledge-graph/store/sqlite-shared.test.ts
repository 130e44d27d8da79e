import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enterprisePrincipal, PUBLIC_PRINCIPAL, SYSTEM_PRINCIPAL } from '../schema/index.js';
import { edge, node } from './fixtures.js';
import { SqliteGraphStore } from './sqlite.js';
import { openDatabase, type SqliteDatabase } from './sqlite-db.js';

/**
 * A running server and an `ibrain import` share one SQLite file through two connections: what the
 * second commits must be what the first serves, at once, without a restart.
 */
let dir: string;
let dbs: SqliteDatabase[];
let server: SqliteGraphStore;
let importer: SqliteGraphStore;

const battery = node('Product', '动力电池');
const lithium = node('Product', '碳酸锂');
const inputs = edge('MADE_FROM', battery, lithium, { props: { share: 0.4 } });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-shared-'));
  const open = () => {
    const db = openDatabase(join(dir, 'ibrain.sqlite'));
    dbs.push(db);
    return SqliteGraphStore.open(db);
  };
  dbs = [];
  importer = open();
  await importer.upsert({ nodes: [battery, lithium], edges: [inputs] });
  server = open();
  expect(await server.getEdge(inputs.id, PUBLIC_PRINCIPAL)).not.toBeNull();
});

afterEach(() => {
  for (const db of dbs) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two connections to one graph file', () => {
  it('an edge turned private elsewhere stops being served to the public, props and all', async () => {
    const before = await server.version();
    await importer.upsert({
      edges: [
        edge('MADE_FROM', battery, lithium, {
          props: { share: 0.4, contractPrice: 98_000 },
          visibility: 'enterprise:E1',
        }),
      ],
    });
    expect(await server.getEdge(inputs.id, PUBLIC_PRINCIPAL)).toBeNull();
    expect(await server.neighbours(battery.id, {}, PUBLIC_PRINCIPAL)).toEqual([]);
    expect((await server.stats(PUBLIC_PRINCIPAL)).edges).toBe(0);
    const own = await server.getEdge(inputs.id, enterprisePrincipal('E1'));
    expect(own?.props).toEqual({ share: 0.4, contractPrice: 98_000 });
    expect(await server.version()).toBeGreaterThan(before);
  });

  it('new nodes and edges written elsewhere are found and traversed at once', async () => {
    const ore = node('Product', '锂辉石');
    await importer.upsert({ nodes: [ore], edges: [edge('MADE_FROM', lithium, ore)] });
    expect(await server.getNode(ore.id, PUBLIC_PRINCIPAL)).toMatchObject({ name: '锂辉石' });
    expect((await server.findNodes({ text: '锂辉石' }, PUBLIC_PRINCIPAL)).map((n) => n.id)).toEqual([ore.id]);
    const up = await server.traverse(
      battery.id,
      { steps: [{ type: 'MADE_FROM', direction: 'out' }], depth: 2 },
      PUBLIC_PRINCIPAL,
    );
    expect(up.map((r) => r.node.name).sort()).toEqual(['碳酸锂', '锂辉石'].sort());
  });

  it('a node revoked elsewhere (made private) disappears, with its edges', async () => {
    await importer.upsert({ nodes: [node('Product', '碳酸锂', { visibility: 'enterprise:E2' })] });
    expect(await server.getNode(lithium.id, PUBLIC_PRINCIPAL)).toBeNull();
    expect(await server.findNodes({ text: '碳酸锂' }, PUBLIC_PRINCIPAL)).toEqual([]);
    expect(await server.neighbours(battery.id, {}, PUBLIC_PRINCIPAL)).toEqual([]);
    expect(await server.getNode(lithium.id, enterprisePrincipal('E2'))).not.toBeNull();
  });

  it('removals elsewhere are seen, and the server still writes on top of them', async () => {
    await importer.remove({ nodes: [lithium.id] });
    expect(await server.getNode(lithium.id, SYSTEM_PRINCIPAL)).toBeNull();
    expect((await server.stats(SYSTEM_PRINCIPAL)).edges).toBe(0);
    const salt = node('Product', '盐湖卤水');
    await server.upsert({ nodes: [salt], edges: [edge('MADE_FROM', battery, salt)] });
    expect((await importer.neighbours(battery.id, {}, PUBLIC_PRINCIPAL)).map((n) => n.node.name)).toEqual([
      '盐湖卤水',
    ]);
    expect(await importer.version()).toBe(await server.version());
  });
});
