import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../engine/config/load.js';
import { Engine } from '../engine/container.js';
import { runGraphImport } from '../engine/imports.js';
import { DocumentParser } from '../retrieval/parser.js';
import { bigText, manyPagesPdf, zipBombDocx } from './testing/hostile.js';
import { type Fixture, openFixture, SECRET } from './test-fixture.js';

let f: Fixture;
let jia: string;
let yi: string;
beforeAll(async () => {
  f = await openFixture(
    { maxUploadBytes: 40 * 1024 * 1024 },
    {
      IBRAIN_UPLOAD_MAX_UNPACKED_MB: '2',
      IBRAIN_UPLOAD_MAX_CHARS: '200000',
      IBRAIN_UPLOAD_MAX_PAGES: '500',
      IBRAIN_UPLOAD_QUOTA_CHARS: '300000',
    },
  );
  // Two enterprises whose ids are Chinese and of one length: an ASCII-only rewrite maps both to "__".
  const keys = f.engine.state.keys;
  jia = (await keys.create({ role: 'enterprise', enterpriseId: '甲乙' })).key;
  yi = (await keys.create({ role: 'enterprise', enterpriseId: '丙丁' })).key;
});
afterAll(() => f.close());

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

function upload(key: string, name: string, body: string | Uint8Array, type = 'text/plain') {
  const form = new FormData();
  form.set('file', new File([body], name, { type }));
  return f.request('/v1/documents', { method: 'POST', key, body: form });
}

async function search(key: string, q: string) {
  return JSON.stringify((await json(await f.request(`/v1/search?q=${encodeURIComponent(q)}`, { key }))).hits);
}

