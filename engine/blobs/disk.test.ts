import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { blobStoreContract } from './contract.test-suite.js';
import { DiskBlobStore } from './disk.js';

const dirs: string[] = [];

blobStoreContract('disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-blobs-'));
  dirs.push(dir);
  return new DiskBlobStore(join(dir, 'blobs'));
});

afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
