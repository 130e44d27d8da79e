import { beforeEach, describe, expect, it } from 'vitest';
import type { SecurityBackend, SecurityState } from './backends.test-support.js';

const T0 = new Date('2025-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** What every SessionStore adapter does: ids hashed at rest, expiry, and sessions shared by replicas. */
export function sessionStoreContract(backend: SecurityBackend): void {
  describe(`${backend.name} SessionStore contract`, () => {
    if (backend.skip) {
      it.skip(backend.skip, () => {});
      return;
    }
    let state: SecurityState;
    beforeEach(async () => {
      state = await backend.fresh();
    });

    it('resolves a live session, forgets expired and destroyed ones', async () => {
      const { sessions } = await state.replica();
      const id = await sessions.create('k1', 60_000, T0);
      expect(JSON.stringify(await state.sql('SELECT * FROM api_sessions'))).not.toContain(id);
      expect(await sessions.resolve(id, at(1000))).toBe('k1');
      expect(await sessions.resolve(id, at(61_000))).toBeNull();
      // The expired session was removed, not just refused: it stays gone even for an earlier clock.
      expect(await sessions.resolve(id, T0)).toBeNull();
      const other = await sessions.create('k2', 60_000, T0);
      await sessions.destroy(other);
      expect(await sessions.resolve(other, T0)).toBeNull();
      expect(await sessions.resolve('never-issued', T0)).toBeNull();
    });

    it('purges only the expired sessions', async () => {
      const { sessions } = await state.replica();
      const short = await sessions.create('k1', 1000, T0);
      const long = await sessions.create('k2', 60_000, T0);
      expect(await sessions.purgeExpired(at(2000))).toBe(1);
      expect(await sessions.resolve(short, T0)).toBeNull();
      expect(await sessions.resolve(long, at(2000))).toBe('k2');
      expect(await sessions.purgeExpired(at(2000))).toBe(0);
    });

    it('shares sessions between replicas: made on one, ended on another', async () => {
      const a = await state.replica();
      const b = await state.replica();
      const id = await a.sessions.create('k1', 60_000, T0);
      expect(await b.sessions.resolve(id, at(1000))).toBe('k1');
      await b.sessions.destroy(id);
      expect(await a.sessions.resolve(id, at(1000))).toBeNull();
    });
  });
}
