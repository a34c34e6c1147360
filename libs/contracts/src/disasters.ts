/**
 * Wire shapes of disasters (CONTRACT.md "Disasters (inside chat)", docs/realtime.md "Disasters"): HTTP answers and
 * Socket.IO events. A disaster (or a drill, 訓練) runs in its own chat channel; everything here is keyed by the
 * disaster's id. Times are ISO-8601 strings; ids are uuids.
 *
 * HTTP routes (all under /api; 403 without the permission, 404 for a disaster the caller is not a member of):
 *
 *   Disasters (declare/urgent/close/level: `disasters.run`, i.e. admins and disaster officers; reads: members)
 *   POST   /disasters                               DeclareDisasterInput            → 201 DisasterView
 *   GET    /disasters?status=active|closed&drill=true|false                        → DisasterView[] (newest first)
 *   GET    /disasters/active                                                       → DisasterView[] (the banners)
 *   GET    /disasters/:id                                                          → DisasterView
 *   PATCH  /disasters/:id                           UpdateDisasterInput             → 200 DisasterView (officer)
 *   POST   /disasters/:id/close                                                    → 200 DisasterView ({status:"closed"})
 *   GET    /disasters/:id/people                                                   → DisasterPerson[] (the channel's members)
 *   GET    /disasters/:id/timeline                                                 → TimelineEventView[] (time order)
 *   GET    /disasters/:id/timeline.csv                                             → text/csv (UTF-8 BOM)
 *   GET    /disasters/:id/record.pdf                                               → application/pdf
 *
 *   Urgent messages (post/renotify: officer; the rest: members)
 *   POST   /disasters/:id/urgent                    UrgentMessageInput              → 201 { message: MessageView }
 *   GET    /disasters/:id/urgent                                                   → UrgentMessageSummary[]
 *   GET    /disasters/:id/urgent/:messageId/acks                                   → UrgentAcks (contract shape + board)
 *   POST   /disasters/:id/urgent/:messageId/renotify                               → 200 RenotifyResult (officer)
 *   POST   /disasters/:id/urgent/:messageId/ack     AckInput (optional body)        → 200 { receipt: UrgentReceiptView }
 *   GET    /disasters/urgent/mine                                                  → MyUrgentView[] (not yet acknowledged, every active disaster)
 *
 *   Roll call (安否確認・参集)
 *   PUT    /disasters/:id/roll-call                 RollCallAnswerInput             → 200 RollCallAnswerView (own answer)
 *   PUT    /disasters/:id/roll-call/:userId         RollCallAnswerInput             → 200 RollCallAnswerView (officer, on behalf)
 *   GET    /disasters/:id/roll-call                                                → RollCallTally
 *   GET    /disasters/:id/roll-call.csv                                            → text/csv (UTF-8 BOM)
 *
 *   Duty roster (配備体制): the plan ahead of time (`disasters.run` to edit, any staff to read) and per disaster
 *   GET    /disaster-duties                                                        → DutyRoleView[]
 *   POST   /disaster-duties                         DutyRoleInput                   → 201 DutyRoleView
 *   PATCH  /disaster-duties/:dutyRoleId             Partial<DutyRoleInput>          → 200 DutyRoleView
 *   DELETE /disaster-duties/:dutyRoleId                                            → 204
 *   GET    /disasters/:id/duties                                                   → DisasterDutyView[]
 *   POST   /disasters/:id/duties/:dutyId/respond    DutyResponseInput (assignee)    → 200 DisasterDutyView
 *   POST   /disasters/:id/duties/:dutyId/reassign   DutyReassignInput (officer)     → 200 DisasterDutyView
 *
 *   Damage reports (被害報告)
 *   POST   /disasters/:id/damage-reports            DamageReportInput (JSON, or multipart with `photos` files
 *                                                   and the same fields as form fields)  → 201 DamageReportView
 *   GET    /disasters/:id/damage-reports?status=&category=                         → DamageReportView[]
 *   GET    /disasters/:id/damage-reports/:reportId                                 → DamageReportView
 *   PATCH  /disasters/:id/damage-reports/:reportId  DamageReportPatch               → 200 DamageReportView
 *   GET    /disasters/:id/damage-reports/:reportId/photos/:photoId                 → the image bytes
 *
 *   Situation report (状況報告)
 *   GET    /disasters/:id/situation                                                → SituationHistory
 *   PUT    /disasters/:id/situation                 SituationReportInput (officer)  → 200 SituationReportView
 *                                                   (stale `version` → 409)
 *
 *   Guests (officer)
 *   POST   /disasters/:id/guests                    GuestInviteInput                → 201 GuestInvitation (password once)
 *   GET    /disasters/:id/guests                                                   → GuestView[]
 *   DELETE /disasters/:id/guests/:guestId                                          → 204
 *
 *   API tokens (`tokens.manage`: admins)
 *   POST   /api-tokens                              ApiTokenInput                   → 201 ApiTokenCreated (token once)
 *   GET    /api-tokens                                                             → ApiTokenView[]
 *   DELETE /api-tokens/:tokenId                                                    → 200 ApiTokenView (revoked)
 *
 *   Insights (drills are kept out of KPIs): GET /disasters/stats?since= → DisasterStats (drills excluded).
 */

