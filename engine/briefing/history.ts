import type { Principal } from '../../knowledge-graph/schema/index.js';

/** One requested briefing as its requester picked it: the scope by name, not by its text form. */
export interface BriefingHistoryEntry {
  jobId: string;
  principalId: string;
  /** Who asked, in words (role and enterprise), for an admin's view of everyone's briefings. */
  requester: string;
  scope: { kind: string; id: string; name: string };
  lang: string;
  formats: string[];
  requestedAt: string;
}

export type NewBriefingHistoryEntry = Omit<BriefingHistoryEntry, 'requestedAt'>;

/**
 * Who asked for which briefing, kept in shared state beside the jobs, so the portal lists a
 * user's briefings from any browser, replica and restart. The job itself (state, files) stays
 * with the job queue; this is the index people browse.
 */
export interface BriefingHistory {
  record(entry: NewBriefingHistoryEntry): Promise<BriefingHistoryEntry>;
  /** The principal's own briefings, newest first; everyone's for a principal granted everything. */
  list(principal: Principal, limit?: number): Promise<BriefingHistoryEntry[]>;
}
