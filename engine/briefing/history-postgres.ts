import type { Principal } from '../../knowledge-graph/schema/index.js';
import { type Migration, migrate, type PgPool } from '../../knowledge-graph/store/postgres-db.js';
import type { BriefingHistory, BriefingHistoryEntry, NewBriefingHistoryEntry } from './history.js';

const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-briefing-history',
    sql: `CREATE TABLE briefing_history (
            job_id text PRIMARY KEY,
            principal_id text NOT NULL,
            requester text NOT NULL,
            scope_kind text NOT NULL,
            scope_id text NOT NULL,
            scope_name text NOT NULL,
            lang text NOT NULL,
            formats text[] NOT NULL,
            requested_at timestamptz NOT NULL);
          CREATE INDEX briefing_history_principal ON briefing_history (principal_id, requested_at)`,
  },
];

interface Row {
  job_id: string;
  principal_id: string;
  requester: string;
  scope_kind: string;
  scope_id: string;
  scope_name: string;
  lang: string;
  formats: string[];
  requested_at: Date;
}

function fromRow(row: Row): BriefingHistoryEntry {
  return {
    jobId: row.job_id,
    principalId: row.principal_id,
    requester: row.requester,
    scope: { kind: row.scope_kind, id: row.scope_id, name: row.scope_name },
    lang: row.lang,
    formats: row.formats,
    requestedAt: row.requested_at.toISOString(),
  };
}

/**
 * The briefing history in the shared PostgreSQL, so every replica lists the same briefings.
 */
export class PostgresBriefingHistory implements BriefingHistory {
  private constructor(private readonly pool: PgPool) {}

  /** Brings its tables up to date, then hands out the store. */
  static async open(pool: PgPool): Promise<PostgresBriefingHistory> {
    await migrate(pool, 'briefing-history', MIGRATIONS);
    return new PostgresBriefingHistory(pool);
  }

  async record(entry: NewBriefingHistoryEntry): Promise<BriefingHistoryEntry> {
    const requestedAt = new Date().toISOString();
    await this.pool.query(
      `INSERT INTO briefing_history
         (job_id, principal_id, requester, scope_kind, scope_id, scope_name, lang, formats, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.jobId,
        entry.principalId,
        entry.requester,
        entry.scope.kind,
        entry.scope.id,
        entry.scope.name,
        entry.lang,
        entry.formats,
        requestedAt,
      ],
    );
    return { ...entry, requestedAt };
  }

  async list(principal: Principal, limit = 50): Promise<BriefingHistoryEntry[]> {
    const all = principal.grants.includes('*');
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM briefing_history WHERE $1 OR principal_id = $2
       ORDER BY requested_at DESC, job_id COLLATE "C" LIMIT $3`,
      [all, principal.id, limit],
    );
    return rows.map(fromRow);
  }
}
