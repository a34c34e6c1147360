import type {
  DamageReportView,
  DisasterDutyView,
  DisasterView,
  MyUrgentView,
  RollCallAnswerView,
  SituationReportView,
  UrgentCounts,
  UrgentReceiptView,
} from '@yakuba/contracts';

/** What the disasters services publish on DomainEvents after the commit (DisastersNotifier turns them into emits). */
declare module '@yakuba/platform/events/domain-events' {
  interface DomainEventMap {
    'disasters.declared': { disaster: DisasterView };
    'disasters.updated': { disaster: DisasterView };
    'disasters.closed': { disaster: DisasterView };
    'disasters.receipt': { disasterId: string; receipt: UrgentReceiptView; counts: UrgentCounts };
    'disasters.roll-call': { disasterId: string; answer: RollCallAnswerView; total: number; answered: number };
    'disasters.duty': { disasterId: string; duty: DisasterDutyView; userIds: string[] };
    'disasters.damage': { disasterId: string; memberIds: string[]; report: DamageReportView };
    'disasters.situation': { disasterId: string; memberIds: string[]; report: SituationReportView };
    'disasters.renotify': { disasterId: string; messageId: string; alerts: MyUrgentView[] };
  }
}

export const disasterRoom = (disasterId: string) => `disaster:${disasterId}`;
/** Officers (and admins) watching the disaster: the only watchers who hear everyone's roll-call answers. */
export const disasterOfficersRoom = (disasterId: string) => `disaster:${disasterId}:officers`;

/**
 * The rooms a `disaster:watch` joins. Staff follow the boards in `disaster:<id>` (receipts, roll-call counts, duties);
 * officers also `disaster:<id>:officers` (each roll-call answer, as their tally shows it). A guest joins none: the
 * boards are staff's (its HTTP routes give a guest neither the roll call nor the duties nor others' receipts); it
 * hears its channel, damage and situation reports as a member, and its own alerts in `user:<id>`.
 */
export function watchRooms(disasterId: string, watcher: { guest: boolean; officer: boolean }): string[] {
  if (watcher.guest) return [];
  return watcher.officer ? [disasterRoom(disasterId), disasterOfficersRoom(disasterId)] : [disasterRoom(disasterId)];
}
