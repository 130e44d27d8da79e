import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import {
  postgresSkipReason,
  type ScratchDatabase,
  scratchDatabase,
} from '../knowledge-graph/store/postgres.test-support.js';
import { loadConfig } from './config/load.js';
import { Engine } from './container.js';
import { retrievalFor } from './retrieval.js';

const skip = await postgresSkipReason();
let scratch: ScratchDatabase | undefined;
afterAll(async () => scratch?.drop());

const NOTICE = {
  source: '/docs/notice.txt',
  name: 'notice.txt',
  format: 'txt' as const,
  text: '关于产业大脑建设的通知\n农业领域揭榜主体为各区县农业农村主管部门。',
  meta: {},
};

if (skip) describe('the engine document index on PostgreSQL', () => it.skip(skip, () => {}));
describe.skipIf(!!skip)('the engine document index on PostgreSQL', () => {
  it('keeps documents in the shared database, where another replica finds them', async () => {
    scratch = await scratchDatabase();
    const open = () =>
      Engine.open(
        loadConfig({
          env: { IBRAIN_STATE: 'postgres', DATABASE_URL: scratch!.url },
          overrides: { dataDir: mkdtempSync(join(tmpdir(), 'ibrain-pg-retrieval-')) },
        }),
      );
    const first = await open();
    const second = await open();
    try {
      expect((await (await retrievalFor(first)).ingestDocument(NOTICE)).status).toBe('added');
      const { rows } = await scratch.pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM documents');
      expect(Number(rows[0]!.n)).toBe(1);
      const other = await retrievalFor(second);
      expect((await other.documents()).map((d) => d.name)).toEqual(['notice.txt']);
      const [hit] = await other.search('揭榜主体', { principal: PUBLIC_PRINCIPAL, mode: 'bm25' });
      expect(hit?.source).toBe('notice.txt');
      // The second replica's own vector store is a cache: a search fills it with what it lacks.
      const vectors = await other.search('揭榜主体', { principal: PUBLIC_PRINCIPAL, mode: 'dense' });
      expect(vectors.map((h) => h.source)).toEqual(['notice.txt']);
      expect((await other.check()).missingVectors).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
