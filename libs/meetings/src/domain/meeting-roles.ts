import { DomainError, type MeetingRole } from '@yakuba/contracts';

/** The organiser runs the meeting: edits it, publishes drafts, hands over the presenter role, writes the minutes. */
export function isOrganiser(role: MeetingRole): boolean {
  return role === 'organiser';
}

export function requireOrganiser(role: MeetingRole): void {
  if (!isOrganiser(role)) throw new DomainError('forbidden', 'only the organiser can do this');
}
