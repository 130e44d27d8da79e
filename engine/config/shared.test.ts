import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { sharedStateWarnings } from './shared.js';

describe('sharedStateWarnings', () => {
  it('says nothing for the embedded default', () => {
    expect(sharedStateWarnings(loadConfig({ env: {} }))).toEqual([]);
  });

  it('names each part still kept per replica when state is shared, with the setting that shares it', () => {
    const warnings = sharedStateWarnings(
      loadConfig({ env: { IBRAIN_STATE: 'postgres', DATABASE_URL: 'postgres://db/ibrain' } }),
    );
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(
      /IBRAIN_QUEUE=bullmq[\s\S]*IBRAIN_RATE_LIMITS=redis[\s\S]*IBRAIN_GRAPH=neo4j/,
    );
  });

  it('says nothing once queue, limits and graph are shared too', () => {
    const env = {
      IBRAIN_STATE: 'postgres',
      DATABASE_URL: 'postgres://db/ibrain',
      IBRAIN_QUEUE: 'bullmq',
      IBRAIN_RATE_LIMITS: 'redis',
      IBRAIN_GRAPH: 'neo4j',
      NEO4J_URI: 'bolt://graph:7687',
    };
    expect(sharedStateWarnings(loadConfig({ env }))).toEqual([]);
  });
});
