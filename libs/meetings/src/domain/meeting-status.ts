import { DomainError, type MeetingStatus } from '@yakuba/contracts';

/** 予定 (scheduled) → 開催中 (live) → 終了 (ended). A meeting never goes back. */

const NEXT: Record<MeetingStatus, readonly MeetingStatus[]> = {
  scheduled: ['live', 'ended'],
  live: ['ended'],
  ended: [],
};

export function assertTransition(from: MeetingStatus, to: MeetingStatus): void {
  if (from === to) return;
  if (!NEXT[from].includes(to)) throw new DomainError('conflict', `a meeting that is ${from} cannot become ${to}`);
}

/** An ended meeting is a record: its documents, agenda and participants no longer change (minutes still may). */
export function assertEditable(status: MeetingStatus): void {
  if (status === 'ended') throw new DomainError('conflict', 'the meeting has ended');
}
