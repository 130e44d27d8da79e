import { describe, expect, it } from 'vitest';
import { axisNumber, fullNumber } from '../assets/number-format.js';

describe('chart number labels', () => {
  it('shows a demand of 1.68 million as 1.68M in English and 168万 in Chinese', () => {
    // The old English label divided by 10,000 and appended "0k": 1,680,000 read "168.00k".
    expect(axisNumber(1_680_000, 'en')).toBe('1.68M');
    expect(axisNumber(1_680_000, 'zh')).toBe('168万');
  });

  it('keeps each language on its own grouping', () => {
    expect(axisNumber(12_500, 'en')).toBe('12.5K');
    expect(axisNumber(12_500, 'zh')).toBe('1.25万');
    expect(axisNumber(123_456_789, 'en')).toBe('123.46M');
    expect(axisNumber(123_456_789, 'zh')).toBe('1.23亿');
    expect(axisNumber(-25_000, 'en')).toBe('-25K');
  });

  it('leaves small values whole, with their decimals', () => {
    expect(axisNumber(950, 'en')).toBe('950');
    expect(axisNumber(9_999, 'zh')).toBe('9,999');
    expect(axisNumber(0.45, 'en')).toBe('0.45');
  });

  it('writes tooltip figures in full and a gap as a dash', () => {
    expect(fullNumber(1_680_000.5, 'en')).toBe('1,680,000.5');
    expect(fullNumber(null, 'zh')).toBe('–');
  });
});
