/**
 * Child process of the graph bench: opens an existing data directory as after a restart and
 * prints the counts and the seconds the open took, as JSON.
 */
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';

const started = performance.now();
const engine = await Engine.open(loadConfig({ overrides: { dataDir: process.argv[2] } }));
const stats = await engine.graph.stats(SYSTEM_PRINCIPAL);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ seconds, nodes: stats.nodes, edges: stats.edges }));
await engine.close();