/** 大雨, 台風, 地震, 津波, 火災, その他. */
export const DISASTER_KINDS = ['heavy_rain', 'typhoon', 'earthquake', 'tsunami', 'fire', 'other'] as const;
export type DisasterKind = (typeof DISASTER_KINDS)[number];
export const DISASTER_KIND_LABELS: Record<DisasterKind, string> = {
  heavy_rain: '大雨',
  typhoon: '台風',
  earthquake: '地震',
  tsunami: '津波',
  fire: '火災',
  other: 'その他',
};

/**
 * 「【訓練】」 before everything a drill shows or exports (titles, alerts, files), so a drill is never mistaken for a
 * real event: the server's views and the browser's own alerts label it the same way.
 */
export function drillLabel(drill: boolean): string {
  return drill ? '【訓練】' : '';
}

export const DISASTER_STATUSES = ['active', 'closed'] as const;
export type DisasterStatus = (typeof DISASTER_STATUSES)[number];

/** 1 (注意体制) .. 5 (the whole staff). Duties of a level are mobilised at that level and above. */
export const DISASTER_LEVEL_MIN = 1;
export const DISASTER_LEVEL_MAX = 5;

export interface DeclareDisasterInput {
  title: string;
  kind: DisasterKind;
  level?: number;
  drill: boolean;
}

export interface UpdateDisasterInput {
  title?: string;
  level?: number;
}

export interface DisasterView {
  id: string;
  title: string;
  kind: DisasterKind;
  /** null when declared without a level (duties of level 1 are mobilised). */
  level: number | null;
  /** 訓練: labelled as such everywhere (banners, exports) and kept out of every KPI. */
  drill: boolean;
  status: DisasterStatus;
  channelId: string;
  /** Who declared it: a user id, or null when an API token did (then `declaredByToken` names it). */
  declaredBy: string | null;
  declaredByToken: string | null;
  openedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  /** Channel members (system account excluded). */
  memberCount: number;
  /** Whether the caller may run it (officer or admin); always false in socket events (read the permissions). */
  canRun: boolean;
}

/** A member of the disaster channel by name (guests, who have no directory, get names only: departmentId null). */
export interface DisasterPerson {
  id: string;
  displayName: string;
  departmentId: string | null;
  guest: boolean;
  /** For @mentions in the channel; null when the caller is a guest (who may not learn staff usernames). */
  username: string | null;
  /** A guest's organisation (DMAT, 消防団 …); null for staff. */
  organisation: string | null;
}

/* ---------- urgent messages ---------- */

export interface UrgentMessageInput {
  body: string;
}

/** Three states tracked apart: the client received it, displayed it, the person pressed 確認しました. */
export const URGENT_RECEIPT_STATES = ['pending', 'delivered', 'opened', 'acknowledged'] as const;
export type UrgentReceiptState = (typeof URGENT_RECEIPT_STATES)[number];

export interface UrgentReceiptView {
  messageId: string;
  userId: string;
  /** The furthest state reached. */
  state: UrgentReceiptState;
  deliveredAt: string | null;
  openedAt: string | null;
  acknowledgedAt: string | null;
}

export interface UrgentCounts {
  /** Recipients: the channel's current members except the author and the system account. */
  total: number;
  delivered: number;
  opened: number;
  acknowledged: number;
}

