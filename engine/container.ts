import { join, resolve } from 'node:path';
import type { GraphStore } from '../knowledge-graph/store/port.js';
import { openPostgres, type PgPool } from '../knowledge-graph/store/postgres-db.js';
import { openDatabase, type SqliteDatabase } from '../knowledge-graph/store/sqlite-db.js';
import { UserError } from './errors.js';
import type { TokenBuckets } from './limits/port.js';
import type { Config } from './config/schema.js';
import { openJobQueue } from './jobs/queue.js';
import type { JobQueue } from './jobs/port.js';
import { openState, type State } from './state.js';

/**
 * The composition root: every adapter built once from the one validated config when the engine
 * opens (the graph, the rate-limit buckets, the state stores), typed, so features take the ports
 * they use from here. The job queue alone is made on first use: a command that runs no jobs never
 * connects to Redis or takes a job.
 */
export class Engine {
  private readonly closers: Array<() => Promise<void> | void> = [];
  private queue: Promise<JobQueue> | undefined;

  private constructor(
    readonly config: Config,
    readonly dataDir: string,
    /** The replica's own SQLite file: the embedded graph, and with embedded state every store too. */
    readonly db: SqliteDatabase,
    readonly graph: GraphStore,
    /** The shared PostgreSQL when `state.adapter` is postgres: every replica's state lives there. */
    readonly postgres: PgPool | undefined,
    /** Rate-limit buckets: in process, or in Redis shared by every replica. */
    readonly limits: TokenBuckets,
    /** Keys, sessions, audit, catalog, series, documents, blobs and briefing history. */
    readonly state: State,
  ) {}

  static async open(config: Config): Promise<Engine> {
    const dataDir = resolve(config.dataDir);
    const db = openDatabase(join(dataDir, 'ibrain.sqlite'));
    const opened: Array<() => Promise<void> | void> = [() => void db.close()];
    try {
      const graph = await openGraphStore(config, db);
      opened.push(() => graph.close());
      const postgres = await openSharedState(config);
      if (postgres) opened.push(() => postgres.end());
      const limits = await openTokenBuckets(config);
      opened.push(() => limits.close());
      const state = await openState(config, dataDir, db, postgres);
      opened.push(() => state.documents.close());
      // Imports whose importer is gone are recorded as interrupted before anything reads the catalog.
      await state.catalog.resolveStale();
      const engine = new Engine(config, dataDir, db, graph, postgres, limits, state);
      engine.closers.push(...opened.slice(1));
      engine.onClose(() => state.audit.flushCheckpoint());
      return engine;
    } catch (error) {
      // What did open is closed again; the error that stopped the opening is the one to report.
      for (const close of opened.reverse()) {
        try {
          await close();
        } catch {}
      }
      throw error;
    }
  }

  /** The job queue from `queue.adapter`: in-process (default) or BullMQ on `queue.redisUrl`. */
  jobs(): Promise<JobQueue> {
    this.queue ??= openJobQueue(this.config.queue, this.db).then((queue) => {
      this.onClose(() => queue.close());
      return queue;
    });
    return this.queue;
  }

  onClose(close: () => Promise<void> | void): void {
    this.closers.push(close);
  }

  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close();
    this.closers.length = 0;
    this.db.close();
  }
}

async function openGraphStore(config: Config, db: SqliteDatabase): Promise<GraphStore> {
  if (config.graph.adapter === 'neo4j') {
    if (!config.graph.neo4j) {
      throw new UserError(
        'graph.adapter is neo4j but NEO4J_URI is not set; set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD)',
      );
    }
    const { Neo4jGraphStore } = await import('../knowledge-graph/store/neo4j.js');
    return Neo4jGraphStore.connect(config.graph.neo4j);
  }
  const { SqliteGraphStore } = await import('../knowledge-graph/store/sqlite.js');
  return SqliteGraphStore.open(db);
}

async function openSharedState(config: Config): Promise<PgPool | undefined> {
  if (config.state.adapter !== 'postgres') return undefined;
  if (!config.state.databaseUrl) {
    throw new UserError(
      'IBRAIN_STATE is postgres but DATABASE_URL is not set; set DATABASE_URL=postgres://user:password@host:5432/database',
    );
  }
  return openPostgres(config.state.databaseUrl);
}

async function openTokenBuckets(config: Config): Promise<TokenBuckets> {
  if (config.limits.adapter === 'redis') {
    const { RedisTokenBuckets } = await import('./limits/redis.js');
    return RedisTokenBuckets.open(config.queue.redisUrl);
  }
  const { MemoryTokenBuckets } = await import('./limits/memory.js');
  return new MemoryTokenBuckets();
}
