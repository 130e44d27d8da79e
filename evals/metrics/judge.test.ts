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
    expect(seen[0]![1]!.content).toContain('Reference: 二十家');
    expect(seen[0]![1]!.content).toContain('[1] 共20家');
  });

  it('scores an unreadable or out-of-range verdict as null', () => {
    expect(parseVerdict('good answer')).toBeNull();
    expect(parseVerdict('{"score": 7}')).toBeNull();
    expect(parseVerdict('{"score": ')).toBeNull();
  });
});
