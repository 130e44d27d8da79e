import { describe, expect, it } from 'vitest';
import type { BlobStore } from './port.js';

/** The expectations every BlobStore adapter meets. `open` gives an empty store each time. */
export function blobStoreContract(name: string, open: () => Promise<BlobStore>, skip?: string): void {
  if (skip) {
    describe(`${name} BlobStore contract`, () => it.skip(skip, () => {}));
    return;
  }
  describe(`${name} BlobStore contract`, () => {
    it('returns what was put, bytes and content type, and null for a missing key', async () => {
      const store = await open();
      const bytes = Buffer.from([0, 1, 2, 255, 0x50, 0x4b]);
      await store.put('briefings/job_1/briefing.docx', bytes, 'application/zip');
      expect(await store.get('briefings/job_1/briefing.docx')).toEqual({
        bytes,
        contentType: 'application/zip',
      });
      expect(await store.get('briefings/job_1/briefing.md')).toBeNull();
    });

    it('purges the blobs under a prefix written before a time, and nothing else', async () => {
      const store = await open();
      await store.put('briefings/job_1/briefing.md', Buffer.from('# 一'), 'text/markdown');
      await store.put('briefings/job_2/briefing.md', Buffer.from('# 二'), 'text/markdown');
      await store.put('briefingsX/job_3/briefing.md', Buffer.from('# 三'), 'text/markdown');
      await store.put('uploads/t/f', Buffer.from('四'), 'text/plain');
      expect(await store.purge('briefings/', new Date(Date.now() - 3_600_000))).toBe(0);
      expect(await store.purge('briefings/', new Date(Date.now() + 60_000))).toBe(2);
      expect(await store.get('briefings/job_1/briefing.md')).toBeNull();
      expect(await store.get('briefingsX/job_3/briefing.md')).not.toBeNull();
      expect(await store.get('uploads/t/f')).not.toBeNull();
      expect(await store.purge('nothing/', new Date(Date.now() + 60_000))).toBe(0);
      await expect(store.purge('briefings', new Date())).rejects.toThrow(/end it with/);
    });

    it('replaces a blob put again under the same key', async () => {
      const store = await open();
      await store.put('a/b.md', Buffer.from('# 一'), 'text/markdown');
      await store.put('a/b.md', Buffer.from('<p>二</p>'), 'text/html');
      expect(await store.get('a/b.md')).toEqual({
        bytes: Buffer.from('<p>二</p>'),
        contentType: 'text/html',
      });
    });

    it('deletes, saying whether there was a blob', async () => {
      const store = await open();
      await store.put('x/y', Buffer.from('z'), 'text/plain');
      expect(await store.delete('x/y')).toBe(true);
      expect(await store.get('x/y')).toBeNull();
      expect(await store.delete('x/y')).toBe(false);
    });

    it('refuses keys that could escape or alias, before touching the backend', async () => {
      const store = await open();
      for (const key of [
        '',
        '../etc/passwd',
        'a/../../b',
        '/abs',
        'a//b',
        'a/./b',
        '.hidden',
        'a\\b',
        'a b',
      ]) {
        await expect(store.put(key, Buffer.from('x'), 'text/plain'), key).rejects.toThrow(/invalid blob key/);
        await expect(store.get(key), key).rejects.toThrow(/invalid blob key/);
      }
    });
  });
}
