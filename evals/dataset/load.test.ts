import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadItems, parseItems, validateItems } from './load.js';
import { MAX_STRING } from './schema.js';

const dir = mkdtempSync(join(tmpdir(), 'ibrain-eval-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = (id: string) => JSON.stringify({ id, question: '几家？', reference: '20家', tags: ['zh'] });

describe('loading eval items', () => {
  it('reports malformed lines with their numbers and scores the rest', async () => {
    const lines = [
      good('a'),
      JSON.stringify({ id: 'b', tags: [] }), // missing question
      JSON.stringify({ id: 'c', question: 'q', answer: 42, tags: [] }), // wrong type
      JSON.stringify({ id: 'd', question: 'q', answer: 'x'.repeat(MAX_STRING + 1), tags: [] }), // huge string
      '{"id": "e", "question": ', // invalid JSON
      '',
      good('a'), // duplicate id
      '[1, 2]',
      good('f'),
    ];
    const path = join(dir, 'items.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { items, errors } = await loadItems(path);
    expect(items.map((i) => i.id)).toEqual(['a', 'f']);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 7, 8]);
    expect(errors[0]).toMatchObject({ id: 'b', message: expect.stringContaining('question') });
    expect(errors[1]!.message).toMatch(/answer: .*expected string/);
    expect(errors[2]!.message).toMatch(/answer: .*longer than 100000 characters/);
    expect(errors[3]!.message).toMatch(/^invalid JSON/);
    expect(errors[4]!.message).toBe('duplicate id a');
  });

  it('defaults tags and accepts string or object contexts and citations', () => {
    const { items, errors } = parseItems(
      [
        JSON.stringify({ id: 'x', question: 'q' }),
        JSON.stringify({
          id: 'y',
          question: 'q',
          contexts: ['a', { id: 'c2', text: 'b', relevant: true }],
          citations: ['1', { id: 'c2' }],
          tags: [],
        }),
      ].join('\r\n'),
    );
    expect(errors).toEqual([]);
    expect(items[0]!.tags).toEqual([]);
    expect(items[1]!.contexts).toHaveLength(2);
  });

  it('validates parsed JSON arrays by position', () => {
    const { items, errors } = validateItems([{ id: 'a', question: 'q' }, null, { id: 7, question: 'q' }]);
    expect(items).toHaveLength(1);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it('reads the migrated retrieval and demo sets without a single skipped line', async () => {
    for (const file of ['retrieval/policies.jsonl', 'demo/policies.jsonl']) {
      const { items, errors } = await loadItems(join(import.meta.dirname, '..', 'datasets', file));
      expect(errors, file).toEqual([]);
      expect(items.length, file).toBeGreaterThan(0);
    }
  });
});
