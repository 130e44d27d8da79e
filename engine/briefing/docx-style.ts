import { AlignmentType, type IStylesOptions, LineRuleType } from 'docx';
import type { RiskReport } from '../risk/types.js';

/**
 * Fonts of the Word briefing, in the order a Chinese government PC has them: 仿宋 (FangSong) for
 * body text and 黑体 (SimHei) for headings ship with every Chinese Windows; 宋体 (SimSun) is
 * the fallback Word and WPS reach for; Noto CJK comes last, for Linux and LibreOffice.
 * Styles name the first font of each chain (w:rFonts w:eastAsia); the font table lists the rest
 * as each font's alternative names (w:altName), which is where Word looks when a font is missing.
 */
export const FONT_CHAINS = {
  body: ['仿宋', 'FangSong', '仿宋_GB2312', '宋体', 'SimSun', 'Noto Serif CJK SC', 'Noto Sans CJK SC'],
  heading: ['黑体', 'SimHei', '宋体', 'SimSun', 'Noto Sans CJK SC'],
  fallback: ['宋体', 'SimSun', 'Noto Serif CJK SC', 'Noto Sans CJK SC'],
} as const;

const LATIN_BODY = 'Times New Roman';
const LATIN_HEADING = 'Arial';

const fonts = (eastAsia: string, latin: string) => ({ ascii: latin, hAnsi: latin, cs: latin, eastAsia });

export const BODY_FONT = fonts(FONT_CHAINS.body[0], LATIN_BODY);
export const HEADING_FONT = fonts(FONT_CHAINS.heading[0], LATIN_HEADING);

export const INK = '1F2A37';
export const NAVY = '14213D';
export const MUTED = '6B7280';

/** Red / amber / green by risk level, as the portal colours them. */
export const LEVEL_FILL: Record<RiskReport['level'], string> = {
  severe: '9F1239',
  high: 'C62828',
  moderate: 'D97706',
  low: '2E7D32',
};

/** Paragraph styles beyond Word's built-in ones, by id. */
export const STYLE = {
  meta: 'BriefMeta',
  small: 'BriefSmall',
  quote: 'BriefQuote',
  cell: 'BriefCell',
  header: 'BriefHeader',
} as const;

/** The style set: body, title and heading styles with their fonts, and the briefing's own styles. */
export const stylesFor = (lang: 'zh' | 'en'): IStylesOptions => ({
  default: {
    document: {
      // zh-CN marks the text Simplified Chinese, so a renderer picks SC glyphs of a multi-locale CJK font.
      run: {
        font: BODY_FONT,
        size: 22,
        color: INK,
        language: { value: lang === 'zh' ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' },
      },
      paragraph: { spacing: { after: 80, line: 300, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: HEADING_FONT, size: 40, bold: true, color: NAVY },
      paragraph: { spacing: { before: 0, after: 80 }, keepNext: true },
    },
    heading1: {
      run: { font: HEADING_FONT, size: 28, bold: true, color: NAVY },
      paragraph: { spacing: { before: 280, after: 100 }, keepNext: true, keepLines: true },
    },
    heading2: {
      run: { font: HEADING_FONT, size: 23, bold: true, color: NAVY },
      paragraph: { spacing: { before: 160, after: 60 }, keepNext: true, keepLines: true },
    },
  },
  paragraphStyles: [
    {
      id: STYLE.meta,
      name: 'Briefing meta',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 18, color: MUTED },
      paragraph: { spacing: { after: 60 } },
    },
    {
      id: STYLE.small,
      name: 'Briefing small',
      basedOn: 'Normal',
      run: { size: 16, color: '4B5563' },
      paragraph: { spacing: { after: 20, line: 260, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.quote,
      name: 'Briefing quote',
      basedOn: 'Normal',
      run: { size: 19, color: '4B5563' },
      paragraph: { indent: { left: 360 }, spacing: { after: 100, line: 280, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.cell,
      name: 'Briefing table text',
      basedOn: 'Normal',
      run: { size: 18 },
      paragraph: { spacing: { before: 0, after: 0, line: 260, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.header,
      name: 'Briefing header and footer',
      basedOn: 'Normal',
      run: { font: HEADING_FONT, size: 16, color: MUTED },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } },
    },
  ],
});

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * word/fontTable.xml: each font of the chains with the fonts after it as its alternative names,
 * GB2312 charset (86) for the Chinese ones so Word substitutes a Chinese font, never a Latin one.
 */
export function fontTableXml(): string {
  const chinese = (chain: readonly string[]) =>
    `<w:font w:name="${esc(chain[0]!)}">${chain.length > 1 ? `<w:altName w:val="${esc(chain.slice(1).join(','))}"/>` : ''}<w:charset w:val="86"/><w:family w:val="${chain === FONT_CHAINS.heading ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`;
  const latin = (name: string, family: string) =>
    `<w:font w:name="${name}"><w:charset w:val="00"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${[
    chinese(FONT_CHAINS.body),
    chinese(FONT_CHAINS.heading),
    chinese(FONT_CHAINS.fallback),
    chinese(['Noto Serif CJK SC', 'Noto Sans CJK SC']),
    chinese(['Noto Sans CJK SC']),
    latin(LATIN_BODY, 'roman'),
    latin(LATIN_HEADING, 'swiss'),
  ].join('')}</w:fonts>`;
}
