import { describe, expect, it } from 'vitest';
import { citationSource, factSentence, percent, provenanceLabel, recordPlace } from './words.js';

describe('facts and sources in words', () => {
  it('writes shares as people do', () => {
    expect(percent(0.62)).toBe('62%');
    expect(percent(0.0515)).toBe('5.1%');
    expect(percent(0.01)).toBe('1%');
  });

  it('states an edge as a sentence with its figure, in either language', () => {
    expect(factSentence('PRODUCES', '宁德时代', '动力电池', { weight: 0.62 }, 'zh')).toBe(
      '宁德时代 生产 动力电池（收入占比 62%）',
    );
    expect(factSentence('MADE_FROM', '动力电池', '电芯', { share: 0.7733 }, 'en')).toBe(
      '动力电池 is made from 电芯 (input share 77%)',
    );
    expect(factSentence('SUPPLIES', '曜启机械', '渝星动力', {}, 'zh')).toBe('曜启机械 供货给 渝星动力');
  });

  it('names a record by dataset, file and line, never as a raw id', () => {
    expect(recordPlace('company_product.jsonl:5726')).toEqual({ file: 'company_product.jsonl', line: 5726 });
    expect(recordPlace('../etc/passwd:1')).toEqual({});
    expect(provenanceLabel({ source: 'chainkg', record: 'company_product.jsonl:5726' }, 'zh')).toBe(
      'chainkg 产业链知识图谱 · company_product.jsonl 第 5726 行',
    );
    expect(provenanceLabel({ source: 'demo', record: 'edges.jsonl:1338' }, 'en')).toBe(
      'Demo data (fictional) · edges.jsonl line 1338',
    );
    expect(citationSource({ source: 'demo edges.jsonl:1338' }, 'zh')).toBe(
      '示例数据（虚构） · edges.jsonl 第 1338 行',
    );
    expect(citationSource({ source: '《方案》 plan.md', docId: 'd1' }, 'zh')).toBe('《方案》 plan.md');
  });
});
