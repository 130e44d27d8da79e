import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../knowledge-graph/store/sqlite-db.js';
import { KeyStore, principalOf } from './keys.js';
import { SessionStore } from './sessions.js';

describe('KeyStore', () => {
  it('stores only a hash and verifies the key it returned once', () => {
    const db = openDatabase(':memory:');
    const keys = KeyStore.open(db);
    const { key, record } = keys.create({ role: 'analyst' });
    expect(key).toMatch(/^ibk_[0-9a-f]{16}_[\w-]{43}$/);
    const stored = JSON.stringify(db.prepare('SELECT * FROM api_keys').all());
    expect(stored).not.toContain(key.slice(21));
    expect(keys.verify(key)).toMatchObject({ id: record.id, role: 'analyst' });
    expect(keys.verify(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(keys.verify('')).toBeNull();
  });

  it('refuses a revoked key', () => {
    const keys = KeyStore.open(openDatabase(':memory:'));
    const { key, record } = keys.create({ role: 'admin' });
    expect(keys.revoke(record.id)).toBe(true);
    expect(keys.verify(key)).toBeNull();
  });

  it('ties enterprise keys to one enterprise and maps roles to grants', () => {
    const keys = KeyStore.open(openDatabase(':memory:'));
    expect(() => keys.create({ role: 'enterprise' })).toThrow(/needs --enterprise/);
    expect(() => keys.create({ role: 'analyst', enterpriseId: 'D1' })).toThrow(/only applies/);
    const e = keys.create({ role: 'enterprise', enterpriseId: 'enterprise:D0001' }).record;
    expect(e.enterpriseId).toBe('D0001');
    expect(principalOf(e).grants).toEqual(['enterprise:D0001']);
    expect(principalOf(keys.create({ role: 'admin' }).record).grants).toEqual(['*']);
    expect(principalOf(keys.create({ role: 'analyst' }).record).grants).toEqual(['industry']);
    expect(principalOf(keys.create({ role: 'evaluator' }).record).grants).toEqual([]);
  });
});

describe('SessionStore', () => {
  it('resolves a live session, forgets expired and destroyed ones', () => {
    const db = openDatabase(':memory:');
    const sessions = SessionStore.open(db);
    const t0 = new Date('2025-01-01T00:00:00Z');
    const id = sessions.create('k1', 60_000, t0);
    expect(JSON.stringify(db.prepare('SELECT * FROM api_sessions').all())).not.toContain(id);
    expect(sessions.resolve(id, new Date(t0.getTime() + 1000))).toBe('k1');
    expect(sessions.resolve(id, new Date(t0.getTime() + 61_000))).toBeNull();
    const other = sessions.create('k2', 60_000, t0);
    sessions.destroy(other);
    expect(sessions.resolve(other, t0)).toBeNull();
  });
});
