import { DomainError, type DutyState } from '@yakuba/contracts';

export interface PlannedDuty {
  level: number;
}

/** The duties mobilised at a level: those planned for that level and every lower one (体制 are cumulative). */
export function dutiesForLevel<T extends PlannedDuty>(plan: readonly T[], level: number): T[] {
  return plan.filter((d) => d.level <= level);
}

export interface DutyFacts {
  assigneeId: string | null;
  state: DutyState;
}

/** Only the holder answers for a duty (confirmed or unavailable), and may change their answer while it runs. */
export function assertCanRespond(duty: DutyFacts, userId: string): void {
  if (duty.assigneeId !== userId) throw new DomainError('forbidden', 'only the holder of this duty answers for it');
}

/** A reassigned duty goes to someone else and waits for their confirmation; the earlier holder is remembered. */
export function reassign(
  duty: DutyFacts & { previousAssigneeIds: readonly string[] },
  to: string,
): { assigneeId: string; state: DutyState; previousAssigneeIds: string[] } {
  if (duty.assigneeId === to) throw new DomainError('conflict', 'the duty is already theirs');
  const previous = duty.assigneeId ? [...duty.previousAssigneeIds, duty.assigneeId] : [...duty.previousAssigneeIds];
  return { assigneeId: to, state: 'pending', previousAssigneeIds: previous };
}
