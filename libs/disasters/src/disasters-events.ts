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
