import { describe, expect, it } from 'vitest';
import type { EvalItem } from '../dataset/schema.js';
import { scoreItems } from '../score.js';
import { renderHtml } from './html.js';

describe('the HTML report', () => {
  it('is self-contained, groups by intent and lists failures with question, answer, reference and evidence', async () => {
    const items: EvalItem[] = [
      {
        id: 'ok',
        question: '几家？',
        reference: '20家',
        answer: '20家[1]',
        contexts: ['共20家'],
        citations: ['1'],
        intent: 'count',
        tags: [],
      },
      {
        id: 'bad<1>',
        question: '哪年？',
        reference: '2024年',
        answer: '2023年[1]',
        contexts: ['2024年发布'],
        citations: ['1'],
        intent: 'policy',
        tags: [],
      },
    ];
    const result = await scoreItems(items);
    const html = renderHtml({
      title: 'eval test',
      items,
      result,
      skipped: [{ line: 3, message: 'invalid JSON' }],
    });
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    expect(html).toContain('<h2>By intent</h2>');
    expect(html).toContain('<td>count</td>');
    expect(html).toContain('bad&#60;1&#62;');
    expect(html).toContain('2023年[1]');
    expect(html).toContain('2024年发布');
    expect(html).toContain('invalid JSON');
    expect(html).not.toContain('<h3>ok');
  });
});
