import { describe, expect, it } from 'vitest';
import type { EvalItem } from './dataset/schema.js';
import { HEADLINE } from './metrics/names.js';
import { type ItemScore, scoreItems } from './score.js';

const item = (fields: Partial<EvalItem> & { id: string }): EvalItem => ({
  question: '?',
  tags: [],
  ...fields,
});

async function score(...items: EvalItem[]): Promise<ItemScore[]> {
  return (await scoreItems(items)).items;
}

const ZH_CONTEXTS = [
  {
    id: 'p1',
    text: '2024年1月，市经济信息委印发通知，明确当年启动建设5个行业产业大脑，按照意向征集、揭榜挂帅、项目实施、考核评估四个环节推进。',
  },
  { id: 'p2', text: '各区县梳理辖区内汽车零部件企业名单，建立产业链图谱。' },
];
const EN_CONTEXTS = [
  { id: 'e1', text: 'In 2024 the city launched 5 industry brains, selected through open competition.' },
  { id: 'e2', text: 'Charging stations were built along highways and in rural towns.' },
];

describe('hand-scored cases: a correct cited answer outranks a wrong one on every headline metric', () => {
  it('in Chinese', async () => {
    const question = {
      question: '2024年重庆启动建设几个行业产业大脑？',
      reference: '2024年启动建设5个行业产业大脑',
    };
    const [right, wrong] = await score(
      item({
        id: 'right',
        ...question,
        answer: '2024年启动建设5个行业产业大脑[p1]。',
        contexts: ZH_CONTEXTS,
        citations: ['p1'],
      }),
      item({
        id: 'wrong',
        ...question,
        answer: '2024年启动建设8个行业大脑[p2]。',
        contexts: [ZH_CONTEXTS[1]!],
        citations: ['p2'],
      }),
    );
    // Hand scores: the right answer restates the reference and its one citation holds all of it.
    expect(right!.scores).toMatchObject({
      answer_correctness: 1,
      faithfulness: 1,
      citation_precision: 1,
      citation_recall: 1,
      context_recall: 1,
      context_precision: 1,
      refusal_correctness: 1,
    });
    // The wrong one states 8 and retrieved and cited only the irrelevant passage.
    expect(wrong!.scores).toMatchObject({
      faithfulness: 0,
      citation_precision: 0,
      number_match: 0,
      context_precision: 0,
    });
    expect(wrong!.unsupported).toEqual(['2024年启动建设8个行业大脑[p2]。']);
    // Both answer rather than refuse, as they should: refusal correctness ties at 1.
    expect([right!.scores.refusal_correctness, wrong!.scores.refusal_correctness]).toEqual([1, 1]);
    for (const metric of HEADLINE.filter((m) => m !== 'refusal_correctness')) {
      expect(right!.scores[metric], metric).toBeGreaterThan(wrong!.scores[metric] as number);
    }
  });

  it('in English', async () => {
    const question = {
      question: 'How many industry brains were launched in 2024?',
      reference: 'Five industry brains were launched in 2024.',
    };
    const [right, wrong] = await score(
      item({
        id: 'right',
        ...question,
        answer: 'In 2024, 5 industry brains were launched [1].',
        contexts: EN_CONTEXTS,
        citations: ['e1'],
      }),
      item({
        id: 'wrong',
        ...question,
        answer: 'Twelve charging stations were built in 2023 [1].',
        contexts: [EN_CONTEXTS[1]!],
        citations: ['e2'],
      }),
    );
    for (const metric of HEADLINE.filter((m) => m !== 'refusal_correctness')) {
      expect(right!.scores[metric], metric).toBeGreaterThan(wrong!.scores[metric] as number);
    }
    expect(right!.scores.refusal_correctness).toBe(1);
  });

  it('for an unanswerable question, a refusal outranks a confident invention', async () => {
    const base = { question: '宗申动力2030年的营收是多少？', tags: ['unanswerable'], contexts: ZH_CONTEXTS };
    const [refusal, invention] = await score(
      item({ id: 'refusal', ...base, answer: '数据中没有宗申动力2030年营收的信息。' }),
      item({ id: 'invention', ...base, answer: '宗申动力2030年营收为100亿元[p1]。', citations: ['p1'] }),
    );
    expect(refusal!.scores.refusal_correctness).toBe(1);
    expect(invention!.scores.refusal_correctness).toBe(0);
    expect(invention!.scores.faithfulness).toBe(0);
  });
});

describe('paraphrases and number formats score as equal', () => {
  const reference = '共有20家企业';
  const contexts = ['该区共有20家企业入驻。'];

  it('共有20家 / 二十家企业 against one reference', async () => {
    const [a, b] = await score(
      item({ id: 'a', reference, answer: '共有20家', contexts, citations: ['1'] }),
      item({ id: 'b', reference, answer: '二十家企业', contexts, citations: ['1'] }),
    );
    for (const metric of HEADLINE) expect(a!.scores[metric], metric).toBe(b!.scores[metric]);
    expect(a!.scores.number_match).toBe(1);
  });

  it.each([
    ['20个', '二十个', '20'],
    ['1.2万', '12000', '一万二千'],
    ['30%', '百分之三十', '30 percent'],
  ])('%s, %s and %s', async (...forms) => {
    const scored = await score(
      ...forms.map((answer, i) => item({ id: String(i), reference: forms[0], answer })),
    );
    for (const s of scored)
      expect(s.scores).toMatchObject({ answer_correctness: 1, number_match: 1, token_f1: 1 });
  });

  it('a date written three ways', async () => {
    const reference = '于2024年2月29日前报送';
    const scored = await score(
      ...['2024年2月29日前报送', '2024-02-29前报送', '二〇二四年二月二十九日前报送'].map((answer, i) =>
        item({ id: String(i), reference, answer }),
      ),
    );
    for (const s of scored) expect(s.scores.date_match).toBe(1);
    expect(new Set(scored.map((s) => s.scores.answer_correctness)).size).toBe(1);
  });
});

