import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests on the real data sets read ../shared/data (or $IBRAIN_SHARED_DATA) and skip when it is absent.
// Setting IBRAIN_SHARED_DATA to a missing path shows what a fresh clone without ../shared runs.
const candidates =
  process.env.IBRAIN_SHARED_DATA !== undefined
    ? [process.env.IBRAIN_SHARED_DATA]
    : [resolve(import.meta.dirname, '..', 'shared', 'data')];
const sharedData = candidates.find((dir) => dir !== '' && existsSync(dir));

export default defineConfig({
  test: {
    include: ['{cli,engine,knowledge-graph,retrieval,models,api,evals,data}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', '.ibrain/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    provide: { sharedData: sharedData ?? '' },
  },
});

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of ../shared/data, or '' when it is absent (tests that need it skip). */
    sharedData: string;
  }
}
