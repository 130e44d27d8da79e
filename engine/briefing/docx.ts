import { existsSync } from 'node:fs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { LEVEL_LABELS } from '../risk/composite.js';
import type { Chart } from './charts.js';
import { COPY, cites, factorValue, summaryLines } from './copy.js';
import type { BriefingData } from './gather.js';
import type { BriefingCharts } from './render.js';

const FONT = 'Noto Sans CJK SC';
/** Debian fonts-noto-cjk; resvg falls back to scanning system fonts when it is elsewhere. */
const CJK_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

type Png = (svg: string, width: number) => Promise<Uint8Array>;

/** SVG → PNG with resvg (prebuilt binary); without it the charts fall back to tables only. */
async function pngRenderer(): Promise<Png | undefined> {
  try {
    const { renderAsync } = await import('@resvg/resvg-js');
    // renderAsync runs on the libuv thread pool, so the charts rasterise in parallel.
    return async (svg, width) =>
      (
        await renderAsync(svg, {
          fitTo: { mode: 'width', value: Math.round(width * 1.5) },
          font: existsSync(CJK_FONT_FILE)
            ? { fontFiles: [CJK_FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT }
            : { loadSystemFonts: true, defaultFontFamily: FONT },
          background: '#ffffff',
        })
      ).asPng();
  } catch {
    return undefined;
  }
}

const text = (s: string, opts: { bold?: boolean; size?: number; color?: string } = {}) =>
  new TextRun({ text: s, font: FONT, size: opts.size ?? 20, bold: opts.bold, color: opts.color });

const para = (s: string, opts: { bold?: boolean; size?: number; color?: string } = {}) =>
  new Paragraph({ children: [text(s, opts)], spacing: { after: 80 } });

const heading = (s: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: [text(s, { bold: true, size: 28, color: '14213D' })],
    spacing: { before: 240, after: 120 },
  });

function table(header: string[], rows: string[][], widths: number[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'CBD5E1' };
  const cellOf = (s: string, head: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F1F5F9' } : undefined,
      borders: { top: border, bottom: border, left: border, right: border },
      children: [new Paragraph({ children: [text(s, { bold: head, size: 18 })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cellOf(h, true, widths[i]!)) }),
      ...rows.map((r) => new TableRow({ children: r.map((s, i) => cellOf(s, false, widths[i]!)) })),
    ],
  });
}

async function picture(chart: Chart, png: Png | undefined): Promise<Paragraph[]> {
  if (!png) return [];
  const width = Math.min(600, chart.width);
  const height = Math.round((chart.height / chart.width) * width);
  const fallback = await png(chart.svg, chart.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'svg',
          data: Buffer.from(chart.svg),
          transformation: { width, height },
          fallback: { type: 'png', data: fallback },
        }),
      ],
    }),
  ];
}

/**
 * The briefing as a Word document: the same sections as the HTML, charts as SVG with a PNG
 * fallback for older Word. Without resvg the charts are left out and the tables carry the figures.
 */
