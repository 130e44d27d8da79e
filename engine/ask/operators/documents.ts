import { expandEnglish } from '../../../retrieval/glossary.js';
import type { ReadableDocument, SearchHit } from '../../../retrieval/index.js';
import { listAfter, opensList, type Sentence, sentencesOf } from '../answer/passages.js';
import { rankSentences, type Scored, scopeOf } from '../answer/rank.js';
import { type AnswerType, FACT_TYPES } from '../plan/types.js';
import type { Evidence, Operator, OperatorContext, Passage, Value } from './types.js';

/** Chunks retrieved before sentences are scored. */
const HITS = 12;
/** Share of the question's weighted terms the best sentence must hold to answer a list or open question. */
const MIN_COVERAGE = 0.12;
/** A typed fact (a date, a count…) must stand in a sentence holding this much of the question. */
const MIN_TYPED_COVERAGE = 0.3;
const QUOTE_MAX = 240;
/** Up to this many documents, every one is read for a question; beyond, the retrieved ones. */
const SMALL_COLLECTION = 12;
/** A sentence holding this much of the question answers it even without the kind of fact asked for. */
const STRONG_COVERAGE = 0.55;
/** A typed best sentence this far ahead of the next (score ratio) answers with less of the question. */
const LEADER_MARGIN = 1.5;
const LEADER_COVERAGE = 0.15;
/** Facts whose value a sentence must hold: a sentence without one does not answer. */
const TYPED: ReadonlySet<AnswerType> = new Set(FACT_TYPES);

/** What a question asks about a document itself: its number, its date, who issued it. */
const META = {
  docNo: /几号文|文号|发文字号|字号|文件号|编号|document number|reference number/iu,
  date: /(?:签发|印发|发布|发文|成文)的?(?:日期|时间)|(?:哪天|什么时候|何时)(?:签发|印发|发布|发文)|(?:签发|印发|发布)(?:于|的)?(?:哪天|什么时候|何时)|date of issue|issued on|when was .{1,40}? (?:issued|published|signed)/iu,
  issuer:
    /(?:哪个|什么|哪家)(?:机构|部门|单位)(?:印发|发布|签发)|由(?:哪个|谁)(?:印发|发布)|发文机关|印发机构|issued by|issuer|which (?:body|agency|office) issued/iu,
};

/**
 * Answers from documents by extraction: the documents the question names (its scope), their
 * sentences ranked by the question's weighted terms and by whether they hold the kind of fact
 * asked for, the best one quoted with the fact said first, a list read on across the lines under
 * its heading, a document's own number, date and issuer from its record. When no sentence holds
 * the fact, it says so and names what the documents cover.
 */
export const documentsOperator: Operator<'documents'> = {
  op: 'documents',
  description:
    'Search the documents the caller may read and extract the sentence that answers, by expected answer type (date, duration, frequency, count, amount, percent, level, list, definition, who, contact, yesno, any).',
  async run(step, _input, ctx) {
    const index = await ctx.ports.retrieval();
    const docs: ReadableDocument[] = await index.readable(ctx.principal);
    if (!docs.length) return { kind: 'passages', passages: [], covered: [], answered: false };
    const tokens = (t: string) => index.tokenizer.tokens(t);
    const query = step.query;
    const scoped = step.scope.length
      ? docs.filter((d) => step.scope.includes(d.id))
      : scopeOf(step.context ?? query, docs, tokens);
    const meta = metadataAnswer(query, scoped, ctx);
    if (meta) return meta;
    const hits = await index.search(`${query} ${expandEnglish(query)}`.trim(), {
      principal: ctx.principal,
      k: HITS,
      ...(scoped.length ? { sources: scoped.map((d) => d.name) } : {}),
    });
    // A small collection is read whole; a large one around what search found.
    const small = docs.length <= SMALL_COLLECTION;
    const read = scoped.length
      ? scoped
      : small
        ? docs
        : [
            ...new Set(
              hits.map((h) => docs.find((d) => d.id === h.docId)).filter((d): d is ReadableDocument => !!d),
            ),
          ].slice(0, 6);
    const ranked = rankSentences(query, step.answerType, read, hits, tokens).filter(
      (c) => !step.require.length || step.require.some((r) => c.s.text.includes(r)),
    );
    const covered = (read.length ? read : docs).map((d) => d.title).slice(0, 5);
    const typed = TYPED.has(step.answerType);
    const chosen = typed
      ? (ranked.slice(0, 5).find((c) => c.typed && c.coverage >= MIN_TYPED_COVERAGE) ??
        ranked.slice(0, 3).find((c) => c.coverage >= STRONG_COVERAGE && /\d/u.test(c.s.text)) ??
        clearLeader(ranked))
      : ranked[0] && ranked[0].coverage >= MIN_COVERAGE
        ? ranked[0]
        : undefined;
    if (!chosen) return { kind: 'passages', passages: [], covered, answered: false };
    return answerFrom(chosen, ranked, step.answerType, hits, covered, ctx);
  },
};

/**
 * The best sentence holds the kind of fact asked for and stands well clear of every other: a
 * question of two parts ("多长时间内提请验收？合格了会怎样？") has its first part's fact there even
 * though the second part's words lower the share it holds.
 */
function clearLeader(ranked: readonly Scored[]): Scored | undefined {
  const [first, second] = ranked;
  return first?.typed &&
    first.coverage >= LEADER_COVERAGE &&
    first.score >= LEADER_MARGIN * (second?.score ?? 0)
    ? first
    : undefined;
}

