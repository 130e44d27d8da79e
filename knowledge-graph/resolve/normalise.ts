/**
 * Name normalisation for entity resolution. Two spellings of one entity should give one key:
 * full/half width, case, spaces, punctuation and brackets, company-form suffixes and exchange
 * suffixes on stock codes are all folded away.
 */

// Longest first so 集团股份有限公司 is removed whole rather than leaving 集团.
const COMPANY_SUFFIXES = [
  '集团股份有限公司',
  '集团有限责任公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '股份合作公司',
  '有限公司',
  '股份公司',
  '集团公司',
  '总公司',
  '集团',
  '公司',
  'corporation',
  'company',
  'limited',
  'holdings',
  'group',
  'corp',
  'inc',
  'ltd',
  'co',
  'plc',
];

const SUFFIX_SET = new Set(COMPANY_SUFFIXES);

// Punctuation, brackets, symbols and spaces of both widths (after NFKC the full-width ASCII forms are folded).
const NOISE = /[\s\p{P}\p{S}]+/gu;
const STOCK_CODE = /^(\d{6})(?:\.(?:sh|sz|bj|ss))?$/i;

/** The 6-digit code when `text` is an A-share stock code, with or without .SH/.SZ/.BJ. */
export function stockCode(text: string): string | undefined {
  const match = STOCK_CODE.exec(text.normalize('NFKC').trim());
  return match ? match[1] : undefined;
}

/** Width, case, punctuation and spacing folded; keeps company suffixes. */
export function foldName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOISE, '');
}

/** The resolution key of a name: `foldName` and then company-form suffixes removed. */
export function normaliseName(text: string): string {
  const code = stockCode(text);
  if (code) return code;
  let key = foldName(text.replace(/\.(?:SH|SZ|BJ)$/i, ''));
  let changed = true;
  while (changed && !SUFFIX_SET.has(key)) {
    changed = false;
    for (const suffix of COMPANY_SUFFIXES) {
      if (key.length > suffix.length + 1 && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return key;
}

export function exchangeOf(code: string): 'SH' | 'SZ' | 'BJ' | undefined {
  const suffix = /\.(SH|SZ|BJ)$/i.exec(code)?.[1]?.toUpperCase();
  if (suffix === 'SH' || suffix === 'SZ' || suffix === 'BJ') return suffix;
  const digits = stockCode(code);
  if (!digits) return undefined;
  if (/^(60|68|90)/.test(digits)) return 'SH';
  if (/^(00|30|20)/.test(digits)) return 'SZ';
  if (/^(8|4|92)/.test(digits)) return 'BJ';
  return undefined;
}
