/** Wire shapes of paperless meetings (docs/realtime.md "Meetings"): HTTP answers and Socket.IO events. */

/** 予定 (scheduled) → 開催中 (live) → 終了 (ended). */
export const MEETING_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export type MeetingRole = 'organiser' | 'participant';

/** What every tablet in the room shows while following the presenter (CONTRACT.md "Meetings"). */
export interface PresentationState {
  meetingId: string;
  documentId: string | null;
  page: number;
  zoom: number;
  presenterId: string;
  version: number;
}

export interface PageSize {
  width: number;
  height: number;
}

export interface DocumentView {
  id: string;
  seriesId: string;
  version: number;
  title: string;
  agendaItemId: string | null;
  pageCount: number;
  pageSizes: PageSize[];
  byteSize: number;
  confidential: boolean;
  published: boolean;
  current: boolean;
  createdAt: string;
}

/** POST /api/meetings/:id/documents (and …/versions): the new document and the text extracted from each page. */
export interface UploadedDocumentView extends DocumentView {
  text: string[];
}

export interface AgendaItemView {
  id: string;
  position: number;
  title: string;
  durationMinutes: number | null;
  minutes: string;
  decisions: string;
}

export interface MinutesView {
  id: string;
  minutes: string;
  decisions: string;
}

export interface ParticipantView {
  userId: string;
  displayName: string;
  departmentId: string | null;
  position: string | null;
  role: MeetingRole;
  viaDepartmentId: string | null;
  joinedAt: string | null;
}

export interface MeetingSummary {
  id: string;
  title: string;
  place: string | null;
  startsAt: string;
  endsAt: string | null;
  status: MeetingStatus;
  organiserId: string;
  presenterId: string;
  myRole: MeetingRole;
  participantCount: number;
  documentCount: number;
}

/** Paper one meeting saved: its published pages times its participants (0 when paper was handed out too). */
export interface PaperSaved {
  pages: number;
  participants: number;
  sheets: number;
}

export interface MeetingDetail extends Omit<MeetingSummary, 'participantCount' | 'documentCount'> {
  paperDistributed: boolean;
  startedAt: string | null;
  endedAt: string | null;
  participants: ParticipantView[];
  attendance: { joined: number; invited: number };
  departmentIds: string[];
  agenda: AgendaItemView[];
  documents: DocumentView[];
  state: PresentationState;
  paperSaved: PaperSaved;
}

export interface PaperKpi {
  meetingsHeld: number;
  paperlessMeetings: number;
  /** Share of meetings held with every document distributed only through Yakuba, 0..1 (0 when none held). */
  paperlessShare: number;
  sheetsSaved: number;
}

/** Town-wide figures for the KPI dashboard (`GET /api/meetings/stats`). */
export interface PaperStats extends PaperKpi {
  since: string | null;
}

export interface MeetingSearchHit {
  documentId: string;
  title: string;
  page: number;
  snippet: string;
}

/* ---------- private notes ---------- */

export interface NoteStroke {
  tool: 'pen' | 'highlighter';
  color: string;
  width: number;
  /** Points in page units (0..1 of the page width and height), flattened [x0, y0, x1, y1, ...]. */
  points: number[];
}

export interface NoteMemo {
  x: number;
  y: number;
  text: string;
}

export interface NotePage {
  page: number;
  strokes: NoteStroke[];
  memos: NoteMemo[];
  updatedAt: string;
}

export interface DocumentNotes {
  documentId: string;
  pages: NotePage[];
}

/* ---------- Socket.IO ---------- */

export interface MeetingPointer {
  page: number;
  x: number;
  y: number;
  visible: boolean;
}

export interface SharedStroke {
  color: string;
  points: number[];
}

export interface SharedHighlight {
  page: number;
  stroke: SharedStroke | null;
}

/** Acknowledgement of `meeting:join`, `meeting:present` and `meeting:handover`. */
export interface MeetingStateResult {
  state: PresentationState;
}

export interface MeetingRef {
  meetingId: string;
}

export interface MeetingPresentPayload extends MeetingRef {
  documentId: string;
  page: number;
  zoom?: number;
}

export interface MeetingHandOverPayload extends MeetingRef {
  userId: string;
}

export interface MeetingPointerPayload extends MeetingRef {
  page: number;
  /** 0..1 of the page from the top left. */
  x: number;
  y: number;
  visible?: boolean;
}

export interface MeetingHighlightPayload extends MeetingRef {
  page: number;
  /** Omitted to clear the shared highlight. */
  stroke?: SharedStroke;
}

/** Where one person in the room is: following the presenter, or browsing freely (and then on which page). */
export interface MeetingPresenceEntry {
  userId: string;
  /** True when any of their sockets follows the presenter. */
  following: boolean;
  /** Where a freely browsing person is (null while following). */
  documentId: string | null;
  page: number | null;
  /** Their sockets in the room (tablet, desktop, ...). */
  devices: number;
}

/** Who is in the room now (server → the room on every change). */
export interface MeetingPresence {
  meetingId: string;
  participants: MeetingPresenceEntry[];
}

export interface MeetingFollowPayload extends MeetingRef {
  following: boolean;
  /** Where this tablet is while browsing freely (ignored while following). */
  documentId?: string;
  page?: number;
}

/** The reader's own choice of how a page fits the screen (`GET`/`PUT /api/meetings/viewer-settings`). */
export const MEETING_FITS = ['width', 'page'] as const;
export type MeetingFit = (typeof MEETING_FITS)[number];
export interface MeetingViewerSettings {
  fit: MeetingFit;
}

/** What a tablet sends (event name → payload and the acknowledgement's fields besides `ok`). */
export interface MeetingClientEvents {
  'meeting:join': { payload: MeetingRef; result: MeetingStateResult };
  'meeting:leave': { payload: MeetingRef; result: object };
  'meeting:present': { payload: MeetingPresentPayload; result: MeetingStateResult };
  'meeting:handover': { payload: MeetingHandOverPayload; result: MeetingStateResult };
  'meeting:pointer': { payload: MeetingPointerPayload; result: object };
  'meeting:highlight': { payload: MeetingHighlightPayload; result: object };
  'meeting:follow': { payload: MeetingFollowPayload; result: object };
}

/** What the server emits to a meeting's room (event name → payload). */
export interface MeetingServerEvents {
  'meeting:state': { state: PresentationState };
  'meeting:pointer': MeetingPointer & { meetingId: string; userId: string };
  'meeting:highlight': SharedHighlight & { meetingId: string };
  'meeting:presence': MeetingPresence;
}
