import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from '../../knowledge-graph/schema/index.js';
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

export interface NewKey {
  role: Role;
  enterpriseId?: string;
  label?: string;
}

/**
 * API keys, hashed at rest; the CLI, the API and every replica share them. Nothing is cached:
 * a key revoked through one process is refused by all of them on their next request.
 */
export interface KeyStore {
  /** Makes a key; the returned `key` is the only time the secret exists in clear. */
  create(input: NewKey): Promise<{ key: string; record: ApiKey }>;
  /** The live key a presented string belongs to, or null; constant-time on the secret. */
  verify(presented: string): Promise<ApiKey | null>;
  /** The live key with this id, or null when unknown or revoked. */
  get(id: string): Promise<ApiKey | null>;
  list(): Promise<ApiKey[]>;
  count(): Promise<number>;
  /** False when no live key has this id. */
  revoke(id: string): Promise<boolean>;
}

/** A key as stored: both backends keep the same columns. */
export interface KeyRow {
  id: string;
  secret_hash: string;
  role: string;
  enterprise_id: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

// `ibk_<id>_<secret>`: the id finds the row without scanning, the secret is only ever stored hashed.
const KEY_PATTERN = /^ibk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): Buffer {
  // The secret carries 256 random bits, so a fast hash is as safe as a slow one and keeps auth cheap.
  return createHash('sha256').update(secret).digest();
}

export function toKey(row: KeyRow): ApiKey {
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

/** A new key and the row to store for it; refuses an enterprise id on the wrong role. */
export function mintKey(input: NewKey): { key: string; row: KeyRow } {
  const enterpriseId = input.enterpriseId ? normaliseEnterpriseId(input.enterpriseId) : undefined;
  if (input.role === 'enterprise' && !enterpriseId) {
    throw new UserError('an enterprise key needs --enterprise <id>');
  }
  if (input.role !== 'enterprise' && enterpriseId) {
    throw new UserError(`--enterprise only applies to enterprise keys, not ${input.role} keys`);
  }
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return {
    key: `ibk_${id}_${secret}`,
    row: {
      id,
      secret_hash: hashSecret(secret).toString('hex'),
      role: input.role,
      enterprise_id: enterpriseId ?? null,
      label: input.label ?? null,
      created_at: new Date().toISOString(),
      revoked_at: null,
    },
  };
}

/** The id a presented key names, or null when it is not shaped like a key at all. */
export function keyIdOf(presented: string): string | null {
  return KEY_PATTERN.exec(presented)?.[1] ?? null;
}

/** The key when `row` is live and its hash matches the presented secret; constant-time. */
export function matchPresented(presented: string, row: KeyRow | undefined): ApiKey | null {
  const secret = KEY_PATTERN.exec(presented)?.[2];
  if (!secret || !row || row.revoked_at) return null;
  const stored = Buffer.from(row.secret_hash, 'hex');
  const given = hashSecret(secret);
  return stored.length === given.length && timingSafeEqual(stored, given) ? toKey(row) : null;
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
