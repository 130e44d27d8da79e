import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { retrievalFor } from '../../engine/retrieval.js';
import { SYSTEM_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import type { SearchMode } from '../../retrieval/index.js';
import { report, sharedDataDir } from '../bench/bench.js';
import { loadItems } from '../dataset/load.js';
import type { EvalItem } from '../dataset/schema.js';
import type { Runnable } from '../dispatch.js';

/**
 * Retrieval quality over the shared policy corpus: recall@5, recall@10 and MRR of BM25 alone,
 * dense (hash) alone and hybrid. A hit is relevant when its text contains the question's
 * reference passage (whitespace ignored), so re-chunking never invalidates the labels. Fusion
 * settings were tuned on the `tune` half only; the figures reported are the `heldout` half's.
 * Args: [--split heldout|tune|all] (default heldout).
 */
const DATASET = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'datasets',
  'retrieval',
  'policies.jsonl',
);
const MODES: readonly SearchMode[] = ['bm25', 'dense', 'hybrid'];

/** The questions in the common eval format; every one here needs a reference passage. */
export async function loadQuestions(path = DATASET): Promise<Array<EvalItem & { reference: string }>> {
  const { items, errors } = await loadItems(path);
  if (errors[0]) throw new Error(`${path}:${errors[0].line}: ${errors[0].message}`);
  const unreferenced = items.find((q) => !q.reference);
  if (unreferenced) throw new Error(`${path}: question ${unreferenced.id} has no reference`);
  return items as Array<EvalItem & { reference: string }>;
}

const squash = (text: string) => text.replace(/\s+/g, '');

interface Scores {
  r5: number;
  r10: number;
  mrr: number;
}

const run: Runnable = async (args) => {
  const data = sharedDataDir();
  if (!data) {
    process.stdout.write('retrieval eval skipped: ../shared/data (or $IBRAIN_SHARED_DATA) is not present\n');
    return true;
  }
  const splitArg = args[args.indexOf('--split') + 1];
  const split = args.includes('--split') && splitArg ? splitArg : 'heldout';
  const questions = (await loadQuestions()).filter((q) => split === 'all' || q.tags.includes(split));
  const dir = mkdtempSync(join(tmpdir(), 'ibrain-eval-retrieval-'));
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: dir } }));
  try {
    const index = await retrievalFor(engine);
    const summary = await index.ingestPaths([join(data, 'policies')]);
    const texts = (await index.documents()).length;
    process.stdout.write(
      `indexed ${texts} documents, ${summary.chunks} chunks; ${questions.length} ${split} questions\n`,
    );
    const corpus = await index.documentTexts();
    const missing = questions.filter((q) => !corpus.some((t) => squash(t).includes(squash(q.reference))));
    if (missing.length)
      throw new Error(`references not found in the corpus: ${missing.map((q) => q.id).join(', ')}`);

    const results = new Map<string, Scores>();
    const byLanguage = new Map<string, Scores>();
    for (const mode of MODES) {
      const total: Scores = { r5: 0, r10: 0, mrr: 0 };
      for (const q of questions) {
        const hits = await index.search(q.question, { principal: SYSTEM_PRINCIPAL, k: 10, mode });
        const rank = hits.findIndex((h) => squash(h.text).includes(squash(q.reference))) + 1;
        const s = { r5: rank > 0 && rank <= 5 ? 1 : 0, r10: rank > 0 ? 1 : 0, mrr: rank > 0 ? 1 / rank : 0 };
        if (args.includes('--verbose') && rank !== 1)
          process.stdout.write(`  ${mode} ${q.id} rank ${rank || '-'}: ${q.question}\n`);
        total.r5 += s.r5;
        total.r10 += s.r10;
        total.mrr += s.mrr;
        const lang = `${mode} ${q.tags.includes('en') ? 'en' : 'zh'}`;
        const l = byLanguage.get(lang) ?? { r5: 0, r10: 0, mrr: 0 };
        byLanguage.set(lang, { r5: l.r5 + s.r5, r10: l.r10 + s.r10, mrr: l.mrr + s.mrr });
      }
      results.set(mode, total);
    }
    const n = questions.length;
    const fmt = (s: Scores, count: number) =>
      `recall@5 ${(s.r5 / count).toFixed(3)}  recall@10 ${(s.r10 / count).toFixed(3)}  MRR ${(s.mrr / count).toFixed(3)}`;
    const rows: Array<{ label: string; value: string; target?: string; ok?: boolean }> = MODES.map((mode) => {
      const s = results.get(mode)!;
      return mode === 'hybrid'
        ? { label: mode, value: fmt(s, n), target: 'recall@5 ≥ 0.90', ok: s.r5 / n >= 0.9 }
        : { label: mode, value: fmt(s, n) };
    });
    for (const lang of ['zh', 'en']) {
      const count = questions.filter(
        (q) => q.tags.includes(lang) || (lang === 'zh' && !q.tags.includes('en')),
      ).length;
      for (const mode of MODES) {
        const s = byLanguage.get(`${mode} ${lang}`);
        if (s && count) rows.push({ label: `  ${mode} (${lang}, ${count})`, value: fmt(s, count) });
      }
    }
    return report(`retrieval eval: ${split} half, ${n} questions`, rows);
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default run;
