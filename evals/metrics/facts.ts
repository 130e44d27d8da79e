import { parseChineseNumeral, ZH_DIGIT_CHARS, ZH_NUMERAL_CHARS } from '../../retrieval/numerals.js';

/**
 * A number, percentage or date stated in a text, in one canonical spelling, so 20个 / 二十个 / 20,
 * 1.2万 / 12000 / 12,000 and 30% / 百分之三十 / 30 percent each meet as one fact.
 */
export interface Fact {
  kind: 'number' | 'percent' | 'date';
  /** `20`, `30` (percent), `2024-02-29`, `2024-02`, `2024` or `*-02-29` for a date without year. */
  key: string;
}

/** Where a fact sits in the text, so tokenising can put its canonical token in its place. */
export interface FactSpan extends Fact {
  start: number;
  end: number;
}

const MONTHS = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ZD = `[${ZH_DIGIT_CHARS}]`;
const ZSMALL = `[${ZH_DIGIT_CHARS}十]{1,3}`;
/** Counted things; dropped after a number so 20家 and 20 read alike. Currency 元 too: values are in yuan. */
const MEASURE = '(?:个|家|项|名|位|件|只|条|种|所|座|台|辆|批|类|款|户|人|套|元|倍)';
const MULTIPLIER = '(?:千万|百万|十万|万亿|亿|万|千|百)';
const EN_MULTIPLIER = '(?:thousand|million|billion|trillion)';
const EN_WORD =
  '(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';

// Alternatives in priority order: at one position the first that matches wins, so a date is
// never read as three numbers and 百分之三十 never as the numeral 百.
const PATTERNS: Array<[string, string]> = [
  ['zhDate', `(\\d{4}|${ZD}{4})\\s*年\\s*(\\d{1,2}|${ZSMALL})\\s*月(?:\\s*(\\d{1,2}|${ZSMALL})\\s*[日号])?`],
  ['zhYear', `(\\d{4}|${ZD}{4})\\s*年(?!\\s*(?:\\d|${ZD}))`],
  ['isoDate', `(?<![\\d.])(\\d{4})[-/.](\\d{1,2})(?:[-/.](\\d{1,2}))?(?![\\d])`],
  ['enMDY', `\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`],
  ['enDMY', `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})\\.?,?\\s+(\\d{4})\\b`],
  ['enMY', `\\b(${MONTH})\\.?,?\\s+(\\d{4})\\b`],
  ['zhMonthDay', `(\\d{1,2}|${ZSMALL})\\s*月\\s*(\\d{1,2}|${ZSMALL})\\s*[日号]`],
  ['zhPercent', `百分之\\s*(\\d+(?:\\.\\d+)?|[${ZH_NUMERAL_CHARS}]+(?:点${ZD}+)?)`],
  [
    'arabic',
    `(?<![A-Za-z\\d.,])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?:\\s*(${MULTIPLIER}))?(?:\\s+(${EN_MULTIPLIER})\\b)?(?:\\s*(%|percent\\b|per cent\\b))?(\\s*${MEASURE})?`,
  ],
  ['zhNumeral', `([${ZH_NUMERAL_CHARS}]+(?:点${ZD}+)?)(${MEASURE})?`],
  [
    'enWord',
    `\\b(${EN_WORD})(?:[-\\s](one|two|three|four|five|six|seven|eight|nine))?\\b(?:\\s+(${EN_MULTIPLIER})\\b)?`,
  ],
];
const SCANNER = new RegExp(PATTERNS.map(([name, source]) => `(?<${name}>${source})`).join('|'), 'giu');
const GROUP_OFFSETS = groupOffsets();

const ZH_MULTIPLIERS: Record<string, number> = {
  千万: 1e7,
  百万: 1e6,
  十万: 1e5,
  万亿: 1e12,
  亿: 1e8,
  万: 1e4,
  千: 1e3,
  百: 1e2,
};
const EN_MULTIPLIERS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const EN_UNITS: Record<string, number> = Object.fromEntries(
  'two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((w, i) => [w, i + 2]),
);
const EN_TENS: Record<string, number> = Object.fromEntries(
  'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i) => [w, (i + 2) * 10]),
);

