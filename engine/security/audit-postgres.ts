import { inTransaction, type PgClient, type PgPool } from '../../knowledge-graph/store/postgres-db.js';
import type { AuditRow, AuditStore, ChainHead } from './audit-store.js';
import { securitySchema } from './postgres-schema.js';

const SCAN_PAGE = 1000;
/** PostgreSQL's SQLSTATE for a relation that does not exist. */
const UNDEFINED_TABLE = '42P01';

export class AuditTablesMissingError extends Error {
  readonly userFacing = true;
  override readonly name = 'AuditTablesMissingError';
}

// node-postgres returns bigint columns as strings.
type StoredRow = Omit<AuditRow, 'seq'> & { seq: string };
type StoredHead = Omit<ChainHead, 'seq'> & { seq: string };

const fromStored = (row: StoredRow): AuditRow => ({ ...row, seq: Number(row.seq) });
const headOf = (rows: StoredHead[]): ChainHead | null =>
  rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash, mac: rows[0].mac } : null;

/**
 * The audit chain in the shared PostgreSQL: one chain for every replica. An append locks the
 * head row (SELECT … FOR UPDATE) in the transaction that inserts the entry, so concurrent
 * appenders queue on it and each links to the entry the one before it wrote.
 */
export class PostgresAuditStore implements AuditStore {
  private constructor(private readonly pool: PgPool) {}

  /** Brings the security tables up to date, then hands out the store. */
  static async open(pool: PgPool): Promise<PostgresAuditStore> {
    await securitySchema(pool);
    return new PostgresAuditStore(pool);
  }

  async append(
    seal: (head: ChainHead | null) => { row: AuditRow; headMac: string | null },
  ): Promise<AuditRow> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<StoredHead>(
        'SELECT seq, hash, mac FROM audit_head WHERE id = 1 FOR UPDATE',
      );
      const { row, headMac } = seal(headOf(rows));
      await client.query(
        `INSERT INTO audit_log (seq, at, actor, role, action, target, outcome, status, detail, prev_hash, hash, keyed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          row.seq,
          row.at,
          row.actor,
          row.role,
          row.action,
          row.target,
          row.outcome,
          row.status,
          row.detail,
          row.prev_hash,
          row.hash,
          row.keyed,
        ],
      );
      await client.query(
        `INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac`,
        [row.seq, row.hash, headMac],
      );
      return row;
    });
  }

  async head(): Promise<ChainHead | null> {
    return this.headOn(this.pool);
  }

  async recent(limit: number): Promise<AuditRow[]> {
    const { rows } = await this.pool.query<StoredRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1', [
      limit,
    ]);
    return rows.map(fromStored);
  }

  async scan(visit: (row: AuditRow) => void): Promise<ChainHead | null> {
    // One snapshot for every page and the head: appends by live replicas during a verify are
    // neither half-seen nor mistaken for entries added behind the head's back.
    return inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      let after: number | null = null;
      for (;;) {
        const { rows }: { rows: StoredRow[] } = await client.query<StoredRow>(
          'SELECT * FROM audit_log WHERE $1::bigint IS NULL OR seq > $1 ORDER BY seq LIMIT $2',
          [after, SCAN_PAGE],
        );
        for (const row of rows) visit(fromStored(row));
        if (rows.length < SCAN_PAGE) break;
        after = Number(rows[rows.length - 1]!.seq);
      }
      return this.headOn(client);
    }).catch((error: unknown) => {
      // The migrations that made them are recorded, so a start does not make them again.
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) {
        throw new AuditTablesMissingError(
          'the audit tables are missing from the shared database (dropped?): the chain cannot be verified; restore audit_log and audit_head from a backup',
        );
      }
      throw error;
    });
  }

  private async headOn(db: PgPool | PgClient): Promise<ChainHead | null> {
    const { rows } = await db.query<StoredHead>('SELECT seq, hash, mac FROM audit_head WHERE id = 1');
    return headOf(rows);
  }
}
