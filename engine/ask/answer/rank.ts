import { expandEnglish } from '../../../retrieval/glossary.js';
import type { ReadableDocument, SearchHit } from '../../../retrieval/index.js';
import { looksLikeInstruction } from '../grounding.js';
import type { AnswerType } from '../plan/types.js';
import { searchWords } from '../linking/words.js';
import { numberOf } from '../plan/signals.js';
import { BOILERPLATE, listAfter, type Sentence, sentencesOf, typedSpan } from './passages.js';

/**
 * Which sentence of which document answers a question. Sentences are scored by the share of the
 * question's weighted terms they hold (their heading counting half), terms that most sentences or
 * the document's own title hold counting little; by whether they hold the kind of fact asked for;
 * and, for list questions, by whether a list follows them.
 */

export interface Scored {
  s: Sentence;
  doc: ReadableDocument;
  /** Index of the sentence in its document's sentences. */
  index: number;
  coverage: number;
  score: number;
  typed?: string;
  items: number;
}

/** A document longer than this is read only around its retrieved chunks. */
const WHOLE_DOCUMENT = 60_000;

/** Words that ask rather than carry content; they never weigh in a match. */
const ASKING =
  /^(?:哪|哪些|哪几|哪个|哪一|几|几个|什么|多少|怎么|怎样|如何|是否|分别|各自|具体|需要|可以|应该|里面|里|提出|提了|说|说的|要|有|该|那份|这份|那个|这个|那场|同一|同一天|举几个|清楚|的|了|和|与|及|在|是|为|对|将|把|被|由|从|向|于|以|其|之|这|那|各|每|也|都|还|又|并|而|但|如|则|就|即|应|可|能|会|所|不|吗|呢|吧|啊|请问|谁|我们|我|你|他|它|the|what|which|how|who|when|does|do|is|are|a|an|of|in|on|to|for|and|or|according|under|second|batch|did|was|were|its|it|that|this)$/iu;

/**
 * How questions and policy texts name the same things differently (写清楚 / 明确, 环节 / 安排,
 * 报上来 / 报送): a small general thesaurus of Chinese administrative writing.
 */
const SYNONYM_GROUPS: readonly string[] = [
  '写清楚 写明 明确 说明 列明 载明',
  '报上来 上报 报送 提交 报给',
  '环节 阶段 步骤 安排 程序 流程',
  '要素 内容 事项',
  '单位 主体 机构',
  '节奏 速度 要求',
  '集成 融合',
  '模块 系统 组成 部分',
  '特性 特点 特征 具有',
  '对照 参照 依据 按照',
  '定义 是指',
  '建成 建设完成 完成',
  '分成 分为 划分为 划分',
];
const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of SYNONYM_GROUPS) {
    const words = group.split(' ');
    for (const w of words)
      map.set(
        w,
        words.filter((x) => x !== w),
      );
  }
  return map;
})();

/**
 * The words that say what kind of fact is wanted (多长时间, 多久, 什么时候, 怎么样): they match no
 * answer, and split into pairs (长时, 么样) they would only dilute the share a sentence holds.
 */
const ASKING_FRAME =
  /多长时间|多久|怎么样|怎样|什么样|什么时候|何时|哪(?:一)?(?:天|年|月)|几月几日|以后|之后|哪(?:两|三|四|几|些)?(?:部分|方面|类|种)/gu;