/** Every number, percentage and date in the text, left to right. Expects NFKC-normalised text. */
export function findFacts(text: string): FactSpan[] {
  const out: FactSpan[] = [];
  for (const match of text.matchAll(SCANNER)) {
    const groups = match.groups ?? {};
    const name = PATTERNS.find(([n]) => groups[n] !== undefined)?.[0];
    if (!name) continue;
    const offset = GROUP_OFFSETS.get(name)!;
    const g = (i: number): string | undefined => match[offset + i];
    const fact = read(name, g);
    if (fact) out.push({ ...fact, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

function read(name: string, g: (i: number) => string | undefined): Fact | undefined {
  switch (name) {
    case 'zhDate':
      return date(zhInt(g(1)), zhInt(g(2)), zhInt(g(3)));
    case 'zhYear':
      return date(zhInt(g(1)));
    case 'isoDate':
      return date(Number(g(1)), Number(g(2)), g(3) === undefined ? undefined : Number(g(3)));
    case 'enMDY':
      return date(Number(g(3)), month(g(1)), Number(g(2)));
    case 'enDMY':
      return date(Number(g(3)), month(g(2)), Number(g(1)));
    case 'enMY':
      return date(Number(g(2)), month(g(1)));
    case 'zhMonthDay':
      return date(undefined, zhInt(g(1)), zhInt(g(2)));
    case 'zhPercent': {
      const value = zhInt(g(1));
      return value === undefined ? undefined : { kind: 'percent', key: canonical(value) };
    }
    case 'arabic':
      return arabic(g);
    case 'zhNumeral': {
      const run = g(1)!;
      // A lone 一 or 两 is usually a word (统一, 两江), unless something is counted after it.
      if (
        !g(2) &&
        ([...run].length < 2 || ![...run].some((ch) => ZH_DIGIT_CHARS.includes(ch) || ch === '十'))
      ) {
        return undefined;
      }
      const value = parseChineseNumeral(run);
      return value === undefined ? undefined : { kind: 'number', key: canonical(value) };
    }
    case 'enWord': {
      const tens = g(1)!.toLowerCase();
      const value =
        (EN_UNITS[tens] ?? EN_TENS[tens] ?? 0) + (g(2) ? (EN_UNITS[g(2)!.toLowerCase()] ?? 1) : 0);
      return { kind: 'number', key: canonical(value * (g(3) ? EN_MULTIPLIERS[g(3)!.toLowerCase()]! : 1)) };
    }
    default:
      return undefined;
  }
}

function arabic(g: (i: number) => string | undefined): Fact {
  const digits = g(1)!.replaceAll(',', '');
  let value = Number(`${digits}${g(2) ?? ''}`);
  if (g(3)) value *= ZH_MULTIPLIERS[g(3)!]!;
  if (g(4)) value *= EN_MULTIPLIERS[g(4)!.toLowerCase()]!;
  if (g(5)) return { kind: 'percent', key: canonical(value) };
  // A bare four-digit number in the range of years is a year: "by 2025", "2024-2026".
  const bare = !g(2) && !g(3) && !g(4) && !g(6) && digits.length === 4;
  if (bare && value >= 1900 && value <= 2100) return { kind: 'date', key: String(value) };
  return { kind: 'number', key: canonical(value) };
}

function zhInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return /^\d/.test(text) ? Number(text) : parseChineseNumeral(text);
}

function month(text: string | undefined): number | undefined {
  const index = MONTHS.indexOf((text ?? '').slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

function date(year?: number, month?: number, day?: number): Fact | undefined {
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const parts = [year === undefined ? '*' : String(year)];
  if (month !== undefined) parts.push(pad(month));
  if (day !== undefined) parts.push(pad(day));
  return { kind: 'date', key: parts.join('-') };
}

/** One spelling per value: 12000, 1.2e4 and 12,000.0 all become "12000". */
function canonical(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * Whether an answer's date states the reference's: equal, or more specific with the same year
 * and month (2024-02-29 states 2024-02), or the same month and day when either lacks the year.
 */
export function dateCovers(answer: string, reference: string): boolean {
  if (answer === reference) return true;
  const a = answer.split('-');
  const r = reference.split('-');
  if (a.length < r.length) return false;
  return r.every((part, i) => part === a[i] || part === '*' || a[i] === '*');
}

/** Where each named alternative's own capture groups start in a match array. */
function groupOffsets(): Map<string, number> {
  const offsets = new Map<string, number>();
  let index = 1;
  for (const [name, source] of PATTERNS) {
    offsets.set(name, index);
    index += 1 + countGroups(source);
  }
  return offsets;
}

function countGroups(source: string): number {
  return new RegExp(`${source}|`, 'u').exec('')!.length - 1;
}
