import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { defaultPaths } from './context.js';
import { DEFAULT_OUT, renderShadowSet } from './generate.js';
import { norm, ShadowItemSchema } from './item.js';
import { REFUSAL } from './keys.js';

const shared = inject('sharedData');
const skip = shared ? false : 'needs ../shared/data (chainkg, ickg25, policies, prices): absent, so skipped';

function parseLines(text: string) {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => ShadowItemSchema.parse(JSON.parse(line)));
}

describe('qa-shadow.jsonl as committed', () => {
  it('parses line by line, with non-empty keys and ids in order', () => {
    const items = parseLines(readFileSync(DEFAULT_OUT, 'utf8'));
    expect(items.length).toBeGreaterThanOrEqual(150);
    for (const [i, item] of items.entries()) {
      expect(item.id).toBe(`shadow-${String(i + 1).padStart(3, '0')}`);
      for (const key of item.expect_any_of)
        expect(norm(key).length, `${item.id} ${key}`).toBeGreaterThanOrEqual(2);
      if (!item.refusal) {
        for (const key of item.expect_any_of) expect(norm(item.question)).not.toContain(norm(key));
      }
    }
    expect(new Set(items.map((item) => item.question)).size).toBe(items.length);
  });
});

describe.skipIf(!!skip)(`the generator on the real data${skip ? ` (${skip})` : ''}`, () => {
  const paths = { ...defaultPaths(), shared };

  it('writes the same bytes on every run, and those bytes are the committed file', () => {
    const first = renderShadowSet(paths);
    expect(renderShadowSet(paths)).toBe(first);
    expect(readFileSync(DEFAULT_OUT, 'utf8')).toBe(first);
  }, 60_000);

  it('asks no question of the development set and accepts its refusal phrases', () => {
    const devPath = join(shared, '..', 'evals', 'qa-dev.jsonl');
    if (!existsSync(devPath)) return;
    const dev = readFileSync(devPath, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { question: string; refusal: boolean; expect_any_of: string[] });
    const asked = new Set(dev.map((d) => norm(d.question)));
    for (const item of parseLines(readFileSync(DEFAULT_OUT, 'utf8')))
      expect(asked.has(norm(item.question))).toBe(false);
    const devRefusal = dev.find((d) => d.refusal)?.expect_any_of ?? [];
    for (const phrase of REFUSAL) expect(devRefusal).toContain(phrase);
  });
});