export function questionTerms(rawQuery: string, tokens: (t: string) => string[]): Map<string, number> {
  const terms = new Map<string, number>();
  const query = rawQuery.replace(ASKING_FRAME, ' ');
  const english = expandEnglish(query);
  // The search tokenizer drops words a ranking of whole chunks can spare (主要, 包括); a sentence's
  // match needs them, so the question's own words come from the general segmenter too.
  const own = searchWords(`${query} ${english}`);
  for (const t of [...tokens(query), ...(english ? tokens(english) : []), ...own]) {
    if (t.length < 2 && !/\d/.test(t)) continue;
    if (ASKING.test(t) || /^(?:哪|几)[\p{Script=Han}]?$|^哪几\p{Script=Han}$|^多少\p{Script=Han}?$/u.test(t))
      continue;
    terms.set(t, Math.min([...t].length, 4));
  }
  // Policy texts say the same thing in their own words: a question's word brings its written forms,
  // whether or not the segmenter kept it whole (写清楚 comes out as 写 + 清楚).
  for (const [word, alts] of SYNONYMS)
    if (query.includes(word)) {
      if (!ASKING.test(word)) terms.set(word, terms.get(word) ?? Math.min([...word].length, 4));
      for (const alt of alts) if (!terms.has(alt)) terms.set(alt, terms.get(word) ?? 2);
    }
  // Dates and figures the question names ("1月8日", "33618") are strong terms as written.
  for (const m of query.matchAll(/\d{1,2}月\d{1,2}日|\d{4}年(?:\d{1,2}月)?|\d{3,}/gu)) terms.set(m[0], 4);
  // Long words also count by their character pairs, so 数据仓 meets 数据 and 仓 split differently.
  for (const t of [...terms.keys()]) {
    const chars = [...t];
    if (chars.length < 3 || !/^\p{Script=Han}+$/u.test(t)) continue;
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i]! + chars[i + 1]!;
      if (!terms.has(pair) && !ASKING.test(pair)) terms.set(pair, 1);
    }
  }
  // Where to read ("意向表里", "the Chongqing Daily page") says little about which sentence answers.
  const where = `${partOf(rawQuery) ?? ''} ${containerWords(rawQuery)}`;
  const whereTerms = new Set([...tokens(where), ...tokens(expandEnglish(where)), ...searchWords(where)]);
  for (const t of terms.keys()) if (whereTerms.has(t)) terms.set(t, 0.5);
  // Chinese names inside an English question ("忽米网's 汽摩产业大脑") are what it is about, as written.
  if (/[A-Za-z]{3,}/u.test(rawQuery))
    for (const m of rawQuery.matchAll(/\p{Script=Han}{3,12}/gu))
      terms.set(m[0], Math.max(terms.get(m[0]) ?? 0, 4));
  // Quoted phrases ("企业创新变革") are what the question is about: their words weigh double.
  for (const m of query.matchAll(/[“"「『]([^”"」』]{2,20})[”"」』]/gu)) terms.set(m[1]!, 8);
  return terms;
}

/**
 * The documents a question names: its words weighed against each document's title, number, issuer,
 * date and file name, words every document shares counting for nothing ("2024年的通知" picks the
 * 2024 notice; "江西指南" the Jiangxi guide; "报纸"/"Chongqing Daily" the news page).
 */
export function scopeOf(
  query: string,
  docs: readonly ReadableDocument[],
  tokens: (t: string) => string[],
): ReadableDocument[] {
  if (docs.length < 2) return [];
  // "意向表里的…", "在附件中…": the part of a document the question reads in picks the documents that have it.
  const part = partOf(query);
  if (part) {
    const having = docs.filter((d) => d.text().includes(part));
    if (having.length && having.length < docs.length) return having;
  }
  const described = docs.map((d) => {
    const record = `${d.title} ${d.docNo ?? ''} ${d.issuer ?? ''} ${d.date ?? ''}`;
    return { d, record, marks: marksOf(`${record} ${d.name} ${d.text().slice(0, 300)}`, record) };
  });
  // Marks a question names (a year, 第二批, 1.0, 江西, the newspaper, 指南 or 通知) pick the documents holding all of them.
  const wanted = marksOf(query, containerWords(query));
  if (wanted.size) {
    const holding = described.filter((x) => [...wanted].every((m) => x.marks.has(m)));
    if (holding.length && holding.length <= 2 && holding.length < docs.length) return holding.map((x) => x.d);
  }
  const q = new Set(tokens(query));
  // A document number's words (渝经信智能〔2024〕1号) are an office's shorthand, not what it is about.
  const words = described.map((x) => ({
    d: x.d,
    words: new Set(tokens(`${x.d.title} ${x.d.issuer ?? ''} ${x.d.date ?? ''}`)),
  }));
  const df = new Map<string, number>();
  for (const { words: ws } of words) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  const scores = words.map(({ d, words: ws }) => {
    let s = 0;
    for (const w of q)
      if (ws.has(w) && !ASKING.test(w) && !/^\d{1,3}$/.test(w))
        s += Math.log(docs.length / (df.get(w) ?? docs.length));
    return { d, s };
  });
  const best = Math.max(...scores.map((x) => x.s));
  if (best < 1.2) return [];
  const top = scores.filter((x) => x.s >= best * 0.85);
  return top.length === 1 ? top.map((x) => x.d) : [];
}

/** The part of a document a question opens by naming as where to read ("意向表里", "附件2中"). */
export function partOf(query: string): string | undefined {
  const m = /^(?:在|按|从)?([\p{Script=Han}\d]{2,10}?)(?:里面|里头|里|中|上)(?:的|，|,|提到|说|写|列)/u.exec(
    query,
  );
  const part = m?.[1];
  return part && !/^(?:这|那|哪|文件|文档|通知|指南|政策|数据)/u.test(part) ? part : undefined;
}

/**
 * The words naming the document a question reads from ("按1.0指南", "第二批通知里", "according to
 * the guide"), as opposed to documents it asks about ("发布两份指南的那场大会").
 */
function containerWords(query: string): string {
  return [
    ...query.matchAll(
      /(?:按|根据|依据|按照|这份|那份|该|那版|这版)[^，。？]{0,16}(?:指南|通知|文件|办法|措施|日报|报纸|版面)|(?:指南|通知|文件|办法|措施|日报|报纸|版面)(?:里|中|上|说|提出|要求|规定|明确|给)|(?:according to|under|in|on) the [^,.?]{0,40}(?:guide|notice|document|page|newspaper|daily)|(?:guide|notice|document)(?:'s)? (?:define|say|require|suggest|list)/giu,
    ),
  ]
    .map((m) => m[0])
    .join(' ');
}

/**
 * What marks a document apart in how people refer to it: its year, batch, version, province,
 * whether it is a notice, a guide or a newspaper page. `record` is where kinds are read from
 * (a title), `text` where years and the newspaper are (a record with its file name and opening).
 */
function marksOf(text: string, record: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(
    /(?<![\d.])(?:19|20)\d{2}(?![\d.])|(?<![\d.])\d\.\d(?![\d.])|第[一二三四五六七八九十]+批/gu,
  ))
    out.add(m[0]);
  if (/second[- ]batch/iu.test(text)) out.add('第二批');
  if (/日报|报纸|报道|版面|本报讯|记者|daily|newspaper|news|report\b/iu.test(text)) out.add('@news');
  if (/指南|guide/iu.test(record)) out.add('@guide');
  if (/通知|notice/iu.test(record)) out.add('@notice');
  if (/江西|jiangxi/iu.test(text)) out.add('@jiangxi');
  return out;
}

export function rankSentences(
  query: string,
  type: AnswerType,
  docs: readonly ReadableDocument[],
  hits: readonly SearchHit[],
  tokens: (t: string) => string[],
): Scored[] {
  const chinese = docs.some(
    (d) =>
      (d
        .text()
        .slice(0, 2_000)
        .match(/\p{Script=Han}/gu)?.length ?? 0) > 200,
  );
  // English words cannot match a Chinese text; their Chinese renderings (expandEnglish) do.
  const terms = new Map(
    [...questionTerms(query, tokens)].filter(([t]) => !chinese || !/^[A-Za-z][A-Za-z\s-]*$/u.test(t)),
  );
  const candidates: Scored[] = [];
  for (const doc of docs) {
    const text = doc.text();
    const all = sentencesOf(doc.id, text);
    const title = doc.title.replace(/\s+/gu, '');
    const windows = hits.filter((h) => h.docId === doc.id).map((h) => [h.start - 600, h.end + 600] as const);
    all.forEach((s, index) => {
      if (text.length > WHOLE_DOCUMENT && !windows.some(([a, b]) => s.start < b && a < s.end)) return;
      if (BOILERPLATE.test(s.text) || looksLikeInstruction(s.text)) return;
      // The document's own title lines name it; they answer nothing.
      if (title.includes(s.text.replace(/\s+/gu, '').replace(/^[“"《]|[”"》]$/gu, '')) && s.text.length >= 6)
        return;
      // Items that are a document's own sections (一、二、…) are its outline, not a list it states.
      const after = s.isHeading || /[：:]$/u.test(s.text) ? listAfter(all, index) : [];
      const items = after.length && after[0]!.level > 1 ? after.length : 0;
      candidates.push({ s, doc, index, coverage: 0, score: 0, items });
    });
  }
  const n = candidates.length || 1;
  const titles = docs.map((d) => d.title).join(' ');
  // Sentence-level BM25 weights: a term most sentences hold (产业大脑, 建设) says little.
  const idf = new Map<string, number>();
  for (const [t] of terms) {
    const df = candidates.filter((c) => c.s.text.includes(t)).length;
    idf.set(t, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  // A term of the documents' own titles identifies them; inside them it says little.
  const weight = new Map(
    [...terms].map(([t, w]) => [t, w * (titles.includes(t) && docs.length <= 2 ? 0.3 : 1) * idf.get(t)!]),
  );
  const total = [...weight.values()].reduce((a, b) => a + b, 0) || 1;
  const avgLength = candidates.reduce((a, c) => a + c.s.text.length, 0) / n || 1;
  const rankOf = (c: Scored) =>
    hits.findIndex((h) => h.docId === c.doc.id && h.start <= c.s.start && c.s.start < h.end);
  // The sentences before one in its paragraph carry its topic ("**企业创新变革**主要包括…。包括…").
  const before = new Map<Scored, string>();
  candidates.forEach((c, i) => {
    const prior: string[] = [];
    for (
      let j = i - 1;
      j >= 0 && candidates[j]!.doc === c.doc && candidates[j]!.s.paragraph === c.s.paragraph;
      j--
    )
      prior.push(candidates[j]!.s.text);
    before.set(c, prior.join(''));
  });
  const bm25 = new Map<Scored, number>();
  for (const c of candidates) {
    let own = 0;
    let context = 0;
    let score = 0;
    const prior = before.get(c) ?? '';
    const norm = 1 - 0.75 + (0.75 * c.s.text.length) / avgLength;
    for (const [t, w] of weight) {
      const tf = c.s.text.split(t).length - 1;
      if (tf > 0) {
        own += w;
        score += (w * (tf * 2.2)) / (tf + 1.2 * norm);
      } else if (c.s.heading.includes(t) || prior.includes(t)) {
        context += w;
        score += 0.4 * w;
      }
    }
    c.coverage = (own + 0.5 * context) / total;
    bm25.set(c, score);
  }
  const top = Math.max(...bm25.values(), 1e-9);
  const phrases = questionPhrases(query);
  // "哪六个字的要求": a slogan of that many characters, quoted in the text.
  const slogan = numberOf(/([一二三四五六七八九十\d]+)个字/u.exec(query)?.[1]);
  for (const c of candidates) {
    const typed = typedSpan(c.s.text, type);
    if (typed) c.typed = typed;
    const rank = rankOf(c);
    const list = c.items >= 2 || (c.s.text.match(/[、；]/gu)?.length ?? 0) >= 2;
    c.score =
      (slogan && quotedOfLength(c.s.text, slogan) ? 0.3 : 0) +
      (type === 'definition' ? definesTerm(c.s.text, terms) : 0) +
      phraseBonus(c.s.text, phrases) +
      0.6 * (bm25.get(c)! / top) +
      0.4 * c.coverage +
      (typed && !['any', 'list', 'definition'].includes(type) ? (type === 'who' ? 0.1 : 0.2) : 0) +
      (type === 'list' ? (list ? 0.1 + (c.items >= 2 ? 0.3 * c.coverage : 0) : -0.15) : 0) +
      (rank >= 0 ? 0.05 / (1 + rank) : 0) -
      (c.s.isHeading && !c.items ? 0.15 : 0) -
      (c.s.text.length < 12 && !c.items ? 0.2 : 0);
  }
  return candidates.sort((a, b) => b.score - a.score || a.s.start - b.s.start);
}

/** Whether the sentence quotes a phrase of `n` characters, punctuation aside (“小切口、快上线”). */
function quotedOfLength(text: string, n: number): boolean {
  return [...text.matchAll(/[“"「]([^”"」]{2,24})[”"」]/gu)].some(
    (m) => [...m[1]!.replace(/[\s、，,。；;]/gu, '')].length === n,
  );
}

/**
 * How squarely the sentence opens by defining one of the question's terms: "产业大脑是…" defines
 * it, "江西省产业大脑是…" a kind of it, "行业细分大脑是…" something else that merely shares a word.
 */
function definesTerm(text: string, terms: ReadonlyMap<string, number>): number {
  const head = /^(.{0,20}?)(?:是指|指的是|是|即)/u.exec(text)?.[1]?.replace(/[“”"《》*\s]/gu, '');
  if (!head) return 0;
  const long = [...terms.keys()].filter((t) => [...t].length >= 3);
  if (long.some((t) => head === t)) return 0.25;
  if (long.some((t) => head.endsWith(t))) return 0.15;
  return [...terms.keys()].some((t) => t.length >= 2 && head.includes(t)) ? 0.05 : 0;
}

/**
 * Adjacent words of the question that a sentence holds side by side ("数字技术" for 数字 + 技术):
 * the phrase, not just its words, is there.
 */
function questionPhrases(query: string): string[] {
  const words = searchWords(query).filter((w) => /^\p{Script=Han}{2,3}$/u.test(w) && !ASKING.test(w));
  const phrases = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) {
    const joined = words[i]! + words[i + 1]!;
    if (query.includes(joined)) phrases.add(joined);
  }
  return [...phrases];
}

function phraseBonus(text: string, phrases: readonly string[]): number {
  return Math.min(0.2, 0.1 * phrases.filter((p) => text.includes(p)).length);
}
