import { beforeEach, describe, expect, it } from 'vitest';
import type { SecurityBackend, SecurityState } from './backends.test-support.js';
import { principalOf } from './keys.js';

/** What every KeyStore adapter does: hashed at rest, revocation seen at once by every replica. */
export function keyStoreContract(backend: SecurityBackend): void {
  describe(`${backend.name} KeyStore contract`, () => {
    if (backend.skip) {
      it.skip(backend.skip, () => {});
      return;
    }
    let state: SecurityState;
    beforeEach(async () => {
      state = await backend.fresh();
    });

    it('stores only a hash and verifies the key it returned once', async () => {
      const { keys } = await state.replica();
      const { key, record } = await keys.create({ role: 'analyst', label: '分析员' });
      expect(key).toMatch(/^ibk_[0-9a-f]{16}_[\w-]{43}$/);
      expect(JSON.stringify(await state.sql('SELECT * FROM api_keys'))).not.toContain(key.slice(21));
      expect(await keys.verify(key)).toEqual(record);
      expect(record).toMatchObject({ role: 'analyst', label: '分析员', enterpriseId: null, revokedAt: null });
      expect(await keys.verify(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
      expect(await keys.verify(`ibk_${'0'.repeat(16)}_${key.slice(-43)}`)).toBeNull();
      expect(await keys.verify('')).toBeNull();
      expect(await keys.get(record.id)).toEqual(record);
    });

    it('refuses a revoked key, and revokes a key once', async () => {
      const { keys } = await state.replica();
      const { key, record } = await keys.create({ role: 'admin' });
      expect(await keys.revoke(record.id)).toBe(true);
      expect(await keys.verify(key)).toBeNull();
      expect(await keys.get(record.id)).toBeNull();
      expect(await keys.revoke(record.id)).toBe(false);
      expect(await keys.revoke('0123456789abcdef')).toBe(false);
    });

    it('lists and counts every key, revoked ones marked', async () => {
      const { keys } = await state.replica();
      expect(await keys.count()).toBe(0);
      expect(await keys.list()).toEqual([]);
      const made = [];
      for (const role of ['admin', 'analyst', 'evaluator'] as const)
        made.push((await keys.create({ role })).record);
      await keys.revoke(made[1]!.id);
      expect(await keys.count()).toBe(3);
      const listed = await keys.list();
      expect(listed.map((k) => k.id).sort()).toEqual(made.map((k) => k.id).sort());
      expect(listed.filter((k) => k.revokedAt !== null).map((k) => k.id)).toEqual([made[1]!.id]);
    });

    it('ties enterprise keys to one enterprise and maps roles to grants', async () => {
      const { keys } = await state.replica();
      await expect(keys.create({ role: 'enterprise' })).rejects.toThrow(/needs --enterprise/);
      await expect(keys.create({ role: 'analyst', enterpriseId: 'D1' })).rejects.toThrow(/only applies/);
      const e = (await keys.create({ role: 'enterprise', enterpriseId: 'enterprise:D0001' })).record;
      expect(e.enterpriseId).toBe('D0001');
      expect(principalOf(e).grants).toEqual(['enterprise:D0001']);
      expect(principalOf((await keys.create({ role: 'admin' })).record).grants).toEqual(['*']);
      expect(principalOf((await keys.create({ role: 'analyst' })).record).grants).toEqual(['industry']);
      expect(principalOf((await keys.create({ role: 'evaluator' })).record).grants).toEqual([]);
    });

    it('shares keys between replicas: made on one, revoked on another, refused by both at once', async () => {
      const a = await state.replica();
      const b = await state.replica();
      const { key, record } = await a.keys.create({ role: 'enterprise', enterpriseId: 'E1' });
      expect(await b.keys.verify(key)).toEqual(record);
      expect(await a.keys.verify(key)).toEqual(record);
      expect(await b.keys.revoke(record.id)).toBe(true);
      expect(await a.keys.verify(key)).toBeNull();
      expect(await a.keys.get(record.id)).toBeNull();
      expect(await a.keys.revoke(record.id)).toBe(false);
    });
  });
}
