import { z } from 'zod';
import type { Engine } from '../engine/container.js';
import { EVAL_RUN_JOB, type EvalRunReport, type EvalService } from '../engine/evals-port.js';
import { RequesterSchema, requesterOf, runAsRequester } from '../engine/jobs/requester.js';
import { SUITES } from './catalog.js';
import { parseItems, validateItems } from './dataset/load.js';
import { judgeFromConfig } from './llm-judge.js';
import { withSuiteEngine } from './prepare.js';
import { jsonReport } from './report/json.js';
import { runSuite, suiteNamed } from './runner.js';
import { scoreItems } from './score.js';

const RunPayloadSchema = z.object({
  suite: z.string(),
  split: z.string().optional(),
  limit: z.number().int().positive(),
  ...RequesterSchema.shape,
});

/**
 * The evaluation service behind the engine's port. Suite runs are jobs on the engine's queue:
 * demo and shared-policy suites run on a fresh temporary engine (`withSuiteEngine`), never on the
 * live data directory; `configured` suites read the live engine as the requesting principal.
 */
export function evalService(engine: Engine): EvalService {
  const ready = (async () => {
    const queue = await engine.jobs();
    queue.register(
      EVAL_RUN_JOB,
      runAsRequester(engine.state.keys, async (payload, principal, ctx) => {
        const p = RunPayloadSchema.parse(payload);
        const suite = suiteNamed(p.suite);
        const run = await withSuiteEngine(
          suite,
          (suiteEngine) =>
            runSuite(
              suiteEngine,
              suite,
              { split: p.split, limit: p.limit, principal },
              {
                onItem: (done, total) =>
                  ctx.progress({ percent: Math.round((done / total) * 100), stage: `${done}/${total}` }),
              },
            ),
          (fn) => fn(engine),
        );
        return {
          ...jsonReport(run, run.skipped, run.suite),
          suite: run.suite,
          seconds: run.seconds,
        } satisfies EvalRunReport;
      }),
    );
    return queue;
  })();
  return {
    suites: () => SUITES.map((s) => s.name),
    async score(input, options = {}) {
      const judge = options.judge ? await judgeFromConfig(engine.config.llm) : undefined;
      const loaded = 'text' in input ? parseItems(input.text) : validateItems(input.values);
      const result = await scoreItems(loaded.items, {}, judge);
      return jsonReport(result, loaded.errors);
    },
    async startRun(request, principal) {
      suiteNamed(request.suite);
      return (await ready).enqueue(EVAL_RUN_JOB, { ...request, ...requesterOf(principal) });
    },
  };
}