export interface AckDepartmentRow {
  departmentId: string | null;
  departmentName: string;
  total: number;
  delivered: number;
  opened: number;
  acknowledged: number;
  /** User ids of this department who have not acknowledged. */
  pending: string[];
}

/** GET /disasters/:id/urgent/:messageId/acks: the contract's two fields, then the board. */
export interface UrgentAcks {
  acknowledged: { userId: string; at: string }[];
  pending: string[];
  messageId: string;
  counts: UrgentCounts;
  /** Every recipient's receipt (a guest: its own only). */
  receipts: UrgentReceiptView[];
  /** By department (a guest, who may not read the directory: empty). */
  byDepartment: AckDepartmentRow[];
}

export interface UrgentMessageSummary {
  messageId: string;
  seq: number;
  body: string;
  authorId: string;
  createdAt: string;
  counts: UrgentCounts;
  lastRenotifiedAt: string | null;
}

/** An urgent message the caller has not acknowledged yet (shown on top of every page until 確認しました). */
export interface MyUrgentView {
  disasterId: string;
  disasterTitle: string;
  drill: boolean;
  channelId: string;
  messageId: string;
  seq: number;
  body: string;
  createdAt: string;
  receipt: UrgentReceiptView;
}

export interface AckInput {
  /** Optional idempotency key of an offline outbox entry; an acknowledgement is counted once whatever it says. */
  clientAckId?: string;
}

export interface RenotifyResult {
  /** How many pending recipients were re-alerted. */
  renotified: number;
  userIds: string[];
}

/* ---------- roll call ---------- */

/** 無事 / 負傷 / 要支援. */
export const ROLL_CALL_SAFETY = ['safe', 'injured', 'needs_help'] as const;
export type RollCallSafety = (typeof ROLL_CALL_SAFETY)[number];
/** 参集可 / 参集不可 / 参集済. */
export const ROLL_CALL_ATTENDANCE = ['available', 'unavailable', 'arrived'] as const;
export type RollCallAttendance = (typeof ROLL_CALL_ATTENDANCE)[number];

export interface RollCallAnswerInput {
  safety: RollCallSafety;
  attendance: RollCallAttendance;
  eta?: string | null;
  location?: string | null;
  note?: string | null;
  /**
   * Idempotency key of an offline outbox entry: sending the same key again answers the stored answer and changes
   * nothing (a replayed answer never overwrites a newer one).
   */
  clientAnswerId?: string;
}

export interface RollCallAnswerView {
  userId: string;
  departmentId: string | null;
  safety: RollCallSafety;
  attendance: RollCallAttendance;
  eta: string | null;
  location: string | null;
  note: string | null;
  answeredAt: string;
  /** Who recorded it: the user themself, or the officer who reached them by phone. */
  answeredBy: string;
  onBehalf: boolean;
}

export interface RollCallDepartmentRow {
  departmentId: string | null;
  departmentName: string;
  total: number;
  answered: number;
  safety: Record<RollCallSafety, number>;
  attendance: Record<RollCallAttendance, number>;
  unanswered: string[];
}

export interface RollCallTally {
  total: number;
  answered: number;
  safety: Record<RollCallSafety, number>;
  attendance: Record<RollCallAttendance, number>;
  unanswered: string[];
  byDepartment: RollCallDepartmentRow[];
  /** Every member's latest answer (officers see all; others see only their own). */
  answers: RollCallAnswerView[];
  mine: RollCallAnswerView | null;
}

/* ---------- duty roster (配備体制) ---------- */

/** 本部 roles, opening a shelter (避難所開設), holding a shelter's key, anything else. */
export const DUTY_GROUPS = ['headquarters', 'shelter', 'key_holder', 'other'] as const;
export type DutyGroup = (typeof DUTY_GROUPS)[number];

export interface DutyRoleInput {
  /** Mobilised when a disaster of this level or above is declared. */
  level: number;
  group: DutyGroup;
  title: string;
  place?: string | null;
  assigneeId: string | null;
  sortOrder?: number;
}

/** One line of the plan kept ahead of time. */
export interface DutyRoleView {
  id: string;
  level: number;
  group: DutyGroup;
  title: string;
  place: string | null;
  assigneeId: string | null;
  sortOrder: number;
}

export const DUTY_STATES = ['pending', 'confirmed', 'unavailable'] as const;
export type DutyState = (typeof DUTY_STATES)[number];

