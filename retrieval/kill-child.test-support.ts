import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openHarness } from './harness.test-support.js';

/** Child of the kill test: ingests many documents one by one, announcing each, until killed. */
const dir = process.argv[2]!;
const docs = join(dir, 'docs');
mkdirSync(docs, { recursive: true });
for (let i = 0; i < 400; i++) {
  const body = Array.from(
    { length: 40 },
    (_, j) => `第${i}号文件第${j}条规定了产业大脑建设的要求和重庆企业的数据共享义务。`,
  ).join('\n');
  writeFileSync(join(docs, `doc-${String(i).padStart(3, '0')}.txt`), `关于第${i}批行业大脑的通知\n${body}\n`);
}
const h = await openHarness(dir);
await h.index.ingestPaths([docs], { onFile: (r) => process.stdout.write(`${r.status}\n`) });
process.stdout.write('done\n');
