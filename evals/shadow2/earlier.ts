import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Names the development set and the first shadow set ask about, which this set's draws avoid.
 * `earlier-names.json` lists every name of the raw data (companies, products, industries, ICKG
 * entities, demo nodes, IMF series) that occurs in the text of one of their questions. The
 * earlier sets also asked about a few entities under English names only; their Chinese names
 * are added here by hand so a draw does not ask the same thing again in Chinese.
 */
const ASKED_IN_ENGLISH = ['联想', '联想集团', '三星电子', '三星集团', '微软', '苹果', '苹果公司'];

const Names = z.array(z.string().min(1));

export const EARLIER: ReadonlySet<string> = new Set([
  ...Names.parse(JSON.parse(readFileSync(join(import.meta.dirname, 'earlier-names.json'), 'utf8'))),
  ...ASKED_IN_ENGLISH,
]);