function answerFrom(
  chosen: Scored,
  ranked: readonly Scored[],
  type: AnswerType,
  hits: readonly SearchHit[],
  covered: string[],
  ctx: OperatorContext,
): Value {
  const all = sentencesOf(chosen.doc.id, chosen.doc.text());
  const cite = (s: Sentence, doc: ReadableDocument) => ctx.evidence.add(sentenceEvidence(s, doc, hits));
  const passages: Passage[] = [
    { key: cite(chosen.s, chosen.doc), title: chosen.doc.title, text: chosen.s.text, score: chosen.score },
  ];
  // A list answer reads on: the items under the heading or after the opening sentence.
  if (chosen.items >= 2 || (type === 'list' && (chosen.s.isHeading || opensList(chosen.s.text)))) {
    const items = listAfter(all, chosen.index);
    for (const item of items.slice(0, 8))
      passages.push({
        key: cite(item.sentence, chosen.doc),
        title: chosen.doc.title,
        text: item.sentence.text,
        score: 0,
      });
    if (items.length >= 2)
      return {
        kind: 'passages',
        answer: { text: items.map((i) => i.lead).join('；'), key: passages[0]!.key },
        passages,
        covered,
        answered: true,
      };
  }
  // A sentence that opens (ends on a colon) or is only a lead ("(三) 安全为本，筑牢底线。") goes on in
  // the next sentence of its paragraph; a list question reads on while the paragraph still answers.
  const rest = ranked
    .filter((c) => c.doc === chosen.doc && c.s.paragraph === chosen.s.paragraph && c.s.start > chosen.s.start)
    .sort((a, b) => a.s.start - b.s.start);
  // A lead alone on its line ("（五）经济及社会效益。") goes on in the next paragraph.
  const lead =
    /[：:]$/u.test(chosen.s.text) || (chosen.s.text.length <= 30 && !/[，,；;]/u.test(chosen.s.text));
  const following = all[chosen.index + 1];
  const next =
    rest[0]?.s ??
    (lead && following && !following.isHeading && !/^\s*[（(]?[一二三四五六七八九十\d]/u.test(following.text)
      ? following
      : undefined);
  if (next && lead)
    passages.push({ key: cite(next, chosen.doc), title: chosen.doc.title, text: next.text, score: 0 });
  if (type === 'list')
    for (const more of rest.slice(passages.length - 1, 3))
      if (more.coverage >= chosen.coverage * 0.5)
        passages.push({
          key: cite(more.s, chosen.doc),
          title: chosen.doc.title,
          text: more.s.text,
          score: 0,
        });
  // A second document that answers about as well is quoted too.
  const other = ranked.find(
    (c) => c.doc.id !== chosen.doc.id && c.score >= chosen.score * 0.9 && c.coverage >= MIN_COVERAGE,
  );
  if (other && !TYPED.has(type))
    passages.push({
      key: cite(other.s, other.doc),
      title: other.doc.title,
      text: other.s.text,
      score: other.score,
    });
  return {
    kind: 'passages',
    ...(chosen.typed && TYPED.has(type) ? { answer: { text: chosen.typed, key: passages[0]!.key } } : {}),
    passages,
    covered,
    answered: true,
  };
}

/** A question about a document's own number, date or issuer, answered from its record. */
function metadataAnswer(
  query: string,
  scoped: readonly ReadableDocument[],
  ctx: OperatorContext,
): Value | undefined {
  const asked = (Object.keys(META) as Array<keyof typeof META>).filter((k) => META[k].test(query));
  const doc = scoped[0];
  if (!asked.length || !doc || scoped.length > 1) return undefined;
  const zh = ctx.language === 'zh';
  const parts = [
    zh ? `《${doc.title}》` : `"${doc.title}"`,
    ...(doc.docNo ? [zh ? `文号${doc.docNo}` : `document number ${doc.docNo}`] : []),
    ...(doc.issuer ? [zh ? `发文机关${doc.issuer}` : `issued by ${doc.issuer}`] : []),
    ...(doc.date ? [zh ? `日期${doc.date}（${dateZh(doc.date)}）` : `dated ${doc.date}`] : []),
  ];
  if (parts.length === 1) return undefined;
  const key = ctx.evidence.add({
    key: `${doc.id}#record`,
    kind: 'document',
    source: `${doc.name} (document record)`,
    text: parts.join(zh ? '，' : ', '),
    docId: doc.id,
  });
  return {
    kind: 'passages',
    answer: { text: parts.slice(1).join(zh ? '，' : ', '), key },
    passages: [{ key, title: doc.title, text: parts.join(zh ? '，' : ', '), score: 1 }],
    covered: [doc.title],
    answered: true,
  };
}

function dateZh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function sentenceEvidence(s: Sentence, doc: ReadableDocument, hits: readonly SearchHit[]): Evidence {
  const hit = hits.find((h) => h.docId === doc.id && h.start <= s.start && s.start < h.end);
  // A hit may merge neighbouring chunks: the citation names the one the sentence starts in.
  const within = hit ? hit.chunkStarts.findLastIndex((start) => start <= s.start) : -1;
  const chunkId = hit ? (hit.chunkIds[within] ?? hit.chunkId) : undefined;
  const text = s.text.length > QUOTE_MAX ? `${s.text.slice(0, QUOTE_MAX)}…` : s.text;
  return {
    key: `${doc.id}#${s.start}`,
    kind: 'document',
    source: `《${doc.title}》${doc.docNo ? `（${doc.docNo}）` : ''} ${doc.name}`,
    text,
    docId: doc.id,
    ...(chunkId ? { chunkId } : {}),
  };
}
