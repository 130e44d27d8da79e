import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_PRINCIPAL } from '../knowledge-graph/schema/index.js';
import { type Harness, openHarness } from './harness.test-support.js';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => h.close());

describe('ingesting bad input', () => {
  it('reports each bad file clearly and ingests the rest of the batch', async () => {
    const f = (name: string) => join(h.dir, name);
    writeFileSync(f('good.md'), '# 好文件\n产业大脑是服务产业数字化的公共智能系统。\n');
    writeFileSync(
      f('gbk.txt'),
      iconv.encode('关于开展行业产业大脑建设的通知\n各区县经信部门负责梳理本辖区领军企业情况。\n', 'gbk'),
    );
    writeFileSync(f('broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref');
    writeFileSync(f('broken.docx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
    writeFileSync(f('notzip.docx'), 'this is plain text pretending to be a docx');
    writeFileSync(f('empty.txt'), '');
    writeFileSync(f('binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 0, 3, 4]));
    writeFileSync(f('mojibake.txt'), Buffer.from([0xff, 0xfe - 1, 0xff, 0x80, 0x80, 0xff, 0x20, 0xff]));
    writeFileSync(f('bad.json'), '{"title": "x"}');
    // A sparse 50 MB file: refused by size before any byte is read.
    const fd = openSync(f('huge.txt'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);

    const summary = await h.index.ingestPaths([h.dir]);
    const failed = new Map(
      summary.results.filter((r) => r.status === 'failed').map((r) => [r.file.split('/').pop(), r.message]),
    );
    expect(summary.added).toBe(2);
    expect(failed.get('broken.pdf')).toMatch(/broken\.pdf: is a corrupted PDF/);
    expect(failed.get('broken.docx')).toMatch(/broken\.docx: is a corrupted \.docx/);
    expect(failed.get('notzip.docx')).toMatch(/not a valid \.docx/);
    expect(failed.get('empty.txt')).toMatch(/is empty/);
    expect(failed.get('binary.txt')).toMatch(/binary/);
    expect(failed.get('mojibake.txt')).toMatch(/neither valid UTF-8 nor GB18030/);
    expect(failed.get('bad.json')).toMatch(/text\|content\|body/);
    expect(failed.get('huge.txt')).toMatch(/50\.0 MB, over the 20\.0 MB limit/);
    expect(summary.failed).toBe(8);

    const [hit] = await h.index.search('领军企业', { principal: PUBLIC_PRINCIPAL, mode: 'bm25' });
    expect(hit?.source).toBe('gbk.txt');
    expect((await h.index.check()).problems).toEqual([]);
  });

  it('rejects an unknown visibility for the document, not the batch', async () => {
    writeFileSync(join(h.dir, 'a.txt'), '第一份文件的正文内容。');
    const summary = await h.index.ingestPaths([join(h.dir, 'a.txt')], { visibility: 'secret' });
    expect(summary.results[0]?.message).toMatch(/visibility "secret"/);
  });
});
