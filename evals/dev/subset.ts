/**
 * The dev-set items the CI gate runs: every eighth item by id, so each category and dataset is
 * sampled without choosing items by how the code does on them.
 */
export const GATE_SUBSET: readonly string[] = Array.from({ length: 241 }, (_, i) => i + 1)
  .filter((n) => n % 8 === 1)
  .map((n) => `dev-${String(n).padStart(3, '0')}`);
