import { type NodeOf, NodeSchema, type Principal, canSee } from '../schema/index.js';
import type { SqliteDatabase } from '../store/sqlite-db.js';
import {
  type SeriesLink,
  SeriesLinkSchema,
  type SeriesNode,
  type SeriesPoint,
  type SeriesQuery,
  type SeriesStore,
  type StoredSeries,
} from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS series_nodes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  frequency TEXT NOT NULL,
  subject_id TEXT,
  visibility TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS series_nodes_name ON series_nodes(name);
CREATE TABLE IF NOT EXISTS series_values (
  series_id TEXT NOT NULL REFERENCES series_nodes(id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  value REAL,
  PRIMARY KEY (series_id, date)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS series_links (
  series_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  confidence REAL NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (series_id, product_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS series_links_product ON series_links(product_id);
CREATE TABLE IF NOT EXISTS series_version (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  version INTEGER NOT NULL
);
`;

const BUMP = `INSERT INTO series_version (only_row, version) VALUES (1, 1)
  ON CONFLICT(only_row) DO UPDATE SET version = version + 1`;

interface NodeRow {
  id: string;
  visibility: string;
  body: string;
}

/**
 * The embedded SeriesStore on the project's one SQLite file (tables `series_nodes`,
 * `series_values`, `series_links`).
 */
export class SqliteSeriesStore implements SeriesStore {
  private constructor(private readonly db: SqliteDatabase) {}

  static open(db: SqliteDatabase): SqliteSeriesStore {
    db.exec(SCHEMA);
    return new SqliteSeriesStore(db);
  }

  async put(
    batch: ReadonlyArray<{ node: SeriesNode; points: readonly SeriesPoint[] }>,
  ): Promise<{ series: number; points: number }> {
    const upsert = this.db.prepare(
      `INSERT INTO series_nodes (id, name, frequency, subject_id, visibility, body)
       VALUES (@id, @name, @frequency, @subjectId, @visibility, @body)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, frequency = excluded.frequency,
         subject_id = excluded.subject_id, visibility = excluded.visibility, body = excluded.body`,
    );
    const clear = this.db.prepare('DELETE FROM series_values WHERE series_id = ?');
    const insert = this.db.prepare('INSERT INTO series_values (series_id, date, value) VALUES (?, ?, ?)');
    let points = 0;
    this.db.transaction(() => {
      for (const { node, points: values } of batch) {
        const valid = NodeSchema.parse(node) as SeriesNode;
        upsert.run({
          id: valid.id,
          name: valid.name,
          frequency: valid.props.frequency,
          subjectId: valid.props.subjectId ?? null,
          visibility: valid.visibility,
          body: JSON.stringify(valid),
        });
        clear.run(valid.id);
        for (const p of values) insert.run(valid.id, p.date, p.value);
        points += values.length;
      }
      this.db.exec(BUMP);
    })();
    return { series: batch.length, points };
  }

  async get(idOrName: string, principal: Principal): Promise<StoredSeries | null> {
    const row = (this.db
      .prepare('SELECT id, visibility, body FROM series_nodes WHERE id = ?')
      .get(idOrName) ??
      this.db
        .prepare('SELECT id, visibility, body FROM series_nodes WHERE name = ? ORDER BY id LIMIT 1')
        .get(idOrName)) as NodeRow | undefined;
    if (!row || !canSee(principal, row.visibility)) return null;
    const points = this.db
      .prepare('SELECT date, value FROM series_values WHERE series_id = ? ORDER BY date')
      .all(row.id) as SeriesPoint[];
    return { node: JSON.parse(row.body) as NodeOf<'Series'>, points };
  }

  async list(query: SeriesQuery, principal: Principal): Promise<SeriesNode[]> {
    const rows = this.db
      .prepare(
        `SELECT id, visibility, body FROM series_nodes
         WHERE (@frequency IS NULL OR frequency = @frequency) AND (@subjectId IS NULL OR subject_id = @subjectId)
         ORDER BY name`,
      )
      .all({ frequency: query.frequency ?? null, subjectId: query.subjectId ?? null }) as NodeRow[];
    return rows.filter((r) => canSee(principal, r.visibility)).map((r) => JSON.parse(r.body) as SeriesNode);
  }

  async remove(ids: readonly string[]): Promise<number> {
    const del = this.db.prepare('DELETE FROM series_nodes WHERE id = ?');
    const delValues = this.db.prepare('DELETE FROM series_values WHERE series_id = ?');
    const delLinks = this.db.prepare('DELETE FROM series_links WHERE series_id = ?');
    let removed = 0;
    this.db.transaction(() => {
      for (const id of ids) {
        delValues.run(id);
        delLinks.run(id);
        removed += del.run(id).changes;
      }
      if (removed > 0) this.db.exec(BUMP);
    })();
    return removed;
  }

  async putLinks(seriesIds: readonly string[], links: readonly SeriesLink[]): Promise<number> {
    const owned = new Set(seriesIds);
    const valid = links.map((l) => SeriesLinkSchema.parse(l));
    const stray = valid.find((l) => !owned.has(l.seriesId));
    if (stray) throw new Error(`link of ${stray.seriesId} given with the links of other series`);
    const clear = this.db.prepare('DELETE FROM series_links WHERE series_id = ?');
    const insert = this.db.prepare(
      `INSERT INTO series_links (series_id, product_id, confidence, body) VALUES (?, ?, ?, ?)
       ON CONFLICT(series_id, product_id) DO UPDATE SET confidence = excluded.confidence, body = excluded.body
       WHERE excluded.confidence > series_links.confidence`,
    );
    this.db.transaction(() => {
      for (const id of owned) clear.run(id);
      for (const l of valid) insert.run(l.seriesId, l.productId, l.confidence, JSON.stringify(l));
      this.db.exec(BUMP);
    })();
    return valid.length;
  }

  async links(query: { productId?: string; seriesId?: string }, principal: Principal): Promise<SeriesLink[]> {
    const rows = this.db
      .prepare(
        `SELECT l.body AS body, n.visibility AS visibility FROM series_links l
         JOIN series_nodes n ON n.id = l.series_id
         WHERE (@productId IS NULL OR l.product_id = @productId) AND (@seriesId IS NULL OR l.series_id = @seriesId)
         ORDER BY l.confidence DESC, l.series_id`,
      )
      .all({ productId: query.productId ?? null, seriesId: query.seriesId ?? null }) as Array<{
      body: string;
      visibility: string;
    }>;
    return rows.filter((r) => canSee(principal, r.visibility)).map((r) => JSON.parse(r.body) as SeriesLink);
  }

  async version(): Promise<number> {
    return (this.db.prepare('SELECT version FROM series_version').pluck().get() as number | undefined) ?? 0;
  }
}
