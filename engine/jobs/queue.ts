import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import type { Config } from '../config/schema.js';
import type { JobQueue } from './port.js';

/** A JobQueue from `queue.adapter`: in-process on the SQLite file (default), or BullMQ on `queue.redisUrl`. */
export async function openJobQueue(settings: Config['queue'], db: SqliteDatabase): Promise<JobQueue> {
  if (settings.adapter === 'bullmq') {
    const { BullJobQueue } = await import('./bullmq.js');
    const { redisUrl, prefix, keepCompletedSeconds, keepFailedSeconds, keepCount, worker } = settings;
    return BullJobQueue.open({
      redisUrl,
      prefix,
      worker,
      retention: {
        completed: { age: keepCompletedSeconds, count: keepCount },
        failed: { age: keepFailedSeconds, count: keepCount },
      },
    });
  }
  const [{ MemoryJobQueue }, { JobTable }] = await Promise.all([import('./memory.js'), import('./table.js')]);
  return new MemoryJobQueue(new JobTable(db));
}
