import { sentences } from './text.js';

// Phrases by which an answer says the data does not hold what was asked.
const REFUSAL = [
  /(没有|未|无)(能)?(找到|检索到|查到|查询到|发现|获得)/u,
  /(没有|暂无|缺少|缺乏|无)[^。，,；;]{0,30}?的?(信息|数据|资料|依据|记录|证据)/u,
  /(数据|资料|知识库|文档|图谱)中?(没有|暂无|并无)/u,
  /无法(回答|确定|判断|提供|给出|找到)/u,
  /(数据|资料|知识库|文档)中?(没有|未|不)(包含|涉及|记载|提及|提供)/u,
  /不在(数据|资料|知识库|文档)/u,
  /\bnot (in|found in|available in|covered by|contained in) the (data|documents?|knowledge base|sources?|corpus)\b/iu,
  /\b(no|insufficient) (relevant )?(information|data|evidence|records?)\b/iu,
  /\b(cannot|can't|could not|couldn't|unable to|am unable to) (find|answer|determine|locate)\b/iu,
  /\b(don't|do not) (have|know)\b/iu,
];

/** Whether the answer declines: a refusal phrase in its first sentence (later ones may hedge a part). */
export function isRefusal(answer: string): boolean {
  const first = sentences(answer)[0] ?? '';
  return REFUSAL.some((pattern) => pattern.test(first));
}

/** 1 when the answer refuses exactly when the question is unanswerable from the data, else 0. */
export function refusalCorrectness(answer: string, expectRefusal: boolean): number {
  return isRefusal(answer) === expectRefusal ? 1 : 0;
}
