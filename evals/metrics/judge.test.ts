import { describe, expect, it } from 'vitest';
import { type ChatMessage, llmJudge, parseVerdict } from './judge.js';

describe('the LLM judge', () => {
  it('sends question, reference, evidence and answer, and reads a JSON verdict', async () => {
    const seen: ChatMessage[][] = [];
    const judge = llmJudge(async (messages) => {
      seen.push(messages);
      return 'Verdict: {"score": 0.75}';
    });
    const score = await judge.score({
      question: '几家？',
      answer: '20家',
      reference: '二十家',
      contexts: ['共20家'],
    });
    expect(score).toBe(0.75);
    expect(seen[0]![1]!.content).toContain('Reference: "二十家"');
    expect(seen[0]![1]!.content).toContain('[1] "共20家"');
  });

  it('cuts long evidence before quoting it, so every quoted passage is closed', async () => {
    let prompt = '';
    const judge = llmJudge(async (messages) => {
      prompt = messages[1]!.content;
      return '{"score": 1}';
    });
    await judge.score({ question: 'q', answer: 'a', contexts: ['甲'.repeat(5000), '乙'.repeat(5000), '丙'] });
    const evidence = prompt.split('\n').filter((l) => /^\[\d+\] /.test(l));
    expect(evidence.map((l) => l.slice(0, 3))).toEqual(['[1]', '[2]']);
    for (const line of evidence) expect(JSON.parse(line.slice(4))).toMatch(/^(甲|乙)+$/);
    expect(evidence.join('').length).toBeLessThan(6100);
  });

  it('scores an unreadable or out-of-range verdict as null', () => {
    expect(parseVerdict('good answer')).toBeNull();
    expect(parseVerdict('{"score": 7}')).toBeNull();
    expect(parseVerdict('{"score": ')).toBeNull();
  });
});
