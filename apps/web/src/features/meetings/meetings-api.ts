import { api, upload } from '../../api/client';

/** Shapes of the meetings API (libs/meetings); kept here because only this feature reads them. */
export type MeetingStatus = 'scheduled' | 'live' | 'ended';

export interface PresentationState {
  meetingId: string;
  documentId: string | null;
  page: number;
  zoom: number;
  presenterId: string;
  version: number;
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
  myRole: 'organiser' | 'participant';
  participantCount: number;
  documentCount: number;
}

export interface DocumentView {
  id: string;
  seriesId: string;
  version: number;
  title: string;
  agendaItemId: string | null;
  pageCount: number;
  pageSizes: { width: number; height: number }[];
  byteSize: number;
  confidential: boolean;
  published: boolean;
  current: boolean;
  createdAt: string;
}

export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  durationMinutes: number | null;
  minutes: string;
  decisions: string;
}

export interface Participant {
  userId: string;
  displayName: string;
  departmentId: string | null;
  position: string | null;
  role: 'organiser' | 'participant';
  viaDepartmentId: string | null;
  joinedAt: string | null;
}

export interface MeetingDetail extends Omit<MeetingSummary, 'participantCount' | 'documentCount'> {
  paperDistributed: boolean;
  participants: Participant[];
  attendance: { joined: number; invited: number };
  departmentIds: string[];
  agenda: AgendaItem[];
  documents: DocumentView[];
  state: PresentationState;
  paperSaved: { pages: number; participants: number; sheets: number };
}

export interface Stroke {
  tool: 'pen' | 'highlighter';
  color: string;
  width: number;
  points: number[];
}
export interface Memo {
  x: number;
  y: number;
  text: string;
}
export interface NotePage {
  page: number;
  strokes: Stroke[];
  memos: Memo[];
}

export interface PaperStats {
  meetingsHeld: number;
  paperlessMeetings: number;
  paperlessShare: number;
  sheetsSaved: number;
  since: string | null;
}

export interface MeetingInput {
  title: string;
  startsAt: string;
  endsAt?: string | null;
  place?: string | null;
  participantIds: string[];
  departmentIds: string[];
  paperDistributed?: boolean;
}

const base = (id: string) => `/api/meetings/${id}`;

export const meetingsApi = {
  list: () => api<MeetingSummary[]>('GET', '/api/meetings'),
  stats: () => api<PaperStats>('GET', '/api/meetings/stats'),
  get: (id: string) => api<MeetingDetail>('GET', base(id)),
  create: (input: MeetingInput & { agenda?: { title: string }[] }) => api<MeetingDetail>('POST', '/api/meetings', input),
  update: (id: string, input: Partial<MeetingInput>) => api<MeetingDetail>('PATCH', base(id), input),
  setStatus: (id: string, status: 'live' | 'ended') => api<MeetingDetail>('POST', `${base(id)}/status`, { status }),
  saveAgenda: (id: string, items: { id?: string; title: string; durationMinutes?: number }[]) =>
    api<AgendaItem[]>('PUT', `${base(id)}/agenda`, { items }),
  saveMinutes: (id: string, itemId: string, minutes: string, decisions: string) =>
    api('PUT', `${base(id)}/agenda/${itemId}/minutes`, { minutes, decisions }),
  handOver: (id: string, userId: string) => api<PresentationState>('POST', `${base(id)}/presenter`, { userId }),
  publish: (id: string, documentId: string) => api('POST', `${base(id)}/documents/${documentId}/publish`),
  upload: (id: string, file: File, fields: Record<string, string>, onProgress: (f: number) => void, replacesId?: string) => {
    const form = new FormData();
    form.append('file', file);
    for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
    return upload<DocumentView>(replacesId ? `${base(id)}/documents/${replacesId}/versions` : `${base(id)}/documents`, form, onProgress);
  },
  viewUrl: (id: string, documentId: string) => `${base(id)}/documents/${documentId}/view`,
  downloadUrl: (id: string, documentId: string) => `${base(id)}/documents/${documentId}/file`,
  minutesUrl: (id: string) => `${base(id)}/minutes.pdf`,
  notesUrl: (id: string) => `${base(id)}/notes.pdf`,
  search: (id: string, q: string) =>
    api<{ results: { documentId: string; title: string; page: number; snippet: string }[] }>(
      'GET',
      `${base(id)}/search?q=${encodeURIComponent(q)}`,
    ),
  notes: (id: string, documentId: string) => api<{ pages: NotePage[] }>('GET', `${base(id)}/documents/${documentId}/notes`),
  saveNotes: (id: string, documentId: string, page: number, strokes: Stroke[], memos: Memo[]) =>
    api<NotePage>('PUT', `${base(id)}/documents/${documentId}/notes/${page}`, { strokes, memos }),
};