export async function renderDocx(d: BriefingData, charts: BriefingCharts): Promise<Uint8Array> {
  const c = COPY[d.lang];
  const r = d.risk;
  const png = await pngRenderer();
  const all = [charts.factors, charts.dependency, ...charts.outlooks];
  const pictures = new Map(
    await Promise.all(all.map(async (chart) => [chart, await picture(chart, png)] as const)),
  );
  const body: Array<Paragraph | Table> = [
    new Paragraph({ children: [text(c.title, { size: 20, color: '6B7280' })] }),
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [text(r.scope.name, { bold: true, size: 44, color: '14213D' })],
    }),
    para(`${c.kinds[r.scope.kind]} · ${r.scope.id} · ${c.asOf} ${d.asOf}`, { color: '6B7280', size: 18 }),
    para(`${c.score} ${r.score.toFixed(1)} / 100 · ${c.level} ${LEVEL_LABELS[r.level][d.lang]}`, {
      bold: true,
      size: 26,
      color: 'B42318',
    }),
    heading(c.summary),
    ...summaryLines(d).map((l) => new Paragraph({ bullet: { level: 0 }, children: [text(l)] })),
    heading(c.factors),
    ...pictures.get(charts.factors)!,
    table(
      [c.factor, c.value, c.weight, c.contribution, c.explanation],
      [
        ...r.factors.map((f) => [
          f.label[d.lang],
          factorValue(f.unit, f.value, d.lang),
          `${(f.weight * 100).toFixed(0)}%`,
          f.contribution.toFixed(1),
          `${f.explanation[d.lang]} ${cites(d.factorCites[f.name] ?? [])}`,
        ]),
        ...r.omitted.map((o) => [o.name, '—', '—', '—', `${c.omitted}: ${o.reason[d.lang]}`]),
      ],
      [16, 12, 8, 9, 55],
    ),
    heading(c.risks),
    table(
      [c.rank, c.name, c.score, c.drivers],
      d.risks.map((x, i) => [
        String(i + 1),
        x.name,
        `${x.score.toFixed(1)} ${LEVEL_LABELS[x.level][d.lang]}`,
        x.lead
          .map((l) => `${l.factor.label[d.lang]}: ${l.factor.explanation[d.lang]} ${cites(l.cites)}`)
          .join('\n'),
      ]),
      [6, 16, 12, 66],
    ),
    heading(c.outlook),
  ];
  if (d.outlooks.length === 0) body.push(para(c.noOutlook));
  for (const [i, o] of d.outlooks.entries()) {
    body.push(...pictures.get(charts.outlooks[i]!)!, para(o.trend.sentence[d.lang]));
  }
  body.push(heading(c.map), ...pictures.get(charts.dependency)!);
  body.push(
    table(
      [c.name, c.path],
      d.dependency.edges.slice(0, 30).map((e) => {
        const name = (id: string) => d.dependency.nodes.find((n) => n.id === id)?.name ?? id;
        return [
          name(e.to),
          `${name(e.from)} → ${name(e.to)}${e.share !== undefined ? ` (${(e.share * 100).toFixed(0)}%)` : ''}`,
        ];
      }),
      [30, 70],
    ),
  );
  body.push(heading(c.scenarios));
  for (const s of d.scenarios) {
    body.push(
      para(
        `${s.title[d.lang]} — ${c.affected} ${s.productsAffected} ${c.products}, ${s.enterprisesAffected} ${c.enterprises}`,
        { bold: true },
      ),
    );
    body.push(
      table(
        [c.name, c.price, c.supply, c.path],
        s.top.map((p) => [
          p.name,
          `${p.priceChangePct.toFixed(2)}%`,
          `${p.supplyLossPct.toFixed(2)}%`,
          p.path.join(' → '),
        ]),
        [20, 12, 12, 56],
      ),
    );
  }
  body.push(heading(c.policies));
  if (d.policies.length === 0) body.push(para(c.noPolicies));
  for (const p of d.policies) {
    body.push(para(`${p.name} [${p.cite}]`, { bold: true }));
    const meta = [p.issuer, p.docNo, p.date].filter(Boolean).join(' · ');
    if (meta) body.push(para(meta, { color: '6B7280', size: 18 }));
    if (p.passage) body.push(para(p.passage, { size: 18 }));
  }
  body.push(heading(c.sources));
  for (const x of d.citations.list)
    body.push(
      para(`[${x.n}] ${x.label} — ${x.id}${x.source ? ` (${x.source})` : ''}`, { size: 16, color: '4B5563' }),
    );
  body.push(
    heading(c.method),
    para(c.methodText, { size: 18 }),
    ...r.notes.map((n) => para(n[d.lang], { size: 18 })),
  );
  if (!png)
    body.push(
      para('Charts omitted: @resvg/resvg-js is not installed to render them for Word.', {
        size: 16,
        color: '6B7280',
      }),
    );
  body.push(para(c.footer, { size: 16, color: '6B7280' }));
  const doc = new Document({
    creator: 'Industry Brain',
    title: `${c.title} · ${r.scope.name}`,
    sections: [
      {
        properties: { page: { margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
