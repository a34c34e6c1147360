import type { PaperKpi } from '@yakuba/contracts';

/**
 * Paper saved by distributing documents through Yakuba: each participant would otherwise get one printed copy of
 * every page (one sheet per page, single-sided, the town hall's usual practice for 会議資料).
 */
export interface MeetingPaperInput {
  /** Pages of the current version of every document of the meeting. */
  pages: number;
  participants: number;
  /** Paper copies were also handed out: the meeting saved nothing and does not count as paperless. */
  paperDistributed: boolean;
}

export function sheetsSaved(meeting: MeetingPaperInput): number {
  if (meeting.paperDistributed) return 0;
  return Math.max(0, meeting.pages) * Math.max(0, meeting.participants);
}

/** Meetings with no document at all count as held but not as paperless: nothing was distributed either way. */
export function paperKpi(meetings: readonly MeetingPaperInput[]): PaperKpi {
  const paperless = meetings.filter((m) => !m.paperDistributed && m.pages > 0).length;
  return {
    meetingsHeld: meetings.length,
    paperlessMeetings: paperless,
    paperlessShare: meetings.length ? paperless / meetings.length : 0,
    sheetsSaved: meetings.reduce((sum, m) => sum + sheetsSaved(m), 0),
  };
}

/** The pages handed out: current versions of published documents (drafts and replaced versions were never printed). */
export function distributedPages(documents: readonly { pageCount: number; publishedAt: Date | null; supersededAt: Date | null }[]): number {
  return documents.filter((d) => d.supersededAt === null && d.publishedAt !== null).reduce((n, d) => n + d.pageCount, 0);
}
