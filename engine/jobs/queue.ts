import type { Engine } from '../container.js';
import type { JobQueue } from './port.js';

/** The engine's JobQueue from `queue.adapter`: in-process (default) or BullMQ on `queue.redisUrl`. */
export function jobQueueOf(engine: Engine): Promise<JobQueue> {
  return engine.service('jobs', async () => {
    let queue: JobQueue;
    if (engine.config.queue.adapter === 'bullmq') {
      const { BullJobQueue } = await import('./bullmq.js');
      const { redisUrl, prefix, keepCompletedSeconds, keepFailedSeconds, keepCount, worker } =
        engine.config.queue;
      queue = await BullJobQueue.open({
        redisUrl,
        prefix,
        worker,
        retention: {
          completed: { age: keepCompletedSeconds, count: keepCount },
          failed: { age: keepFailedSeconds, count: keepCount },
        },
      });
    } else {
      const [{ MemoryJobQueue }, { JobTable }] = await Promise.all([
        import('./memory.js'),
        import('./table.js'),
      ]);
      queue = new MemoryJobQueue(new JobTable(engine.db));
    }
    engine.onClose(() => queue.close());
    return queue;
  });
}
