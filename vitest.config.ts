import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{engine,knowledge-graph,retrieval,models,api,evals,data}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', 'dist/**', '.ibrain/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
