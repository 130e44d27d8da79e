import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { edge, node } from '../../knowledge-graph/store/fixtures.js';
import { loadConfig } from '../config/load.js';
import { Engine } from '../container.js';
import { chainGraph } from './service.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the analytic chain graph a server keeps', () => {
  it('is rebuilt after another process changes the graph, even when the counts stay the same', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ibrain-chain-cache-'));
    const open = () => Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
    const battery = node('Product', '动力电池');
    const lithium = node('Product', '碳酸锂');
    const ore = node('Product', '锂辉石');
    const server = await open();
    try {
      await server.graph.upsert({
        nodes: [battery, lithium, ore],
        edges: [
          edge('MADE_FROM', battery, lithium, { props: { share: 0.4 } }),
          edge('MADE_FROM', lithium, ore, { props: { share: 0.7 }, visibility: 'enterprise:E1' }),
        ],
      });
      const shareOf = async (from: string) => {
        const g = await chainGraph(server, PUBLIC_PRINCIPAL);
        const at = g.find(from);
        return at === undefined ? [] : g.inputs(at).map((l) => l.props.share);
      };
      expect(await shareOf(battery.id)).toEqual([0.4]);
      const importer = await open();
      try {
        // One public edge made private and one private edge made public: the visible counts stay equal.
        await importer.graph.upsert({
          edges: [
            edge('MADE_FROM', battery, lithium, { props: { share: 0.4 }, visibility: 'enterprise:E1' }),
            edge('MADE_FROM', lithium, ore, { props: { share: 0.7 } }),
          ],
        });
      } finally {
        await importer.close();
      }
      expect(await shareOf(battery.id)).toEqual([]);
      expect(await shareOf(lithium.id)).toEqual([0.7]);
    } finally {
      await server.close();
    }
  });
});
