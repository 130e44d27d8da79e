import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { ConfigSchema } from '../config/schema.js';
import { Engine } from '../container.js';
import { loadDemo } from '../demo.js';
import { renderDocx } from './docx.js';
import { FONT_CHAINS, LEVEL_FILL } from './docx-style.js';
import { type BriefingData, gatherBriefing } from './gather.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { isNotice } from './quotes.js';
import { type BriefingCharts, renderCharts } from './render.js';

/** Every file of a zip (a .docx) as text. */
function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(files));
      zip.readEntry();
    });
  });
}

const which = (cmd: string) => {
  try {
    return execFileSync('which', [cmd], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
};

let dir: string;
let engine: Engine;
const built: Record<'zh' | 'en', { data: BriefingData; charts: BriefingCharts; docx: Uint8Array }> =
  {} as never;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ibrain-briefing-'));
  engine = await Engine.open(ConfigSchema.parse({ dataDir: dir }));
  await loadDemo(engine);
  for (const lang of ['zh', 'en'] as const) {
    const data = await gatherBriefing(engine, 'product:动力电池', SYSTEM_PRINCIPAL, {
      lang,
      asOf: '2025-12-31',
    });
    const charts = renderCharts(data);
    built[lang] = { data, charts, docx: await renderDocx(data, charts) };
  }
}, 240_000);

afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a briefing a director can act on (demo, 动力电池)', () => {
  it('recommends actions built from its own weak links, gaps, outlooks and policies', () => {
    const { data } = built.zh;
    const md = renderMarkdown(data, built.zh.charts);
    expect(md).toContain('## 八、对策建议');
    const weakest = data.risks.find((r) => r.id !== data.scope.id)!;
    const secure = data.actions.find((a) => a.kind === 'secure');
    expect(secure && secure.kind === 'secure' && secure.product.id).toBe(weakest.id);
    // The weak link's producers are named from the graph, and the home region's gap with candidates.
    expect(secure && secure.kind === 'secure' && secure.ranked.length).toBeGreaterThan(0);
    expect(secure && secure.kind === 'secure' && secure.gap?.region.name).toBe('重庆市');
    const section = md.slice(md.indexOf('## 八、对策建议'), md.indexOf('## 证据与出处'));
    expect(section).toContain(weakest.name);
    for (const a of data.actions.filter((x) => x.kind === 'policy'))
      expect(data.policies.map((p) => p.id)).toContain(a.kind === 'policy' && a.policy.id);
  });

  it('explains why each top risk ranks and draws every one of them on the dependency map', () => {
    const { data } = built.zh;
    const onMap = new Set(data.dependency.nodes.map((n) => n.id));
    for (const r of data.risks) {
      expect(onMap.has(r.id), r.name).toBe(true);
      expect(r.drivers.length).toBeGreaterThan(0);
      for (const step of r.position?.path ?? []) expect(onMap.has(step.id), step.name).toBe(true);
    }
    expect(data.risks[0]!.name).toBe('石英砂');
    expect(data.risks[0]!.position?.path.map((p) => p.name).at(-1)).toBe('动力电池');
    const html = renderHtml(data, built.zh.charts);
    expect(html).toContain('排名原因与链上位置');
    expect(built.zh.charts.dependency.svg).toContain('#1 石英砂');
  });

  it('clips prices and demand at zero in text and charts', () => {
    for (const lang of ['zh', 'en'] as const) {
      const { data, charts } = built[lang];
      expect(data.outlooks.length).toBeGreaterThan(0);
      for (const o of data.outlooks)
        for (const p of o.points)
          for (const [k, v] of Object.entries(p))
            if (typeof v === 'number') expect(v, `${o.name} ${k}`).toBeGreaterThanOrEqual(0);
      for (const chart of charts.outlooks) {
        const labels = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
        expect(labels.filter((l) => /^[-−]\d/.test(l))).toEqual([]);
      }
      expect(renderMarkdown(data, charts)).not.toMatch(/区间 -|interval -/);
    }
  });

  it('quotes policies in whole sentences without source notices, and gives no CLI hint', () => {
    for (const lang of ['zh', 'en'] as const) {
      const { data, charts } = built[lang];
      const quoted = data.policies.filter((p) => p.passage);
      expect(quoted.length).toBeGreaterThan(0);
      for (const p of quoted) {
        expect(p.passage!, p.name).toMatch(/[。！？.!?；;]$/);
        expect(p.passage!).not.toMatch(/^…|【|】|虚构/);
        expect(isNotice(p.passage!)).toBe(false);
      }
      for (const text of [renderMarkdown(data, charts), renderHtml(data, charts)]) {
        expect(text).not.toMatch(/ibrain\s|npx |--scope|graph entity/);
        // Evidence in words: no raw edge ids such as MADE_FROM|product:…|product:….
        expect(text.replace(/href="[^"]*"/g, '')).not.toMatch(/[A-Z_]+\|(product|enterprise|region):/);
      }
    }
  });

  it('writes complete English sentences (no cut at a decimal point)', () => {
    const md = renderMarkdown(built.en.data, built.en.charts);
    const findings = md.slice(md.indexOf('## 1. Key findings'), md.indexOf('## 2.'));
    expect(findings).toMatch(/Outlook \(price\): .*\d+\.\d+%/);
    for (const line of findings.split('\n').filter((l) => l.startsWith('- ')))
      expect(line, line).not.toMatch(/\d\.$/);
    expect(md).toContain('## 8. Recommended actions');
    expect(md).not.toMatch(/[：（）]\s*$/m);
  });

  it('links names in HTML to their portal profiles', () => {
    const html = renderHtml(built.zh.data, built.zh.charts);
    expect(html).toContain(`href="/products/${encodeURIComponent('product:石英砂')}"`);
    expect(html).toMatch(/href="\/enterprises\/enterprise%3A[^"]+"/);
    expect(html).toMatch(/href="\/records\/edge\/[^"]+"/);
    // Quoted passages point at the viewer's own anchors, #chunk-<n>, as the portal's citations do.
    const passages = [...html.matchAll(/href="(\/documents\/[^"]+)"/g)].map((m) => m[1]!);
    expect(passages.length).toBeGreaterThan(0);
    for (const href of passages) expect(href).toMatch(/^\/documents\/[^#"]+(#chunk-\d+)?$/);
  });
});

describe('the Word file', () => {
  it('has page numbers in the footer, a header, heading styles and the Chinese font chain', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const files = await unzip(built[lang].docx);
      const footers = [...files]
        .filter(([name]) => /^word\/footer\d*\.xml$/.test(name))
        .map(([, xml]) => xml);
      expect(footers.length).toBeGreaterThan(0);
      expect(footers.join('')).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(footers.join('')).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
      if (lang === 'zh') expect(footers.join('')).toContain('页 / 共');
      const headers = [...files]
        .filter(([name]) => /^word\/header\d*\.xml$/.test(name))
        .map(([, xml]) => xml);
      expect(headers.join('')).toContain(
        lang === 'zh' ? '产业大脑 · 产业链供应风险简报：动力电池' : 'Industry Brain',
      );
      const styles = files.get('word/styles.xml')!;
      const defaults = /<w:docDefaults>.*?<\/w:docDefaults>/s.exec(styles)![0];
      expect(defaults).toMatch(/<w:rFonts[^>]*w:eastAsia="仿宋"/);
      for (const id of ['Heading1', 'Heading2', 'Title']) {
        const style = new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, 's').exec(styles)?.[0];
        expect(style, id).toBeDefined();
        expect(style).toMatch(/<w:rFonts[^>]*w:eastAsia="黑体"/);
      }
      // The font table carries each chain: 仿宋 → … 宋体 … → Noto last; 黑体 → SimHei → 宋体 → Noto.
      const fonts = files.get('word/fontTable.xml')!;
      for (const chain of [FONT_CHAINS.body, FONT_CHAINS.heading]) {
        const entry = new RegExp(`<w:font w:name="${chain[0]}"><w:altName w:val="([^"]+)"/>`).exec(fonts);
        const alts = entry![1]!.split(',');
        expect(alts.indexOf('宋体')).toBeGreaterThan(-1);
        expect(alts.at(-1)).toMatch(/^Noto /);
        expect(alts.indexOf('宋体')).toBeLessThan(alts.findIndex((f) => f.startsWith('Noto')));
      }
      const document = files.get('word/document.xml')!;
      const text = [...document.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
      expect(text).toContain(lang === 'zh' ? '对策建议' : 'Recommended actions');
      expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>/);
      expect(document).not.toMatch(/<w:br w:type="page"\/>|<w:pageBreakBefore/);
      const fills = new Set([...document.matchAll(/w:fill="([0-9A-F]{6})"/g)].map((m) => m[1]));
      const levels = new Set(built[lang].data.risks.map((r) => r.level).concat(built[lang].data.risk.level));
      for (const level of levels) expect(fills.has(LEVEL_FILL[level]), level).toBe(true);
    }
  });

  const soffice = which('soffice') ?? which('libreoffice');
  it.skipIf(!soffice)(
    'converts to PDF with LibreOffice: a page number on every page, no empty or half-blank page',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'ibrain-briefing-pdf-'));
      try {
        for (const lang of ['zh', 'en'] as const) {
          const docx = join(out, `briefing-${lang}.docx`);
          writeFileSync(docx, built[lang].docx);
          execFileSync(
            soffice!,
            [
              '--headless',
              `-env:UserInstallation=file://${out}/profile`,
              '--convert-to',
              'pdf',
              '--outdir',
              out,
              docx,
            ],
            {
              stdio: 'ignore',
              timeout: 120_000,
            },
          );
          const pdf = readFileSync(join(out, `briefing-${lang}.pdf`));
          const { extractText, getDocumentProxy } = await import('unpdf');
          const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
            mergePages: false,
          });
          expect(totalPages).toBeGreaterThan(1);
          for (const [i, page] of text.entries()) {
            const flat = page.replace(/\s+/g, '');
            expect(flat, `page ${i + 1}`).toContain(
              lang === 'zh' ? `第${i + 1}页/共${totalPages}页` : `Page${i + 1}of${totalPages}`,
            );
            const body = flat
              .replace(/第\d+页\/共\d+页|Page\d+of\d+/, '')
              .replace(/产业大脑·.*?动力电池|IndustryBrain·.*?动力电池/, '');
            expect(body.length, `page ${i + 1} is empty`).toBeGreaterThan(40);
          }
          if (lang === 'zh') expect(text.join('').replace(/\s+/g, '')).toContain('对策建议');
          if (!which('pdftoppm')) {
            console.warn('pdftoppm (poppler-utils) not installed: half-blank pages not checked');
            continue;
          }
          // Half-blank: how far down the body area (between header and footer) each page's ink reaches.
          execFileSync('pdftoppm', [
            '-gray',
            '-r',
            '30',
            join(out, `briefing-${lang}.pdf`),
            join(out, `${lang}-p`),
          ]);
          const pages = readdirSync(out)
            .filter((f) => f.startsWith(`${lang}-p`) && f.endsWith('.pgm'))
            .sort();
          expect(pages.length).toBe(totalPages);
          for (const [i, f] of pages.slice(0, -1).entries()) {
            const bytes = readFileSync(join(out, f));
            const [, w, h] = bytes.subarray(0, 40).toString('latin1').split(/\s+/).map(Number) as [
              number,
              number,
              number,
            ];
            const pixels = bytes.subarray(bytes.length - w * h);
            const top = Math.floor(h * 0.08);
            const bottom = Math.floor(h * 0.92);
            let last = top;
            for (let y = top; y < bottom; y++)
              for (let x = 0; x < w; x++)
                if (pixels[y * w + x]! < 160) {
                  last = y;
                  break;
                }
            expect(
              (last - top) / (bottom - top),
              `${lang} page ${i + 1} is more than half blank`,
            ).toBeGreaterThan(0.5);
          }
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    300_000,
  );
  if (!soffice) console.warn('LibreOffice (soffice) is not installed: the DOCX → PDF check is skipped');
});
