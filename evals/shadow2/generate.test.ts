import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { defaultPaths } from '../shadow/context.js';
import { norm, shadowItemSchema } from '../shadow/item.js';
import { REFUSAL } from '../shadow/keys.js';
import type { SecondItem } from './collect.js';
import { DEFAULT_OUT, render, secondSet } from './generate.js';

const Line = shadowItemSchema('s2');
const shared = inject('sharedData');
const skip = shared ? false : 'needs ../shared/data (chainkg, ickg25, policies, prices): absent, so skipped';

function parseLines(text: string) {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      const parsed = Line.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`qa-shadow2.jsonl:${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** Only the question text of another set's lines is read: its keys stay unseen. */
const Question = z.object({ question: z.string() });

function questionsOf(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => norm(Question.parse(JSON.parse(line)).question));
}

describe('qa-shadow2.jsonl as committed', () => {
  const items = parseLines(readFileSync(DEFAULT_OUT, 'utf8'));

  it('parses line by line, ids in order, every key at least two characters', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    for (const [i, item] of items.entries()) {
      expect(item.id).toBe(`s2-${String(i + 1).padStart(3, '0')}`);
      for (const key of item.expect_any_of)
        expect(norm(key).length, `${item.id} ${key}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('follows the key rules: no key is a word of its question or contains another key', () => {
    for (const item of items) {
      const keys = item.expect_any_of.map(norm);
      if (!item.refusal) for (const key of keys) expect(norm(item.question), item.id).not.toContain(key);
      for (const a of keys)
        for (const b of keys) if (a !== b) expect(a.includes(b), `${item.id}: ${a} ⊃ ${b}`).toBe(false);
      expect(item.min_hits).toBeLessThanOrEqual(item.expect_any_of.length);
    }
  });

  it('asks each question once, and refusals accept every refusal phrase', () => {
    expect(new Set(items.map((item) => norm(item.question))).size).toBe(items.length);
    for (const item of items.filter((i) => i.refusal))
      expect(item.expect_any_of).toEqual(expect.arrayContaining([...REFUSAL]));
  });
});

describe.skipIf(!!skip)(`the generator on the real data${skip ? ` (${skip})` : ''}`, () => {
  const paths = { ...defaultPaths(), shared };
  let built: SecondItem[] = [];

  it('writes the same bytes on every run, and those bytes are the committed file', () => {
    built = secondSet(paths);
    const text = render(built);
    expect(render(secondSet(paths))).toBe(text);
    expect(readFileSync(DEFAULT_OUT, 'utf8')).toBe(text);
  }, 120_000);

  it('repeats no question of the development set or the first shadow set, nor asks about their entities', () => {
    const devPath = join(shared, '..', 'evals', 'qa-dev.jsonl');
    const firstPath = join(import.meta.dirname, '..', 'shadow', 'qa-shadow.jsonl');
    const earlier = [...(existsSync(devPath) ? questionsOf(devPath) : []), ...questionsOf(firstPath)];
    expect(earlier.length).toBeGreaterThan(150);
    const asked = new Set(earlier);
    for (const { item, subjects } of built) {
      expect(asked.has(norm(item.question)), item.id).toBe(false);
      for (const s of subjects) {
        const hit = earlier.find((q) => q.includes(norm(s)));
        expect(hit, `${item.id} asks about ${s}, which an earlier question names`).toBeUndefined();
      }
    }
  });
});
