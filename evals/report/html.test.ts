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

  it('shows the judge apart from the offline columns, with what it scored and its failures', async () => {
    const items: EvalItem[] = [
      { id: 'a', question: '几家？', reference: '20家', answer: '20家', tags: [] },
      { id: 'b', question: '几家？', reference: '20家', answer: '8家', tags: [] },
    ];
    let calls = 0;
    const judge = {
      model: 'openai:<m>',
      score: async () => {
        if (calls++ === 0) return 0.5;
        throw new Error('endpoint <down>');
      },
    };
    const html = renderHtml({ title: 't', items, result: await scoreItems(items, {}, judge), skipped: [] });
    expect(html).toContain('LLM judge openai:&#60;m&#62;: <b>0.500</b>');
    expect(html).toContain('scored 1 of 2 answered; 1 calls failed: endpoint &#60;down&#62;');
    expect(html).not.toContain('<th>judge</th>');
  });
});