/** One duty of a running disaster, copied from the plan at declaration (or at a level raise). */
export interface DisasterDutyView {
  id: string;
  disasterId: string;
  dutyRoleId: string | null;
  level: number;
  group: DutyGroup;
  title: string;
  place: string | null;
  assigneeId: string | null;
  state: DutyState;
  note: string | null;
  respondedAt: string | null;
  /** Earlier holders of this duty, oldest first (reassigned after "unavailable" or by the officer). */
  previousAssigneeIds: string[];
  updatedAt: string;
}

export interface DutyResponseInput {
  state: Exclude<DutyState, 'pending'>;
  note?: string | null;
}

export interface DutyReassignInput {
  assigneeId: string;
}

/* ---------- damage reports (被害報告) ---------- */

/** 道路, 河川, 建物, 停電, 断水, 土砂, 人的被害, その他. */
export const DAMAGE_CATEGORIES = ['road', 'river', 'building', 'power', 'water', 'landslide', 'casualty', 'other'] as const;
export type DamageCategory = (typeof DAMAGE_CATEGORIES)[number];
/** 未対応 / 対応中 / 完了. */
export const DAMAGE_STATUSES = ['open', 'in_progress', 'done'] as const;
export type DamageStatus = (typeof DAMAGE_STATUSES)[number];

export interface DamageReportInput {
  place: string;
  category: DamageCategory;
  /** 1 (minor) .. 3 (severe). */
  severity: number;
  lat?: number | null;
  lng?: number | null;
  note?: string | null;
  /**
   * The reporting client's key for this report (its outbox entry): the same reporter sending the same key again
   * (a resend after a lost answer, a report made offline) gets the stored report, and nothing is filed twice.
   */
  clientReportId?: string;
}

export interface DamageReportPatch {
  status?: DamageStatus;
  assigneeId?: string | null;
}

export interface DamagePhotoView {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  url: string;
  /** From the photo's EXIF GPS, when it has one. */
  lat: number | null;
  lng: number | null;
  takenAt: string | null;
}

export interface DamageReportView {
  id: string;
  disasterId: string;
  /** 1, 2, 3 … per disaster (被害報告 #n). */
  number: number;
  place: string;
  category: DamageCategory;
  severity: number;
  /** The report's coordinates: given, else the first photo's. */
  lat: number | null;
  lng: number | null;
  note: string | null;
  status: DamageStatus;
  assigneeId: string | null;
  reporterId: string;
  photos: DamagePhotoView[];
  /** The chat message in the disaster channel that opens this report's discussion thread (chat:send threadRootId). */
  threadRootId: string;
  createdAt: string;
  updatedAt: string;
}

/* ---------- situation report (状況報告) ---------- */

export interface SituationReportInput {
  body: string;
  /** The version being replaced (0 when there is none yet); a stale one answers 409. */
  version: number;
}

export interface SituationReportView {
  disasterId: string;
  version: number;
  body: string;
  authorId: string;
  createdAt: string;
}

export interface SituationHistory {
  current: SituationReportView | null;
  /** Every version, newest first. */
  history: SituationReportView[];
}

/* ---------- guests ---------- */

export interface GuestInviteInput {
  displayName: string;
  /** DMAT, 消防団, a supporting town, volunteers … */
  organisation: string;
  expiresAt: string;
}

export interface GuestView {
  id: string;
  username: string;
  displayName: string;
  organisation: string;
  disasterId: string;
  channelId: string;
  expiresAt: string;
  invitedBy: string;
  createdAt: string;
  /** false once removed, expired, or the disaster closed. */
  active: boolean;
}

/** Shown once: the guest signs in at the normal sign-in page with these. */
export interface GuestInvitation {
  guest: GuestView;
  username: string;
  password: string;
}

/* ---------- API tokens ---------- */

