import { join } from 'node:path';
import { check, norm } from '../item.js';
import { readLines } from './read.js';

export const POLICY_FILES = {
  notice2024: 'cq-2024-industry-brain-construction-notice.txt',
  notice2025: 'cq-2025-second-batch-industry-brain-notice.txt',
  guide: 'cq-industrial-brain-guide-1.0.txt',
  jiangxi: 'jx-industry-brain-guide-2023.txt',
  news: 'cq-daily-2024-01-09-industry-brain-news.txt',
} as const;
export type PolicyFile = (typeof POLICY_FILES)[keyof typeof POLICY_FILES];

/** The five shared policy texts, searched the way the scorer compares text. */
export class Policies {
  private readonly lines = new Map<string, string[]>();

  constructor(dir: string) {
    for (const file of Object.values(POLICY_FILES)) this.lines.set(file, readLines(join(dir, file)));
  }

  private text(file: PolicyFile): string[] {
    const lines = this.lines.get(file);
    check(lines, `no policy file ${file}`);
    return lines;
  }

  /** 1-based line of the first line holding `needle`, asserting there is one. */
  line(file: PolicyFile, needle: string): number {
    const n = norm(needle);
    const i = this.text(file).findIndex((l) => norm(l).includes(n));
    check(i >= 0, `${file} lacks ${needle}`);
    return i + 1;
  }

  /** Asserts no line of the file holds any of the needles (a detail the text does not state). */
  absent(file: PolicyFile, ...needles: string[]): void {
    const all = norm(this.text(file).join('\n'));
    for (const n of needles) check(!all.includes(norm(n)), `${file} does state ${n}`);
  }
}
