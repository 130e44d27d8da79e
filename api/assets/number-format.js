// Chart axis and tooltip numbers, shared by the portal's scripts and its unit test. Intl's compact
// notation groups by 万/亿 in Chinese and by thousand/million in English, so neither language
// divides by the other's unit.
const LOCALES = { zh: 'zh-CN', en: 'en-US' };
const compact = new Map();
const plain = new Map();

/** @param {'zh' | 'en'} lang */
function formatters(lang) {
  const locale = LOCALES[lang] ?? LOCALES.zh;
  if (!compact.has(locale)) {
    compact.set(locale, new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 }));
    plain.set(locale, new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }));
  }
  return { compact: compact.get(locale), plain: plain.get(locale) };
}

/**
 * A short label for an axis tick: 1,680,000 is "168万" in Chinese and "1.68M" in English.
 * @param {number} value
 * @param {'zh' | 'en'} lang
 * @returns {string}
 */
export function axisNumber(value, lang) {
  const f = formatters(lang);
  return Math.abs(value) >= 10_000 ? f.compact.format(value) : f.plain.format(value);
}

/**
 * A full figure for a tooltip, grouped the reader's way: 1,680,000.5 → "1,680,000.5".
 * @param {number | null | undefined} value
 * @param {'zh' | 'en'} lang
 * @returns {string}
 */
export function fullNumber(value, lang) {
  return value == null || Number.isNaN(value) ? '–' : formatters(lang).plain.format(value);
}
