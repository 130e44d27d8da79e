import { existsSync } from 'node:fs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { FACTOR_LABELS, LEVEL_LABELS } from '../risk/composite.js';
import type { RiskReport } from '../risk/types.js';
import type { Chart } from './charts.js';
import { sourceText } from './citations.js';
import { COPY, cites, factorValue, summaryLines, usesDemoData } from './copy.js';
import { fontTableXml, LEVEL_FILL, MUTED, NAVY, STYLE, stylesFor } from './docx-style.js';
import type { BriefingData } from './gather.js';
import { actionPhrase, horizonLine, plain, whyRanks } from './phrases.js';
import type { BriefingCharts } from './render.js';

/** Debian fonts-noto-cjk, for the Chinese labels of chart images; resvg scans system fonts when it is elsewhere. */
const CJK_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const CHART_FONT = 'Noto Sans CJK SC';
/** Largest picture on the page, in pixels at 96 dpi: a chart taller than this would leave half a page blank before it. */
const MAX_PICTURE = { width: 620, height: 340 };

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
            ? { fontFiles: [CJK_FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT }
            : { loadSystemFonts: true, defaultFontFamily: CHART_FONT },
          background: '#ffffff',
        })
      ).asPng();
  } catch {
    return undefined;
  }
}

const para = (s: string, style?: string) =>
  new Paragraph({ ...(style ? { style } : {}), children: [new TextRun(s)] });
const heading = (s: string, level: 1 | 2 = 1) =>
  new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [new TextRun(s)],
  });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'CBD5E1' };
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const CELL_MARGINS = { top: 30, bottom: 30, left: 70, right: 70 };

/** A table cell's content: text, or a risk level drawn as a red / amber / green cell. */
type Cell = string | { level: RiskReport['level']; text: string };

function table(header: string[], rows: Cell[][], widths: number[]): Table {
  const cellOf = (c: Cell, head: boolean, width: number) => {
    const level = typeof c === 'string' ? undefined : c.level;
    const text = typeof c === 'string' ? c : c.text;
    return new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      margins: CELL_MARGINS,
      ...(head || level
        ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: level ? LEVEL_FILL[level] : 'F1F5F9' } }
        : {}),
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            style: STYLE.cell,
            ...(level ? { alignment: AlignmentType.CENTER } : {}),
            children: [
              new TextRun({
                text: line,
                bold: head || level !== undefined,
                ...(level ? { color: 'FFFFFF' } : {}),
              }),
            ],
          }),
      ),
    });
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => cellOf(h, true, widths[i]!)),
      }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cellOf(c, false, widths[i]!)) }),
      ),
    ],
  });
}

async function picture(
  chart: Chart,
  png: Png | undefined,
  maxWidth = MAX_PICTURE.width,
): Promise<Paragraph[]> {
  if (!png) return [];
  const scale = Math.min(1, maxWidth / chart.width, MAX_PICTURE.height / chart.height);
  const width = Math.round(chart.width * scale);
  const height = Math.round(chart.height * scale);
  const fallback = await png(chart.svg, chart.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      // Single spacing: the body's 1.25 would add a quarter of the picture's height below it.
      spacing: { line: 240, lineRule: LineRuleType.AUTO, after: 60 },
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

/** Two columns without borders: the outlook charts side by side, so they take half the height. */
function sideBySide(cells: Paragraph[][]): Table {
  const rows: TableRow[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    const pair = [cells[i]!, cells[i + 1] ?? [new Paragraph('')]];
    rows.push(
      new TableRow({
        cantSplit: true,
        children: pair.map(
          (children) =>
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              margins: CELL_MARGINS,
              borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
              children,
            }),
        ),
      }),
    );
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, layout: TableLayoutType.FIXED, rows });
}

/**
 * The briefing as a Word document: the same sections as the HTML in a defined style set
 * (Title, Heading 1/2, the briefing's own body styles) with Chinese government fonts first,
 * a header naming the briefing, page numbers in the footer, risk levels as red / amber / green
 * cells, and charts as SVG with a PNG fallback. No forced page breaks: sections follow on.
 */