describe('refusal correctness', () => {
  it.each([
    ['数据中没有找到相关信息。', true],
    ['未找到该企业的记录。', true],
    ['This is not in the data.', true],
    ["I couldn't find that in the documents.", true],
    ['2024年启动建设5个行业产业大脑。', false],
    ['Five industry brains were launched.', false],
  ])('%s refuses: %s', async (answer, refuses) => {
    const [unanswerable, answerable] = await score(
      item({ id: 'u', answer, tags: ['unanswerable'] }),
      item({ id: 'a', answer, reference: '启动建设5个行业产业大脑' }),
    );
    expect(unanswerable!.scores.refusal_correctness).toBe(refuses ? 1 : 0);
    expect(answerable!.scores.refusal_correctness).toBe(refuses ? 0 : 1);
  });
});

describe('entities, citations and contexts', () => {
  it('scores entity recall over expected names and precision over known names mentioned', async () => {
    const [s] = await score(
      item({
        id: 'e',
        reference: '由巴南区、九龙坡区联合揭榜',
        expected_entities: ['巴南区', '九龙坡区'],
        answer: '巴南区和璧山区联合揭榜。',
      }),
    );
    expect(s!.scores.entity_recall).toBe(0.5);
    expect(s!.scores.entity_precision).toBe(1);
    const [withGazetteer] = (
      await scoreItems(
        [item({ id: 'e', expected_entities: ['巴南区', '九龙坡区'], answer: '巴南区和璧山区联合揭榜。' })],
        {
          entities: ['璧山区'],
        },
      )
    ).items;
    expect(withGazetteer!.scores.entity_precision).toBe(0.5);
  });

  it('counts a citation of missing evidence against the answer', async () => {
    const [s] = await score(
      item({
        id: 'c',
        reference: '2024年启动建设5个行业产业大脑',
        answer: '2024年启动建设5个行业产业大脑。',
        contexts: ZH_CONTEXTS,
        citations: ['p1', 'nope'],
      }),
    );
    expect(s!.scores.citation_precision).toBe(0.5);
    expect(s!.scores.faithfulness).toBe(1);
  });

  it('honours human relevance labels over the reference', async () => {
    const [s] = await score(
      item({
        id: 'l',
        contexts: [
          { id: 'x', text: 'a', relevant: false },
          { id: 'y', text: 'b', relevant: true },
        ],
      }),
    );
    expect(s!.scores.context_precision).toBe(0.5);
    expect(s!.scores.context_recall).toBeNull();
  });

  it('supports a sentence listing facts by its markers together', async () => {
    const [s] = await score(
      item({
        id: 'list',
        answer: '位于璧山区的企业有璟能新能源[1]、巴川化工[2]。',
        contexts: ['璟能新能源 位于 璧山区', '巴川化工 位于 璧山区'],
        citations: ['1', '2'],
        expected_entities: ['璟能新能源', '巴川化工'],
      }),
    );
    expect(s!.scores.faithfulness).toBe(1);
  });

  it('attaches markers written after the full stop to the sentence before', async () => {
    const [s] = await score(
      item({
        id: 'm',
        answer: '2024年启动建设5个行业产业大脑。[1]各区县建立产业链图谱。[2]',
        contexts: ZH_CONTEXTS,
        citations: ['p1', 'p2'],
      }),
    );
    expect(s!.scores.faithfulness).toBe(1);
  });
});

describe('summary', () => {
  it('averages each metric over the items it applies to, overall, per tag and per intent', async () => {
    const { summary } = await scoreItems([
      item({ id: 'a', reference: '20家', answer: '20家', tags: ['zh'], intent: 'count' }),
      item({ id: 'b', reference: '20家', answer: '8家', tags: ['zh'], intent: 'count' }),
      item({ id: 'c', answer: '数据中没有相关信息。', tags: ['unanswerable'], intent: 'policy' }),
    ]);
    expect(summary.count).toBe(3);
    expect(summary.metrics.number_match).toBe(0.5);
    expect(summary.n.number_match).toBe(2);
    expect(summary.metrics.refusal_correctness).toBe(1);
    expect(summary.byTag.zh!.count).toBe(2);
    expect(Object.keys(summary.byIntent)).toEqual(['count', 'policy']);
  });

  it('adds a judge score beside the deterministic ones, and a bad verdict is null, not 0', async () => {
    const replies = ['{"score": 0.8}', 'I think it is fine'];
    const judge = { score: async () => (replies.shift() === '{"score": 0.8}' ? 0.8 : null) };
    const { items } = await scoreItems(
      [
        item({ id: 'a', reference: '20家', answer: '20家' }),
        item({ id: 'b', reference: '20家', answer: '20家' }),
      ],
      {},
      judge,
    );
    expect(items.map((i) => i.scores.judge).sort()).toEqual([0.8, null]);
    expect(items[0]!.scores.answer_correctness).toBe(1);
  });
});

describe('citation markers', () => {
  it('are not read as mentioned entities or numbers', async () => {
    const result = await scoreItems([
      {
        id: 'm',
        question: '有几家？',
        answer: '共有2家[3]。',
        expected_entities: ['3'],
        reference: '共有2家。',
        tags: [],
      },
    ]);
    expect(result.items[0]!.scores.entity_recall).toBe(0);
  });
});
