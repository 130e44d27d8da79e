import { describe, expect, it } from 'vitest';
import type { BriefingHistory } from './history.js';

const entry = (jobId: string, principalId: string, name: string) => ({
  jobId,
  principalId,
  requester: `analyst ${principalId}`,
  scope: { kind: 'product', id: `product:${name}`, name },
  lang: 'zh',
  formats: ['docx', 'html', 'md'],
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** The expectations every BriefingHistory adapter meets. `open` gives an empty history each time. */
export function briefingHistoryContract(
  name: string,
  open: () => Promise<BriefingHistory>,
  skip?: string,
): void {
  if (skip) {
    describe(`${name} BriefingHistory contract`, () => it.skip(skip, () => {}));
    return;
  }
  describe(`${name} BriefingHistory contract`, () => {
    it('lists each principal its own briefings newest first, and everyone’s to a principal granted everything', async () => {
      const history = await open();
      const recorded = await history.record(entry('job_a', 'key:one', '动力电池'));
      expect(Date.parse(recorded.requestedAt)).not.toBeNaN();
      await tick();
      await history.record(entry('job_b', 'key:one', '轮胎'));
      await tick();
      await history.record(entry('job_c', 'key:two', '碳酸锂'));

      const one = await history.list({ id: 'key:one', grants: ['industry'] });
      expect(one.map((e) => e.jobId)).toEqual(['job_b', 'job_a']);
      expect(one[1]).toEqual(recorded);
      expect(one[0]).toMatchObject({
        requester: 'analyst key:one',
        scope: { kind: 'product', id: 'product:轮胎', name: '轮胎' },
        lang: 'zh',
        formats: ['docx', 'html', 'md'],
      });
      expect((await history.list({ id: 'key:two', grants: ['industry'] })).map((e) => e.jobId)).toEqual([
        'job_c',
      ]);
      expect(await history.list({ id: 'key:nobody', grants: [] })).toEqual([]);
      expect((await history.list({ id: 'key:admin', grants: ['*'] })).map((e) => e.jobId)).toEqual([
        'job_c',
        'job_b',
        'job_a',
      ]);
      expect((await history.list({ id: 'key:admin', grants: ['*'] }, 2)).map((e) => e.jobId)).toEqual([
        'job_c',
        'job_b',
      ]);
    });

    it('refuses a second entry for the same job', async () => {
      const history = await open();
      await history.record(entry('job_a', 'key:one', '轮胎'));
      await expect(history.record(entry('job_a', 'key:two', '轮胎'))).rejects.toThrow();
    });
  });
}
