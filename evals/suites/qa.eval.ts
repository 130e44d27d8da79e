import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { askFor } from '../../engine/ask/index.js';
import type { AskResult } from '../../engine/ask/schema.js';
import { loadConfig } from '../../engine/config/load.js';
import { Engine } from '../../engine/container.js';
import { PUBLIC_PRINCIPAL } from '../../knowledge-graph/schema/index.js';
import { report, sharedDataDir } from '../bench/bench.js';
import type { Runnable } from '../dispatch.js';
import { buildQaData } from './qa-data.js';

/**
 * The project's own ask questions over the demo data and ../shared (chainkg, ickg25, policies).
 * Each question names the entities or values a right answer contains; tags carry the kind of
 * question, the language, the data set and the split it was first written into (`tune` or
 * `heldout`). The set was written alongside the answer layer's rules and its misses have been
 * read, so neither split is evidence of how the product does on unseen questions: that is what
 * `eval -- dev` (an independently written set) is for. This one guards the shipped demo's answers.
 * Args: [--split heldout|tune|all] [--verbose] [--reuse <dir>] (build the data once into <dir>).
 */
export const QaQuestionSchema = z.object({
  id: z.string(),
  question: z.string(),
  reference: z.string().optional(),
  expected_entities: z.array(z.string()).min(1),
  tags: z.array(z.string()),
});
export type QaQuestion = z.infer<typeof QaQuestionSchema>;

export const DATASETS = ['demo', 'chainkg', 'ickg', 'policies'] as const;
const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets', 'qa');

export function loadQaQuestions(dir = DIR): QaQuestion[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .map((line, i) => [line, i + 1] as const)
        .filter(([line]) => line.trim())
        .map(([line, n]) => {
          const parsed = QaQuestionSchema.safeParse(JSON.parse(line));
          if (!parsed.success)
            throw new Error(
              `${f}:${n}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
            );
          return parsed.data;
        }),
    );
}

const squash = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s,，]/g, '')
    .toLowerCase();

/**
 * Right when every expected entity or value appears in the answer text or among the result's
 * linked entities and facts. A number matches only as a whole number (24 is not found in 124).
 */
export function isCorrect(result: AskResult, expected: readonly string[]): boolean {
  const names = [
    result.answer,
    ...result.entities.map((e) => e.name),
    ...result.facts.flatMap((f) => [f.subject.name, f.object?.name ?? '']),
  ].map(squash);
  return expected.every((value) => {
    const want = squash(value);
    if (/^-?\d+(\.\d+)?$/.test(want)) {
      const number = new RegExp(`(?<![\\d.])${want.replace('.', '\\.')}(?![\\d])`);
      return names.some((text) => number.test(text));
    }
    return names.some((text) => text.includes(want));
  });
}

export const kindOf = (q: QaQuestion) => q.tags[0]!;

const run: Runnable = async (args) => {
  const shared = sharedDataDir();
  const split = args.includes('--split') ? (args[args.indexOf('--split') + 1] ?? 'heldout') : 'heldout';
  const reuse = args.includes('--reuse') ? args[args.indexOf('--reuse') + 1] : undefined;
  const all = loadQaQuestions();
  const questions = all.filter((q) => shared || q.tags.includes('demo'));
  if (!shared) process.stdout.write('qa eval: ../shared/data is absent; running the demo questions only\n');
  const data = await buildQaData(shared, reuse);
  process.stdout.write(
    `data: ${data.steps.join('; ')}${data.buildSeconds ? ` (${data.buildSeconds.toFixed(1)} s)` : ' (reused)'}\n`,
  );
  const engine = await Engine.open(loadConfig({ env: {}, overrides: { dataDir: data.dir } }));
  try {
    const ask = askFor(engine);
    const results = new Map<string, { correct: boolean }>();
    for (const q of questions) {
      const r = await ask.ask(q.question, { principal: PUBLIC_PRINCIPAL });
      const correct = isCorrect(r, q.expected_entities);
      results.set(q.id, { correct });
      if (args.includes('--verbose') && !correct && (split === 'all' || q.tags.includes(split)))
        process.stdout.write(
          `  MISS ${q.id} [${q.tags.join(',')}] ${q.question}\n    expected ${q.expected_entities.join(' | ')}; got (${r.intent}) ${r.answer.slice(0, 300)}\n`,
        );
    }
    const score = (qs: QaQuestion[]) => {
      const ok = qs.filter((q) => results.get(q.id)!.correct).length;
      return {
        ok,
        n: qs.length,
        text: qs.length ? `${ok}/${qs.length} (${((100 * ok) / qs.length).toFixed(0)}%)` : '-',
      };
    };
    const of = (s: string) => questions.filter((q) => q.tags.includes(s));
    const heldout = of('heldout');
    const tune = of('tune');
    const kinds = [...new Set(questions.map(kindOf))];
    const rows: Array<{ label: string; value: string; target?: string; ok?: boolean }> = kinds.map(
      (kind) => ({
        label: kind,
        value: `heldout ${score(heldout.filter((q) => kindOf(q) === kind)).text.padEnd(12)} tune ${score(tune.filter((q) => kindOf(q) === kind)).text}`,
      }),
    );
    for (const ds of DATASETS) {
      const qs = heldout.filter((q) => q.tags.includes(ds));
      if (qs.length) rows.push({ label: `data ${ds}`, value: `heldout ${score(qs).text}` });
    }
    for (const lang of ['zh', 'en'])
      rows.push({
        label: `lang ${lang}`,
        value: `heldout ${score(heldout.filter((q) => q.tags.includes(lang))).text}`,
      });

    rows.push({ label: 'tune overall', value: score(tune).text });
    const h = score(heldout);
    rows.push({ label: 'heldout overall', value: h.text, target: '≥ 90%', ok: h.n > 0 && h.ok / h.n >= 0.9 });
    return report(
      `qa eval (own questions, written alongside the rules; not evidence of generalisation): ${questions.length} questions`,
      rows,
    );
  } finally {
    await engine.close();
    data.dispose();
  }
};

export default run;
