import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from source or from dist/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the industry-brain package root');
    dir = parent;
  }
  return dir;
}

export function demoDataDir(): string {
  return join(projectRoot(), 'data', 'demo');
}

/** ../shared/data beside the project, or $IBRAIN_SHARED_DATA; undefined when absent. */
export function sharedDataDir(): string | undefined {
  const root = projectRoot();
  const candidates = [
    process.env.IBRAIN_SHARED_DATA,
    join(root, '..', 'shared', 'data'),
    join(root, '..', '..', 'shared', 'data'),
  ];
  return candidates.find((dir): dir is string => !!dir && existsSync(dir));
}
