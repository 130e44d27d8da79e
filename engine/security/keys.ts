import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from '../../knowledge-graph/schema/index.js';
import type { SqliteDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { UserError } from '../errors.js';

export const ROLES = ['admin', 'analyst', 'enterprise', 'evaluator'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export interface ApiKey {
  id: string;
  role: Role;
  /** The enterprise an `enterprise` key belongs to: the key part of `enterprise:<id>`. */
  enterpriseId: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  enterprise_id TEXT,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
`;

// `ibk_<id>_<secret>`: the id finds the row without scanning, the secret is only ever stored hashed.
const KEY_PATTERN = /^ibk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

interface KeyRow {
  id: string;
  secret_hash: string;
  role: string;
  enterprise_id: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

function hashSecret(secret: string): Buffer {
  // The secret carries 256 random bits, so a fast hash is as safe as a slow one and keeps auth cheap.
  return createHash('sha256').update(secret).digest();
}

function toKey(row: KeyRow): ApiKey {
  return {
    id: row.id,
    role: RoleSchema.parse(row.role),
    enterpriseId: row.enterprise_id,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

/** `enterprise:601127` and `601127` name the same enterprise. */
export function normaliseEnterpriseId(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('enterprise:') ? trimmed.slice('enterprise:'.length) : trimmed;
}

/** API keys, hashed at rest in the engine's SQLite file; the CLI and the API share them. */
export class KeyStore {
  private constructor(private readonly db: SqliteDatabase) {}

  static open(db: SqliteDatabase): KeyStore {
    db.exec(SCHEMA);
    return new KeyStore(db);
  }

  /** Makes a key; the returned `key` is the only time the secret exists in clear. */
  create(input: { role: Role; enterpriseId?: string; label?: string }): { key: string; record: ApiKey } {
    const enterpriseId = input.enterpriseId ? normaliseEnterpriseId(input.enterpriseId) : undefined;
    if (input.role === 'enterprise' && !enterpriseId) {
      throw new UserError('an enterprise key needs --enterprise <id>');
    }
    if (input.role !== 'enterprise' && enterpriseId) {
      throw new UserError(`--enterprise only applies to enterprise keys, not ${input.role} keys`);
    }
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const createdAt = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO api_keys(id, secret_hash, role, enterprise_id, label, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        hashSecret(secret).toString('hex'),
        input.role,
        enterpriseId ?? null,
        input.label ?? null,
        createdAt,
      );
    return {
      key: `ibk_${id}_${secret}`,
      record: {
        id,
        role: input.role,
        enterpriseId: enterpriseId ?? null,
        label: input.label ?? null,
        createdAt,
        revokedAt: null,
      },
    };
  }

  /** The live key a presented string belongs to, or null; constant-time on the secret. */
  verify(presented: string): ApiKey | null {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return null;
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(match[1]) as KeyRow | undefined;
    if (!row || row.revoked_at) return null;
    const stored = Buffer.from(row.secret_hash, 'hex');
    const given = hashSecret(match[2]!);
    return stored.length === given.length && timingSafeEqual(stored, given) ? toKey(row) : null;
  }

  get(id: string): ApiKey | null {
    const row = this.db.prepare('SELECT * FROM api_keys WHERE id = ?').get(id) as KeyRow | undefined;
    return row && !row.revoked_at ? toKey(row) : null;
  }

  list(): ApiKey[] {
    return (this.db.prepare('SELECT * FROM api_keys ORDER BY created_at').all() as KeyRow[]).map(toKey);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM api_keys').get() as { n: number }).n;
  }

  revoke(id: string): boolean {
    const result = this.db
      .prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(new Date().toISOString(), id);
    return result.changes > 0;
  }
}

/** What a key may read: admins everything, analysts industry-shared data, an enterprise its own. */
export function principalOf(key: ApiKey): Principal {
  const id = `key:${key.id}`;
  switch (key.role) {
    case 'admin':
      return { id, grants: ['*'] };
    case 'analyst':
      return { id, grants: ['industry'] };
    case 'enterprise':
      return { id, grants: key.enterpriseId ? [`enterprise:${key.enterpriseId}`] : [] };
    case 'evaluator':
      return { id, grants: [] };
  }
}
