import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import type { AuditRow, AuditStore, ChainHead } from './audit-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT,
  action TEXT NOT NULL,
  target TEXT,
  outcome TEXT NOT NULL,
  status INTEGER,
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
`;

/** Columns added with keyed hashing; older logs gain them empty (their entries read as unkeyed). */
const MIGRATIONS: Array<[table: string, column: string, sql: string]> = [
  ['audit_log', 'keyed', 'ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0'],
  ['audit_head', 'mac', 'ALTER TABLE audit_head ADD COLUMN mac TEXT'],
];

type StoredRow = Omit<AuditRow, 'keyed'> & { keyed: number };

const fromStored = (row: StoredRow): AuditRow => ({ ...row, keyed: row.keyed === 1 });

/** The audit chain in the engine's SQLite file; an immediate transaction serialises appenders. */
export class SqliteAuditStore implements AuditStore {
  private readonly insert: Statement;
  private readonly setHead: Statement;

  private constructor(private readonly db: SqliteDatabase) {
    this.insert = db.prepare(
      `INSERT INTO audit_log(seq, at, actor, role, action, target, outcome, status, detail, prev_hash, hash, keyed)
       VALUES (@seq, @at, @actor, @role, @action, @target, @outcome, @status, @detail, @prev_hash, @hash, @keyed)`,
    );
    this.setHead = db.prepare(
      'INSERT INTO audit_head(id, seq, hash, mac) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac',
    );
  }

  static open(db: SqliteDatabase): SqliteAuditStore {
    db.exec(SCHEMA);
    for (const [table, column, sql] of MIGRATIONS) {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
      if (!columns.some((c) => c.name === column)) db.exec(sql);
    }
    return new SqliteAuditStore(db);
  }

  async append(
    seal: (head: ChainHead | null) => { row: AuditRow; headMac: string | null },
  ): Promise<AuditRow> {
    const tx = this.db.transaction(() => {
      const { row, headMac } = seal(this.headSync());
      this.insert.run({ ...row, keyed: row.keyed ? 1 : 0 });
      this.setHead.run(row.seq, row.hash, headMac);
      return row;
    });
    return tx.immediate();
  }

  async head(): Promise<ChainHead | null> {
    return this.headSync();
  }

  async recent(limit: number): Promise<AuditRow[]> {
    const rows = this.db
      .prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?')
      .all(limit) as StoredRow[];
    return rows.map(fromStored);
  }

  async scan(visit: (row: AuditRow) => void): Promise<ChainHead | null> {
    return this.db.transaction(() => {
      const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<StoredRow>;
      for (const row of rows) visit(fromStored(row));
      return this.headSync();
    })();
  }

  private headSync(): ChainHead | null {
    const head = this.db.prepare('SELECT seq, hash, mac FROM audit_head WHERE id = 1').get() as
      | ChainHead
      | undefined;
    return head ?? null;
  }
}
