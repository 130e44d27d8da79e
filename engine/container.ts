import { join, resolve } from 'node:path';
import type { GraphStore } from '../knowledge-graph/store/port.js';
import { openPostgres, type PgPool } from '../knowledge-graph/store/postgres-db.js';
import { openDatabase, type SqliteDatabase } from '../knowledge-graph/store/sqlite-db.js';
import { catalogOf } from './catalog.js';
import { UserError } from './errors.js';
import type { TokenBuckets } from './limits/port.js';
import type { Config } from './config/schema.js';

/**
 * The composition root: builds each port's adapter from the one validated config. Services are
 * made on first use so a command only pays for what it touches.
 */
export class Engine {
  private readonly services = new Map<string, unknown>();
  private readonly closers: Array<() => Promise<void> | void> = [];

  private constructor(
    readonly config: Config,
    readonly dataDir: string,
    /** The embedded SQLite file: graph (embedded adapter), catalog, documents, series, jobs, audit. */
    readonly db: SqliteDatabase,
    readonly graph: GraphStore,
    /** The shared PostgreSQL when `state.adapter` is postgres: every replica's state lives there. */
    readonly postgres: PgPool | undefined,
    /** Rate-limit buckets: in process, or in Redis shared by every replica. */
    readonly limits: TokenBuckets,
  ) {}

  static async open(config: Config): Promise<Engine> {
    const dataDir = resolve(config.dataDir);
    const db = openDatabase(join(dataDir, 'ibrain.sqlite'));
    const graph = await openGraphStore(config, db);
    const postgres = await openSharedState(config);
    const limits = await openTokenBuckets(config);
    const engine = new Engine(config, dataDir, db, graph, postgres, limits);
    engine.onClose(() => limits.close());
    engine.onClose(() => graph.close());
    if (postgres) engine.onClose(() => postgres.end());
    try {
      // Imports whose importer is gone are recorded as interrupted before anything reads the catalog.
      await (await catalogOf(engine)).resolveStale();
    } catch (error) {
      await engine.close();
      throw error;
    }
    return engine;
  }

  /** A service made once per engine; `make` runs on first use. */
  service<T>(key: string, make: () => T): T {
    if (!this.services.has(key)) this.services.set(key, make());
    return this.services.get(key) as T;
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
