import { canSee, NodeSchema, type Principal } from '../schema/index.js';
import { inTransaction, type Migration, migrate, type PgPool } from '../store/postgres-db.js';
import {
  type SeriesLink,
  SeriesLinkSchema,
  type SeriesNode,
  type SeriesPoint,
  type SeriesQuery,
  type SeriesStore,
  type StoredSeries,
} from './port.js';

// Bodies are `json`, not `jsonb`: kept byte for byte, so a node reads back exactly as written.
const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-series',
    sql: `CREATE TABLE series_nodes (
            id text PRIMARY KEY,
            name text NOT NULL,
            frequency text NOT NULL,
            subject_id text,
            visibility text NOT NULL,
            body json NOT NULL);
          CREATE INDEX series_nodes_name ON series_nodes (name);
          CREATE INDEX series_nodes_subject ON series_nodes (subject_id);
          CREATE TABLE series_values (
            series_id text NOT NULL REFERENCES series_nodes (id) ON DELETE CASCADE,
            date text NOT NULL,
            value double precision,
            PRIMARY KEY (series_id, date));
          CREATE TABLE series_links (
            series_id text NOT NULL,
            product_id text NOT NULL,
            confidence double precision NOT NULL,
            body json NOT NULL,
            PRIMARY KEY (series_id, product_id));
          CREATE INDEX series_links_product ON series_links (product_id);`,
  },
  {
    id: '002-series-version',
    sql: `CREATE TABLE series_version (
            only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
            version bigint NOT NULL);`,
  },
];

const BUMP = `INSERT INTO series_version (only_row, version) VALUES (true, 1)
  ON CONFLICT (only_row) DO UPDATE SET version = series_version.version + 1`;

interface NodeRow {
  id: string;
  visibility: string;
  body: SeriesNode;
}

/**
 * The SeriesStore in the shared PostgreSQL (tables `series_nodes`, `series_values`,
 * `series_links`), for replicas that share state. Orderings use the "C" collation to match the
 * embedded store's byte order whatever the server's locale.
 */
export class PostgresSeriesStore implements SeriesStore {
  private constructor(private readonly pool: PgPool) {}

  /** Brings its tables up to date, then hands out the store. */
  static async open(pool: PgPool): Promise<PostgresSeriesStore> {
    await migrate(pool, 'series', MIGRATIONS);
    return new PostgresSeriesStore(pool);
  }

  async put(
    batch: ReadonlyArray<{ node: SeriesNode; points: readonly SeriesPoint[] }>,
  ): Promise<{ series: number; points: number }> {
    const valid = batch.map(({ node, points }) => ({ node: NodeSchema.parse(node) as SeriesNode, points }));
    let points = 0;
    await inTransaction(this.pool, async (client) => {
      for (const { node, points: values } of valid) {
        await client.query(
          `INSERT INTO series_nodes (id, name, frequency, subject_id, visibility, body)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, frequency = EXCLUDED.frequency,
             subject_id = EXCLUDED.subject_id, visibility = EXCLUDED.visibility, body = EXCLUDED.body`,
          [
            node.id,
            node.name,
            node.props.frequency,
            node.props.subjectId ?? null,
            node.visibility,
            JSON.stringify(node),
          ],
        );
        await client.query('DELETE FROM series_values WHERE series_id = $1', [node.id]);
        await client.query(
          `INSERT INTO series_values (series_id, date, value)
           SELECT $1, d, v FROM unnest($2::text[], $3::double precision[]) AS t(d, v)`,
          [node.id, values.map((p) => p.date), values.map((p) => p.value)],
        );
        points += values.length;
      }
      await client.query(BUMP);
    });
    return { series: batch.length, points };
  }

  async get(idOrName: string, principal: Principal): Promise<StoredSeries | null> {
    const { rows } = await this.pool.query<NodeRow>(
      `SELECT id, visibility, body FROM series_nodes WHERE id = $1 OR name = $1
       ORDER BY (id = $1) DESC, id COLLATE "C" LIMIT 1`,
      [idOrName],
    );
    const row = rows[0];
    if (!row || !canSee(principal, row.visibility)) return null;
    const values = await this.pool.query<SeriesPoint>(
      'SELECT date, value FROM series_values WHERE series_id = $1 ORDER BY date COLLATE "C"',
      [row.id],
    );
    return { node: row.body, points: values.rows };
  }

  async list(query: SeriesQuery, principal: Principal): Promise<SeriesNode[]> {
    const { rows } = await this.pool.query<NodeRow>(
      `SELECT id, visibility, body FROM series_nodes
       WHERE ($1::text IS NULL OR frequency = $1) AND ($2::text IS NULL OR subject_id = $2)
       ORDER BY name COLLATE "C"`,
      [query.frequency ?? null, query.subjectId ?? null],
    );
    return rows.filter((r) => canSee(principal, r.visibility)).map((r) => r.body);
  }

  async remove(ids: readonly string[]): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM series_links WHERE series_id = ANY($1::text[])', [ids]);
      const { rowCount } = await client.query('DELETE FROM series_nodes WHERE id = ANY($1::text[])', [ids]);
      if (rowCount) await client.query(BUMP);
      return rowCount ?? 0;
    });
  }

  async putLinks(seriesIds: readonly string[], links: readonly SeriesLink[]): Promise<number> {
    const owned = new Set(seriesIds);
    const valid = links.map((l) => SeriesLinkSchema.parse(l));
    const stray = valid.find((l) => !owned.has(l.seriesId));
    if (stray) throw new Error(`link of ${stray.seriesId} given with the links of other series`);
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM series_links WHERE series_id = ANY($1::text[])', [[...owned]]);
      for (const l of valid) {
        await client.query(
          `INSERT INTO series_links (series_id, product_id, confidence, body) VALUES ($1, $2, $3, $4)
           ON CONFLICT (series_id, product_id) DO UPDATE SET confidence = EXCLUDED.confidence, body = EXCLUDED.body
           WHERE EXCLUDED.confidence > series_links.confidence`,
          [l.seriesId, l.productId, l.confidence, JSON.stringify(l)],
        );
      }
      await client.query(BUMP);
    });
    return valid.length;
  }

  async links(query: { productId?: string; seriesId?: string }, principal: Principal): Promise<SeriesLink[]> {
    const { rows } = await this.pool.query<{ body: SeriesLink; visibility: string }>(
      `SELECT l.body AS body, n.visibility AS visibility FROM series_links l
       JOIN series_nodes n ON n.id = l.series_id
       WHERE ($1::text IS NULL OR l.product_id = $1) AND ($2::text IS NULL OR l.series_id = $2)
       ORDER BY l.confidence DESC, l.series_id COLLATE "C"`,
      [query.productId ?? null, query.seriesId ?? null],
    );
    return rows.filter((r) => canSee(principal, r.visibility)).map((r) => r.body);
  }

  async version(): Promise<number> {
    const { rows } = await this.pool.query<{ version: string }>('SELECT version FROM series_version');
    return Number(rows[0]?.version ?? 0);
  }
}
