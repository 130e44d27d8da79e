import { describe, expect, it } from 'vitest';
import type { Outlook } from '../risk/prices.js';
import { firstSentence } from './copy.js';
import { clipOutlook } from './intervals.js';
import { isNotice, quote, sentences } from './quotes.js';

describe('policy quotes', () => {
  const doc = [
    '（示例文件：本文件为产业大脑演示数据集编写，文号、数据及所涉企业均为虚构，不代表任何机关的真实政策。）',
    '一、发展目标',
    '到2026年，全市动力电池产业链本地配套能力明显增强，关键材料实现本地或近域保障。',
    '（一）做强电芯和电池系统。支持链主企业扩大动力电池系统产能，推动电池与整车同步开发。',
    '1.正极材料：引进磷酸铁锂正极材料项目，鼓励与上游企业签订长期供货协议。',
    '本文内容仅供参考，版权所有，未经许可不得转载。',
    '…及所涉企业均为虚构，不代表任何机关的真实【政策】。）',
  ].join('\n');

  it('drops notices by kind of statement, whatever their wording, in Chinese and English', () => {
    for (const s of [
      '文中机关及所涉企业均为虚构。',
      '本材料为演示数据，仅供演示。',
      '内容不代表本机关立场。',
      'All names in this document are fictional.',
      'This text is for demonstration purposes only.',
      'Views here do not represent the ministry.',
    ])
      expect(isNotice(s), s).toBe(true);
    expect(isNotice('支持链主企业扩大动力电池系统产能。')).toBe(false);
  });

  it('keeps whole sentences only: no headings, list markers, run-in titles, notices or highlight marks', () => {
    const list = sentences(doc, 'zh');
    expect(list).toContain('支持链主企业扩大动力电池系统产能，推动电池与整车同步开发。');
    expect(list).toContain('正极材料：引进磷酸铁锂正极材料项目，鼓励与上游企业签订长期供货协议。');
    for (const s of list) {
      expect(s, s).toMatch(/[。！？.!?；;]$/);
      expect(s, s).not.toMatch(/虚构|版权|【|】|^（一）|^一、|^1\./);
    }
    expect(list).not.toContain('做强电芯和电池系统。');
  });

  it('quotes the sentence about the subject and what follows it, ending on a sentence end', () => {
    const q = quote(doc, '动力电池', ['支持'], 'zh', 80)!;
    // The subject and the asked-for word outrank the subject alone.
    expect(q.startsWith('支持链主企业扩大动力电池系统产能')).toBe(true);
    expect(quote(doc, '动力电池', [], 'zh', 200)!.startsWith('到2026年，全市动力电池')).toBe(true);
    expect(q).toMatch(/。$/);
    expect(q.length).toBeLessThanOrEqual(80);
    expect(quote(doc, '不存在的产品', [], 'zh')).toBeUndefined();
  });
});

describe('sentence and interval helpers', () => {
  it('takes the first sentence without cutting at a decimal point', () => {
    expect(
      firstSentence(
        'Prices: expected to fall by 1.8% over the next 12 months (p 50%). Volatility is low.',
        'en',
      ),
    ).toBe('Prices: expected to fall by 1.8% over the next 12 months (p 50%).');
    expect(firstSentence('价格：未来12个月预计下跌1.8%（概率50%）。波动性较低。', 'zh')).toBe(
      '价格：未来12个月预计下跌1.8%（概率50%）。',
    );
  });

  it('clips a forecast and every interval bound at zero', () => {
    const o = {
      points: [
        { date: '2026-01', mean: 0.1, lo80: -0.05, hi80: 0.3, lo95: -0.2, hi95: 0.4 },
        { date: '2026-02', mean: -0.01, lo80: -0.1, hi80: 0.2 },
      ],
    } as unknown as Outlook;
    const clipped = clipOutlook(o);
    expect(clipped.points[0]).toEqual({ date: '2026-01', mean: 0.1, lo80: 0, hi80: 0.3, lo95: 0, hi95: 0.4 });
    expect(clipped.points[1]).toEqual({ date: '2026-02', mean: 0, lo80: 0, hi80: 0.2 });
  });
});
