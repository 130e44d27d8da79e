import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';

describe('loadConfig', () => {
  it('gives embedded defaults with no file and no environment', () => {
    const config = loadConfig({ env: {} });
    expect(config.dataDir).toBe('./.ibrain');
    expect(config.graph.adapter).toBe('sqlite');
    expect(config.vectors.adapter).toBe('embedded');
    expect(config.llm.provider).toBe('none');
    expect(config.embeddings.provider).toBe('hash');
  });

  it('lets the environment override the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-config-'));
    const file = join(dir, 'ibrain.config.json');
    writeFileSync(file, JSON.stringify({ dataDir: '/from/file', server: { port: 9000 } }));
    const config = loadConfig({
      env: { IBRAIN_DATA_DIR: '/from/env', IBRAIN_CORS_ORIGINS: 'a.com, b.com' },
      file,
    });
    expect(config.dataDir).toBe('/from/env');
    expect(config.server.port).toBe(9000);
    expect(config.server.corsOrigins).toEqual(['a.com', 'b.com']);
  });

  it('names the environment variable and the allowed values on a bad value', () => {
    expect(() => loadConfig({ env: { IBRAIN_GRAPH: 'mysql' } })).toThrowError(
      /graph\.adapter \(from environment variable IBRAIN_GRAPH\).*"sqlite"\|"neo4j"/,
    );
  });

  it('names the file on a bad file value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ server: { port: 'eighty' } }));
    expect(() => loadConfig({ env: {}, file })).toThrowError(new RegExp(`server\\.port \\(in ${file}\\)`));
  });

  it('reports broken JSON and missing files as config errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, '{ nope');
    expect(() => loadConfig({ env: {}, file })).toThrowError(ConfigError);
    expect(() => loadConfig({ env: { IBRAIN_CONFIG: join(dir, 'missing.json') } })).toThrowError(
      /does not exist/,
    );
  });
});
