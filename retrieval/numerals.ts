/** Chinese numerals to numbers: 二十 → 20, 两千三百 → 2300, 一万二千 → 12000, 三点五 → 3.5, 二〇二四 → 2024. */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const ZH_DIGIT_CHARS = '零〇一二两三四五六七八九';
export const ZH_NUMERAL_CHARS = `${ZH_DIGIT_CHARS}十百千万亿`;

/** The value of a Chinese numeral, or undefined when the characters do not form one (十四五). */
export function parseChineseNumeral(text: string): number | undefined {
  const [whole = '', fraction] = text.split('点');
  const integer = parseInteger(whole);
  if (integer === undefined || fraction === undefined) return integer;
  let decimals = '';
  for (const ch of fraction) {
    const d = DIGITS[ch];
    if (d === undefined) return undefined;
    decimals += d;
  }
  return decimals ? Number(`${integer}.${decimals}`) : undefined;
}

function parseInteger(text: string): number | undefined {
  if (!text) return undefined;
  // A run of bare digits is read digit by digit, as years are written: 二〇二四.
  if ([...text].every((ch) => ch in DIGITS)) {
    return text.length === 1 ? DIGITS[text] : Number([...text].map((ch) => DIGITS[ch]).join(''));
  }
  let result = 0;
  let section = 0;
  let number: number | undefined;
  let lastWasDigit = false;
  for (const ch of text) {
    const digit = DIGITS[ch];
    if (digit !== undefined) {
      // 十四五 is a plan's name, not a number: two digits in a row need a 零 between.
      if (lastWasDigit && number !== 0) return undefined;
      number = digit;
      lastWasDigit = true;
      continue;
    }
    lastWasDigit = false;
    const small = SMALL[ch];
    if (small !== undefined) {
      if (number === undefined && small !== 10) return undefined;
      section += (number ?? 1) * small;
      number = undefined;
      continue;
    }
    const big = BIG[ch];
    if (big === undefined) return undefined;
    section += number ?? 0;
    number = undefined;
    if (section === 0 && result === 0) return undefined;
    if (big === 1e8) {
      result = (result + section) * big;
    } else {
      result += section * big;
    }
    section = 0;
  }
  return result + section + (number ?? 0);
}