function storedUploads(): string[] {
  const root = join(f.engine.dataDir, 'blobs', 'data', 'uploads');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('uploads are kept per tenant (H1)', () => {
  it('two enterprises with same-length Chinese ids uploading report.txt each keep their own', async () => {
    const first = await upload(jia, 'report.txt', '甲乙企业季度报告：第一代固态电解质中试线投产。');
    expect(first.status).toBe(201);
    expect(await json(first)).toMatchObject({ status: 'added', file: 'report.txt' });
    const second = await upload(yi, 'report.txt', '丙丁企业季度报告：第二代隔膜涂覆产线扩产。');
    expect(second.status).toBe(201);
    expect(await json(second)).toMatchObject({ status: 'added', file: 'report.txt' });
    expect(await search(jia, '固态电解质')).toContain('固态电解质中试线');
    expect(await search(jia, '隔膜涂覆')).not.toContain('隔膜涂覆产线');
    expect(await search(yi, '隔膜涂覆')).toContain('隔膜涂覆产线');
    expect(await search(yi, '固态电解质')).not.toContain('固态电解质中试线');
  });
});

describe('upload replies (low)', () => {
  it('a duplicate names only the caller’s own file, never a server path, and leaves no file behind', async () => {
    const text = '甲乙企业的重复提交测试文本，内容完全相同。';
    expect((await upload(jia, 'original.txt', text)).status).toBe(201);
    const before = storedUploads().length;
    const res = await upload(jia, 'copy.txt', text);
    const body = await json(res);
    expect(body).toMatchObject({ status: 'duplicate', file: 'copy.txt' });
    expect(String(body.message)).toContain('original.txt');
    expect(JSON.stringify(body)).not.toContain(f.engine.dataDir);
    expect(JSON.stringify(body)).not.toMatch(/\/(tmp|uploads)\//);
    expect(storedUploads().length).toBe(before);
  });

  it('a refused upload leaves no file behind and its problem names no path', async () => {
    const before = storedUploads().length;
    const res = await upload(jia, 'broken.pdf', 'not a pdf at all', 'application/pdf');
    expect(res.status).toBe(422);
    expect(JSON.stringify(await json(res))).not.toContain(f.engine.dataDir);
    expect(storedUploads().length).toBe(before);
  });
});

describe('hostile uploads are refused with a clear 413 (H4)', () => {
  it('a zip bomb .docx, by its unpacked size', async () => {
    const bomb = await zipBombDocx(64 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await upload(f.key.e1, 'bomb.docx', bomb, 'application/octet-stream');
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await json(res)).detail).toMatch(/^bomb\.docx: unpacks to more than 2\.0 MB/);
  });

  it('a PDF of too many pages, by its page count', async () => {
    const res = await upload(f.key.e1, 'pages.pdf', manyPagesPdf(2_000), 'application/pdf');
    expect(res.status).toBe(413);
    expect((await json(res)).detail).toMatch(/has 2,000 pages, over the 500-page limit/);
  });

  it('a text file of too many characters', async () => {
    const res = await upload(f.key.e1, 'long.txt', bigText(1_000_000));
    expect(res.status).toBe(413);
    expect((await json(res)).detail).toMatch(/characters of text, over the 200,000 limit/);
  });

  it('an upload past the tenant’s quota', async () => {
    const chunk = bigText(600_000).toString().slice(0, 160_000);
    expect((await upload(f.key.e2, 'q1.txt', chunk)).status).toBe(201);
    const res = await upload(f.key.e2, 'q2.txt', `${chunk}另一份`);
    expect(res.status).toBe(413);
    expect((await json(res)).detail).toMatch(/over its quota of 300,000/);
  });

  it('a file that takes too long to read is stopped, and the reader recovers for the next one', async () => {
    const parser = new DocumentParser({ timeoutMs: 1 });
    await expect(
      parser.parse({
        kind: 'bytes',
        bytes: manyPagesPdf(50).buffer as ArrayBuffer,
        name: 'slow.pdf',
        source: 'x',
        label: 'slow.pdf',
      }),
    ).rejects.toThrow(/slow\.pdf: took longer than 0 s to read and was stopped/);
    await parser.close();
    const fresh = new DocumentParser();
    const [doc] = await fresh.parse({
      kind: 'bytes',
      bytes: new TextEncoder().encode('恢复后的读取。').buffer as ArrayBuffer,
      name: 'ok.txt',
      source: 'ok',
      label: 'ok.txt',
    });
    expect(doc?.text).toBe('恢复后的读取。');
    await fresh.close();
  });
});

describe('a running server sees imports made by another process at once (H2)', () => {
  it('new nodes, an edge made private with new private props, and a revoked node', async () => {
    const other = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: f.engine.dataDir } }));
    try {
      const { writeFileSync } = await import('node:fs');
      const file = join(f.engine.dataDir, 'update.jsonl');
      writeFileSync(
        file,
        [
          JSON.stringify({ type: 'Product', id: 'product:钠电池', name: '钠电池' }),
          JSON.stringify({
            type: 'MADE_FROM',
            from: 'product:动力电池',
            to: 'product:碳酸锂',
            props: { share: 0.4, contractPrice: 91_000 },
            visibility: 'enterprise:E1',
          }),
          JSON.stringify({
            type: 'Product',
            id: 'product:锂辉石',
            name: '锂辉石',
            visibility: 'enterprise:E2',
          }),
        ].join('\n'),
      );
      await runGraphImport(other, 'jsonl', file);
    } finally {
      await other.close();
    }
    expect((await f.request('/v1/graph/entities/product:钠电池', { key: f.key.analyst })).status).toBe(200);
    const e2 = await f.request('/v1/graph/entities/product:动力电池/neighbours', { key: f.key.e2 });
    expect(JSON.stringify(await e2.json())).not.toContain('contractPrice');
    const e1 = await f.request('/v1/graph/entities/product:动力电池/neighbours', { key: f.key.e1 });
    expect(JSON.stringify(await e1.json())).toContain('91000');
    expect((await f.request('/v1/graph/entities/product:锂辉石', { key: f.key.e1 })).status).toBe(404);
    expect((await f.request('/v1/graph/entities/product:锂辉石', { key: f.key.e2 })).status).toBe(200);
    expect(await search(f.key.e1, SECRET.E1)).toContain(SECRET.E1);
  });
});
