import { describe, expect, it } from 'vitest';
import { dateCovers, findFacts } from './facts.js';
import { parseChineseNumeral } from '../../retrieval/numerals.js';

const keys = (text: string) => findFacts(text.normalize('NFKC')).map((f) => `${f.kind}:${f.key}`);

describe('parseChineseNumeral', () => {
  it.each([
    ['二十', 20],
    ['两千三百', 2300],
    ['一万二千', 12000],
    ['一千零五', 1005],
    ['三点五', 3.5],
    ['二〇二四', 2024],
    ['一亿二千万', 120_000_000],
  ])('%s is %d', (text, value) => expect(parseChineseNumeral(text)).toBe(value));

  it('refuses runs that are names, not numbers', () => {
    expect(parseChineseNumeral('十四五')).toBeUndefined();
  });
});

describe('findFacts', () => {
  it('reads counts alike with or without a measure word, in digits or Chinese', () => {
    expect(keys('20个')).toEqual(['number:20']);
    expect(keys('二十个')).toEqual(['number:20']);
    expect(keys('20')).toEqual(['number:20']);
    expect(keys('共有20家')).toEqual(keys('二十家企业'));
  });

  it('normalises magnitudes and percentages', () => {
    for (const text of ['1.2万', '12000', '12,000', '一万二千']) expect(keys(text)).toEqual(['number:12000']);
    for (const text of ['30%', '百分之三十', '30 percent', '３０％'])
      expect(keys(text)).toEqual(['percent:30']);
    expect(keys('2.5亿元')).toEqual(keys('25000万元'));
    expect(keys('1.2 million yuan')).toEqual(['number:1200000']);
  });

  it('reads dates in Chinese, ISO and English forms', () => {
    for (const text of ['2024年2月29日', '2024-02-29', 'February 29, 2024', '29 Feb 2024']) {
      expect(keys(text)).toEqual(['date:2024-02-29']);
    }
    expect(keys('二〇二四年')).toEqual(['date:2024']);
    expect(keys('by 2025')).toEqual(['date:2025']);
    expect(keys('3月15日')).toEqual(['date:*-03-15']);
  });

  it('leaves words that merely contain numeral characters alone', () => {
    expect(keys('统一建设两江新区一体化')).toEqual([]);
    expect(keys('十四五规划')).toEqual([]);
  });

  it('lets a more specific date state a less specific one, not the other way', () => {
    expect(dateCovers('2024-02-29', '2024-02')).toBe(true);
    expect(dateCovers('2024-02', '2024-02-29')).toBe(false);
    expect(dateCovers('2024-03-15', '*-03-15')).toBe(true);
    expect(dateCovers('2025-02-29', '2024-02')).toBe(false);
  });
});
