import type {
  DamageReportInput,
  DamageReportPatch,
  DamageReportView,
  DamageCategory,
  DamageStatus,
  DeclareDisasterInput,
  DisasterDutyView,
  DisasterPerson,
  DisasterView,
  DutyReassignInput,
  DutyResponseInput,
  DutyRoleInput,
  DutyRoleView,
  GuestInvitation,
  GuestInviteInput,
  GuestView,
  MessageView,
  MyUrgentView,
  RenotifyResult,
  RollCallAnswerInput,
  RollCallAnswerView,
  RollCallTally,
  SituationHistory,
  SituationReportView,
  TimelineEventView,
  UpdateDisasterInput,
  UrgentAcks,
  UrgentMessageSummary,
} from '@yakuba/contracts';
import { api, queryString, upload } from '../../api/client';

/** Every disaster REST request (the socket carries receipts, acknowledgements and live events). */
const base = (id: string) => `/api/disasters/${id}`;

export interface DamageFilter {
  status?: DamageStatus;
  category?: DamageCategory;
}

export const disastersApi = {
  active: () => api<DisasterView[]>('GET', '/api/disasters/active'),
  list: () => api<DisasterView[]>('GET', '/api/disasters'),
  get: (id: string) => api<DisasterView>('GET', base(id)),
  declare: (input: DeclareDisasterInput) => api<DisasterView>('POST', '/api/disasters', input),
  update: (id: string, change: UpdateDisasterInput) => api<DisasterView>('PATCH', base(id), change),
  close: (id: string) => api<DisasterView>('POST', `${base(id)}/close`),
  people: (id: string) => api<DisasterPerson[]>('GET', `${base(id)}/people`),

  postUrgent: (id: string, body: string) => api<{ message: MessageView }>('POST', `${base(id)}/urgent`, { body }),
  urgent: (id: string) => api<UrgentMessageSummary[]>('GET', `${base(id)}/urgent`),
  acks: (id: string, messageId: string) => api<UrgentAcks>('GET', `${base(id)}/urgent/${messageId}/acks`),
  renotify: (id: string, messageId: string) => api<RenotifyResult>('POST', `${base(id)}/urgent/${messageId}/renotify`),
  myUrgent: () => api<MyUrgentView[]>('GET', '/api/disasters/urgent/mine'),

  rollCall: (id: string) => api<RollCallTally>('GET', `${base(id)}/roll-call`),
  answerFor: (id: string, userId: string, answer: RollCallAnswerInput) =>
    api<RollCallAnswerView>('PUT', `${base(id)}/roll-call/${userId}`, answer),
  rollCallCsvUrl: (id: string) => `${base(id)}/roll-call.csv`,

  plan: () => api<DutyRoleView[]>('GET', '/api/disaster-duties'),
  addRole: (input: DutyRoleInput) => api<DutyRoleView>('POST', '/api/disaster-duties', input),
  updateRole: (roleId: string, change: Partial<DutyRoleInput>) => api<DutyRoleView>('PATCH', `/api/disaster-duties/${roleId}`, change),
  removeRole: (roleId: string) => api('DELETE', `/api/disaster-duties/${roleId}`),
  duties: (id: string) => api<DisasterDutyView[]>('GET', `${base(id)}/duties`),
  respondDuty: (id: string, dutyId: string, input: DutyResponseInput) =>
    api<DisasterDutyView>('POST', `${base(id)}/duties/${dutyId}/respond`, input),
  reassignDuty: (id: string, dutyId: string, input: DutyReassignInput) =>
    api<DisasterDutyView>('POST', `${base(id)}/duties/${dutyId}/reassign`, input),

  damage: (id: string, filter: DamageFilter = {}) =>
    api<DamageReportView[]>('GET', `${base(id)}/damage-reports${queryString({ ...filter })}`),
  reportDamage: (id: string, input: DamageReportInput, photos: File[], onProgress?: (fraction: number) => void) => {
    if (!photos.length) return api<DamageReportView>('POST', `${base(id)}/damage-reports`, input);
    const form = new FormData();
    for (const [key, value] of Object.entries(input))
      if (value !== undefined && value !== null && value !== '') form.append(key, String(value));
    for (const photo of photos) form.append('photos', photo);
    return upload<DamageReportView>(`${base(id)}/damage-reports`, form, onProgress);
  },
  patchDamage: (id: string, reportId: string, patch: DamageReportPatch) =>
    api<DamageReportView>('PATCH', `${base(id)}/damage-reports/${reportId}`, patch),

  situation: (id: string) => api<SituationHistory>('GET', `${base(id)}/situation`),
  saveSituation: (id: string, body: string, version: number) => api<SituationReportView>('PUT', `${base(id)}/situation`, { body, version }),

  timeline: (id: string) => api<TimelineEventView[]>('GET', `${base(id)}/timeline`),
  timelineCsvUrl: (id: string) => `${base(id)}/timeline.csv`,
  recordPdfUrl: (id: string) => `${base(id)}/record.pdf`,

  guests: (id: string) => api<GuestView[]>('GET', `${base(id)}/guests`),
  invite: (id: string, input: GuestInviteInput) => api<GuestInvitation>('POST', `${base(id)}/guests`, input),
  removeGuest: (id: string, guestId: string) => api('DELETE', `${base(id)}/guests/${guestId}`),
};
