import type { Config } from './schema.js';

/**
 * What still stays with one replica when state is shared: said when a server starts, so an
 * operator running several replicas learns it before a user does.
 */
export function sharedStateWarnings(config: Config): string[] {
  if (config.state.adapter !== 'postgres') return [];
  const warnings: string[] = [];
  if (config.queue.adapter === 'memory')
    warnings.push(
      'IBRAIN_STATE is postgres but jobs run in this process (IBRAIN_QUEUE=memory): a briefing is polled and run only by the replica that queued it; set IBRAIN_QUEUE=bullmq and REDIS_URL',
    );
  if (config.limits.adapter === 'memory')
    warnings.push(
      'IBRAIN_STATE is postgres but rate limits are counted per process: N replicas allow N times the limit; set IBRAIN_RATE_LIMITS=redis and REDIS_URL',
    );
  if (config.graph.adapter === 'sqlite')
    warnings.push(
      "IBRAIN_STATE is postgres but the graph is this replica's own SQLite file: imports through one replica are not seen by the others, and document links are made only in the graph of the replica that ingested; set IBRAIN_GRAPH=neo4j and NEO4J_URI",
    );
  return warnings;
}
