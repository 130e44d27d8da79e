import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

function ibrain(args: string[], env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ibrain-cli-'));
  const result = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, IBRAIN_DATA_DIR: dataDir, IBRAIN_DEBUG: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim(), dataDir };
}

describe('ibrain CLI', () => {
  it('prints help for the program and for every command', () => {
    const top = ibrain(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/import[\s\S]*graph/);
    for (const cmd of [
      ['graph', 'upstream', '--help'],
      ['import', 'chainkg', '--help'],
      ['catalog', '--help'],
    ]) {
      const r = ibrain(cmd);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: ibrain/);
    }
  });

  it('exits 2 with one readable line on user errors, never a stack trace', () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['frobnicate'], {}, /unknown command 'frobnicate'/],
      [['import', 'jsonl', '/no/such/file.jsonl'], {}, /no such file/],
      [
        ['graph', 'stats'],
        { IBRAIN_GRAPH: 'mysql' },
        /graph\.adapter \(from environment variable IBRAIN_GRAPH\)/,
      ],
      [['graph', 'entity', '不存在的企业'], {}, /no entity named "不存在的企业"/],
      [['graph', 'upstream', '轮胎', '--depth', 'x'], {}, /--depth must be a whole number/],
    ];
    for (const [args, env, message] of cases) {
      const r = ibrain(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('ingests a document and checks the index whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-cli-docs-'));
    const file = join(dir, 'notice.txt');
    writeFileSync(file, '关于产业大脑建设的通知\n农业领域揭榜主体为各区县农业农村主管部门。');
    const env = { IBRAIN_DATA_DIR: join(dir, 'store') };
    expect(ibrain(['ingest', file, '--json'], env).code).toBe(0);
    const check = ibrain(['index', 'check', '--json'], env);
    expect(check.code, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ documents: 1, missingVectors: 0, problems: [] });
  });

  it('imports a file and queries it back as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibrain-cli-data-'));
    const file = join(dir, 'chain.jsonl');
    writeFileSync(
      file,
      [
        { type: 'Product', name: '轮胎' },
        { type: 'Product', name: '天然橡胶' },
        { type: 'MADE_FROM', from: '轮胎', to: '天然橡胶', props: { share: 0.4 } },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const env = { IBRAIN_DATA_DIR: join(dir, 'store') };
    const imported = ibrain(['import', 'jsonl', file, '--json'], env);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).written).toMatchObject({ nodesCreated: 2, edgesCreated: 1 });
    const up = ibrain(['graph', 'upstream', '轮胎', '--depth', '1', '--json'], env);
    expect(JSON.parse(up.stdout).nodes).toEqual([
      expect.objectContaining({ name: '天然橡胶', depth: 1, via: expect.objectContaining({ share: 0.4 }) }),
    ]);
    const catalog = ibrain(['catalog', '--json'], env);
    expect(JSON.parse(catalog.stdout)).toEqual([
      expect.objectContaining({ kind: 'jsonl', status: 'completed' }),
    ]);
  });
});
