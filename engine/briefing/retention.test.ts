import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { Engine } from '../container.js';
import { briefingsFor } from './service.js';

const dir = mkdtempSync(join(tmpdir(), 'ibrain-briefing-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('briefing files', () => {
  it('are purged once older than finished jobs are kept, and newer ones stay', async () => {
    const engine = await Engine.open(
      loadConfig({ env: { IBRAIN_QUEUE_KEEP_COMPLETED_SECONDS: '60' }, overrides: { dataDir: dir } }),
    );
    try {
      const { blobs } = engine.state;
      await blobs.put('briefings/job_old/briefing.md', Buffer.from('# 旧'), 'text/markdown');
      await blobs.put('briefings/job_new/briefing.md', Buffer.from('# 新'), 'text/markdown');
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(join(dir, 'blobs', 'data', 'briefings', 'job_old', 'briefing.md'), hourAgo, hourAgo);
      briefingsFor(engine);
      for (let i = 0; i < 50 && (await blobs.get('briefings/job_old/briefing.md')); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(await blobs.get('briefings/job_old/briefing.md')).toBeNull();
      expect(await blobs.get('briefings/job_new/briefing.md')).not.toBeNull();
    } finally {
      await engine.close();
    }
  });
});