export async function renderDocx(d: BriefingData, charts: BriefingCharts): Promise<Uint8Array> {
  const c = COPY[d.lang];
  const r = d.risk;
  const zh = d.lang === 'zh';
  const png = await pngRenderer();
  const titleText = `${c.title}${c.titleSep}${r.scope.name}`;
  const body: Array<Paragraph | Table> = [
    para(`${c.brand} · ${c.title}`, STYLE.meta),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(r.scope.name)] }),
    para(`${c.kinds[r.scope.kind]} · ${c.asOf} ${d.asOf}`, STYLE.meta),
    table(
      [c.score, c.level, c.measured],
      [
        [
          `${r.score.toFixed(1)} / 100`,
          { level: r.level, text: LEVEL_LABELS[r.level][d.lang] },
          `${r.factors.length} / ${r.factors.length + r.omitted.length}`,
        ],
      ],
      [34, 33, 33],
    ),
    heading(c.summary),
    ...summaryLines(d).map((l) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(l)] })),
    heading(c.factors),
    ...(await picture(charts.factors, png)),
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
        ...r.omitted.map((o) => [
          FACTOR_LABELS[o.name][d.lang],
          '—',
          '—',
          '—',
          `${c.omitted}${c.colon}${o.reason[d.lang]}`,
        ]),
      ],
      [16, 12, 8, 9, 55],
    ),
    heading(c.risks),
    table(
      [c.rank, c.name, c.score, c.level, c.drivers],
      d.risks.map((x, i) => [
        String(i + 1),
        x.name,
        x.score.toFixed(1),
        { level: x.level, text: LEVEL_LABELS[x.level][d.lang] },
        x.lead
          .map((l) => `${l.factor.label[d.lang]}${c.colon}${l.factor.explanation[d.lang]} ${cites(l.cites)}`)
          .join('\n'),
      ]),
      [6, 14, 8, 8, 64],
    ),
    heading(c.why, 2),
    ...d.risks.slice(0, 5).map(
      (x, i) =>
        new Paragraph({
          bullet: { level: 0 },
          children: [
            new TextRun({ text: `${x.name}${c.colon}`, bold: true }),
            new TextRun(plain(whyRanks(x, i + 1, r.scope.name, d.lang))),
          ],
        }),
    ),
    heading(c.outlook),
  ];
  if (d.outlooks.length === 0) body.push(para(c.noOutlook));
  else
    body.push(
      sideBySide(
        await Promise.all(
          d.outlooks.map(async (o, i) => [
            ...(await picture(charts.outlooks[i]!, png, 300)),
            para(
              `${o.trend.sentence[d.lang]}${d.lang === 'zh' ? '' : ' '}${horizonLine(o, d.lang)}`,
              STYLE.small,
            ),
          ]),
        ),
      ),
    );
  body.push(heading(c.map), ...(await picture(charts.dependencyPrint, png)), para(c.mapNote, STYLE.meta));
  body.push(heading(c.scenarios));
  for (const s of d.scenarios) {
    body.push(
      heading(
        `${s.title[d.lang]} — ${c.affected} ${s.productsAffected} ${c.products}${zh ? '、' : ', '}${s.enterprisesAffected} ${c.enterprises}`,
        2,
      ),
      table(
        [c.name, c.price, c.supply, c.path],
        s.top.map((p) => [
          p.name,
          `${p.priceChangePct.toFixed(2)}%`,
          `${p.supplyLossPct.toFixed(2)}%`,
          p.path.join(' → '),
        ]),
        [22, 12, 12, 54],
      ),
    );
  }
  body.push(heading(c.policies));
  if (d.policies.length === 0) body.push(para(c.noPolicies));
  for (const p of d.policies) {
    body.push(
      new Paragraph({
        keepNext: true,
        children: [new TextRun({ text: p.name, bold: true }), new TextRun(` [${p.cite}]`)],
      }),
    );
    const meta = [p.issuer, p.docNo, p.date].filter(Boolean).join(' · ');
    if (meta) body.push(para(meta, STYLE.meta));
    if (p.passage) body.push(para(zh ? `“${p.passage}”` : `“${p.passage}”`, STYLE.quote));
  }
  body.push(heading(c.actions));
  if (d.actions.length === 0) body.push(para(c.noActions));
  for (const [i, a] of d.actions.entries()) {
    const p = actionPhrase(a, d.lang);
    body.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 100, after: 20 },
        children: [new TextRun({ text: `${i + 1}. ${plain(p.title)}`, bold: true, color: NAVY })],
      }),
      para(`${plain(p.body)}${'cites' in a ? ` ${cites(a.cites)}` : ''}`),
    );
  }
  body.push(heading(c.sources));
  for (const x of d.citations.list)
    body.push(
      para(
        `[${x.n}] ${x.label}${x.source ? `${zh ? '，' : ', '}${sourceText(x.source, d.lang)}` : ''}`,
        STYLE.small,
      ),
    );
  body.push(
    heading(c.method),
    para(c.methodText, STYLE.small),
    ...r.notes.map((n) => para(n[d.lang], STYLE.small)),
  );
  if (!png)
    body.push(
      para(
        zh
          ? '未安装 @resvg/resvg-js，Word 版未嵌入图表；各项数据见表格。'
          : 'Charts left out: @resvg/resvg-js is not installed to render them for Word; the tables carry the figures.',
        STYLE.small,
      ),
    );
  body.push(para(`${c.footer}${usesDemoData(d) ? `${zh ? '' : ' '}${c.demoNote}` : ''}`, STYLE.small));
  const [before, between, end] = c.pageParts;
  const doc = new Document({
    creator: c.brand,
    title: titleText,
    styles: stylesFor(d.lang),
    sections: [
      {
        properties: {
          page: { margin: { top: 1200, bottom: 1100, left: 1100, right: 1100, header: 560, footer: 560 } },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                style: STYLE.header,
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'CBD5E1', space: 4 } },
                children: [new TextRun(`${c.brand} · ${titleText}`)],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: STYLE.header,
                children: [
                  new TextRun({
                    children: [before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, end],
                    color: MUTED,
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return new Uint8Array(
    await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]),
  );
}
