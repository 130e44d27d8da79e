import ExcelJS from 'exceljs';
import type { GapReport } from '../../../engine/gaps/gaps.js';
import type { Lang } from '../i18n.js';
import { tt } from './text.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The gap list as a workbook for the 招商 desk: one row per candidate enterprise (a gap with none
 * keeps one row), headed in the page's language, with the gap's facts repeated so the sheet can
 * be filtered and sorted as it is.
 */
export async function gapsWorkbook(report: GapReport, lang: Lang): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = tt(lang, 'tools');
  book.created = new Date();
  const sheet = book.addWorksheet(tt(lang, 'sheetGaps'), { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([
    tt(lang, 'gapsSummary', {
      region: report.region.name,
      chain: report.chain.name,
      tiers: report.tiers,
      inputs: report.inputs,
      gaps: report.gaps.length,
    }),
  ]).font = { bold: true };
  const header = sheet.addRow([
    tt(lang, 'gap'),
    tt(lang, 'tier'),
    tt(lang, 'localProducers'),
    tt(lang, 'outsideProducers'),
    tt(lang, 'criticality'),
    tt(lang, 'candidates'),
    tt(lang, 'province'),
    tt(lang, 'specialisation'),
  ]);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F3F7' } };
  for (const gap of report.gaps) {
    const base = [
      gap.name,
      gap.tier,
      gap.localProducers,
      gap.outsideProducers,
      Math.round(gap.criticality * 100),
    ];
    if (gap.candidates.length === 0) sheet.addRow([...base, '', '', null]);
    for (const c of gap.candidates) sheet.addRow([...base, c.name, c.province ?? '', c.weight ?? null]);
  }
  sheet.getColumn(8).numFmt = '0.0%';
  const widths = [18, 6, 10, 10, 8, 24, 12, 12];
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
  for (const note of report.notes) sheet.addRow([note[lang]]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
