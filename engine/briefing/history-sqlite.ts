import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import type { BriefingHistory, BriefingHistoryEntry, NewBriefingHistoryEntry } from './history.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS briefing_history (
  job_id TEXT PRIMARY KEY,
  principal_id TEXT NOT NULL,
  requester TEXT NOT NULL,
  scope_kind TEXT NOT NULL,
  scope_id TEXT NOT NULL,
  scope_name TEXT NOT NULL,
  lang TEXT NOT NULL,
  formats TEXT NOT NULL,
  requested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS briefing_history_principal ON briefing_history(principal_id, requested_at);
`;

interface Row {
  job_id: string;
  principal_id: string;
  requester: string;
  scope_kind: string;
  scope_id: string;
  scope_name: string;
  lang: string;
  formats: string;
  requested_at: string;
}

function fromRow(row: Row): BriefingHistoryEntry {
  return {
    jobId: row.job_id,
    principalId: row.principal_id,
    requester: row.requester,
    scope: { kind: row.scope_kind, id: row.scope_id, name: row.scope_name },
    lang: row.lang,
    formats: JSON.parse(row.formats) as string[],
    requestedAt: row.requested_at,
  };
}

/** The briefing history in the engine's SQLite file. */
export class SqliteBriefingHistory implements BriefingHistory {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(SCHEMA);
  }

  async record(entry: NewBriefingHistoryEntry): Promise<BriefingHistoryEntry> {
    const requestedAt = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO briefing_history
           (job_id, principal_id, requester, scope_kind, scope_id, scope_name, lang, formats, requested_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.jobId,
        entry.principalId,
        entry.requester,
        entry.scope.kind,
        entry.scope.id,
        entry.scope.name,
        entry.lang,
        JSON.stringify(entry.formats),
        requestedAt,
      );
    return { ...entry, requestedAt };
  }

  async list(principal: Principal, limit = 50): Promise<BriefingHistoryEntry[]> {
    const all = principal.grants.includes('*');
    const rows = (
      all
        ? this.db
            .prepare('SELECT * FROM briefing_history ORDER BY requested_at DESC, job_id LIMIT ?')
            .all(limit)
        : this.db
            .prepare(
              'SELECT * FROM briefing_history WHERE principal_id = ? ORDER BY requested_at DESC, job_id LIMIT ?',
            )
            .all(principal.id, limit)
    ) as Row[];
    return rows.map(fromRow);
  }
}
