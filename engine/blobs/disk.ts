import { randomUUID } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import { type BlobStore, checkBlobKey, checkBlobPrefix, type StoredBlob } from './port.js';

const MetaSchema = z.object({ contentType: z.string().min(1) });

/**
 * Blobs as files under one directory (`<dataDir>/blobs`): the bytes under `data/<key>` and the
 * content type beside them under `meta/<key>.json`, each written to a temporary name and renamed
 * so a reader never sees half a file.
 */
export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk';

  constructor(private readonly root: string) {}

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    checkBlobKey(key);
    await writeAtomically(this.dataPath(key), bytes);
    await writeAtomically(this.metaPath(key), JSON.stringify({ contentType }));
  }

  async get(key: string): Promise<StoredBlob | null> {
    checkBlobKey(key);
    try {
      const [bytes, meta] = await Promise.all([
        readFile(this.dataPath(key)),
        readFile(this.metaPath(key), 'utf8'),
      ]);
      return { bytes, contentType: MetaSchema.parse(JSON.parse(meta)).contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    checkBlobKey(key);
    await rm(this.metaPath(key), { force: true });
    try {
      await rm(this.dataPath(key));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async purge(prefix: string, before: Date): Promise<number> {
    const root = this.dataPath(checkBlobPrefix(prefix).slice(0, -1));
    let entries: Dirent[];
    try {
      entries = await readdir(root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let removed = 0;
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
      const path = join(entry.parentPath, entry.name);
      if ((await stat(path)).mtime >= before) continue;
      const key = relative(join(this.root, 'data'), path).split(sep).join('/');
      if (await this.delete(key)) removed++;
    }
    return removed;
  }

  private dataPath(key: string): string {
    return join(this.root, 'data', ...key.split('/'));
  }

  private metaPath(key: string): string {
    return `${join(this.root, 'meta', ...key.split('/'))}.json`;
  }
}

async function writeAtomically(path: string, content: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}
