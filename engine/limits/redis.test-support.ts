import { Redis } from 'ioredis';

/** The Redis the Redis-backed runs use: REDIS_URL, else the local one. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Why Redis runs are skipped here (undefined when a server answers). */
export async function redisSkipReason(): Promise<string | undefined> {
  const probe = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `Redis not reachable at ${TEST_REDIS_URL} (${(error as Error).message}); set REDIS_URL to run these`;
  } finally {
    probe.disconnect();
  }
}