export const API_TOKEN_SCOPES = ['disasters'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

export interface ApiTokenInput {
  name: string;
  scopes: ApiTokenScope[];
}

export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  /** The first characters of the token, to recognise it (the rest is stored only as a hash). */
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenCreated extends ApiTokenView {
  /** Shown once. */
  token: string;
}

/* ---------- the record (災害対応記録) ---------- */

export const TIMELINE_KINDS = [
  'declared',
  'level_changed',
  'message',
  'urgent',
  'acknowledged',
  'renotified',
  'roll_call',
  'duty_requested',
  'duty_confirmed',
  'duty_unavailable',
  'duty_reassigned',
  'damage_reported',
  'damage_updated',
  'situation',
  'guest_invited',
  'guest_removed',
  'closed',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEventView {
  at: string;
  kind: TimelineKind;
  actorId: string | null;
  actorName: string;
  /** One line in Japanese, as in the CSV and the PDF. */
  summary: string;
  /** The message, report, duty … it is about. */
  refId: string | null;
}

/** Figures the insights context may use: drills are excluded. */
export interface DisasterStats {
  disasters: number;
  urgentMessages: number;
  /** Median minutes from an urgent message to each acknowledgement, over real disasters. */
  medianAckMinutes: number | null;
  rollCallAnswerShare: number | null;
}

/* ---------- Socket.IO ---------- */

export interface DisasterRef {
  disasterId: string;
}

export interface DisasterAckPayload {
  messageId: string;
  clientAckId?: string;
}

export interface DisasterDeliveredPayload {
  /** Urgent messages this client has received (chat:message, chat:sync or a renotify). */
  messageIds: string[];
}

export interface DisasterOpenedPayload {
  messageId: string;
}

export interface DisasterRollCallPayload extends RollCallAnswerInput {
  disasterId: string;
}

/** What the browser sends (event name → payload and the acknowledgement's fields besides `ok`). */
export interface DisasterClientEvents {
  /** 確認しました: idempotent; acknowledging again answers ok and changes nothing. */
  'disaster:ack': { payload: DisasterAckPayload; result: { receipt: UrgentReceiptView } };
  /** Receipt: these urgent messages reached this client. */
  'disaster:delivered': { payload: DisasterDeliveredPayload; result: { receipts: UrgentReceiptView[] } };
  /** Receipt: this urgent message was displayed to the person. */
  'disaster:opened': { payload: DisasterOpenedPayload; result: { receipt: UrgentReceiptView } };
  /** The caller's own roll-call answer (the same as PUT /disasters/:id/roll-call; for the offline outbox). */
  'disaster:roll-call': { payload: DisasterRollCallPayload; result: { answer: RollCallAnswerView } };
  /** Follow a disaster's boards live (acks, roll call, duties): joins its room after a membership check. */
  'disaster:watch': { payload: DisasterRef; result: { disaster: DisasterView } };
  'disaster:unwatch': { payload: DisasterRef; result: object };
}

export interface DisasterAckEvent {
  disasterId: string;
  receipt: UrgentReceiptView;
  counts: UrgentCounts;
}

export interface DisasterRollCallEvent {
  disasterId: string;
  answer: RollCallAnswerView;
  total: number;
  answered: number;
}

/** The roll call's counts after an answer, without the answer (for watchers who may not read others' answers). */
export interface DisasterRollCallCountEvent {
  disasterId: string;
  total: number;
  answered: number;
}

/** What the server emits. */
export interface DisasterServerEvents {
  /** To every connected socket. */
  'disaster:declared': { disaster: DisasterView };
  /** Level or title changed; to every connected socket. */
  'disaster:updated': { disaster: DisasterView };
  /** To every connected socket: banners come down. */
  'disaster:closed': { disaster: DisasterView };
  /** A receipt moved (delivered, opened, acknowledged): to the sockets watching the disaster. */
  'disaster:ack': DisasterAckEvent;
  /**
   * A roll-call answer was stored: to the sockets of officers and administrators watching the disaster, and to the
   * person answered for (the others' answers are the officers', as in GET /disasters/:id/roll-call).
   */
  'disaster:roll-call': DisasterRollCallEvent;
  /** A roll-call answer was stored: its counts only, to the other staff watching the disaster (guests hear neither). */
  'disaster:roll-call-count': DisasterRollCallCountEvent;
  /** A duty was requested, confirmed, declined or reassigned: to watchers and the (old and new) assignee. */
  'disaster:duty': { disasterId: string; duty: DisasterDutyView };
  /** A damage report was filed or changed: to every member of the disaster channel. */
  'disaster:damage': { disasterId: string; report: DamageReportView };
  /** A new situation report version: to every member of the disaster channel. */
  'disaster:situation': { disasterId: string; report: SituationReportView };
  /** The officer re-alerted pending recipients: to those recipients only. */
  'disaster:renotify': { disasterId: string; messageId: string; urgent: MyUrgentView };
}
