import type {
  AgendaItemView,
  DocumentNotes,
  DocumentView,
  MeetingDetail,
  MeetingSearchHit,
  MeetingSummary,
  MeetingViewerSettings,
  MinutesView,
  NoteMemo,
  NotePage,
  NoteStroke,
  PaperStats,
  PresentationState,
} from '@yakuba/contracts';
import { api, queryString, upload } from '../../api/client';

/** Every meetings request (components and hooks call these, never a URL). What the meeting form sends (`POST /api/meetings`, `PATCH /api/meetings/:id`); the answers are in @yakuba/contracts. */
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
  viewerSettings: () => api<MeetingViewerSettings>('GET', '/api/meetings/viewer-settings'),
  saveViewerSettings: (settings: MeetingViewerSettings) => api<MeetingViewerSettings>('PUT', '/api/meetings/viewer-settings', settings),
  get: (id: string) => api<MeetingDetail>('GET', base(id)),
  create: (input: MeetingInput & { agenda?: { title: string }[] }) => api<MeetingDetail>('POST', '/api/meetings', input),
  update: (id: string, input: Partial<MeetingInput>) => api<MeetingDetail>('PATCH', base(id), input),
  setStatus: (id: string, status: 'live' | 'ended') => api<MeetingDetail>('POST', `${base(id)}/status`, { status }),
  saveAgenda: (id: string, items: { id?: string; title: string; durationMinutes?: number }[]) =>
    api<AgendaItemView[]>('PUT', `${base(id)}/agenda`, { items }),
  saveMinutes: (id: string, itemId: string, minutes: string, decisions: string) =>
    api<MinutesView>('PUT', `${base(id)}/agenda/${itemId}/minutes`, { minutes, decisions }),
  handOver: (id: string, userId: string) => api<PresentationState>('POST', `${base(id)}/presenter`, { userId }),
  publish: (id: string, documentId: string) => api<DocumentView>('POST', `${base(id)}/documents/${documentId}/publish`),
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
  /** A confidential page drawn by the server; the width is in device pixels (see server-page-image.tsx). */
  pageImageUrl: (id: string, documentId: string, page: number, pixels: number) =>
    `${base(id)}/documents/${documentId}/pages/${page}.png?width=${pixels}`,
  search: (id: string, q: string) => api<{ results: MeetingSearchHit[] }>('GET', `${base(id)}/search${queryString({ q })}`),
  notes: (id: string, documentId: string) => api<DocumentNotes>('GET', `${base(id)}/documents/${documentId}/notes`),
  saveNotes: (id: string, documentId: string, page: number, strokes: NoteStroke[], memos: NoteMemo[]) =>
    api<NotePage>('PUT', `${base(id)}/documents/${documentId}/notes/${page}`, { strokes, memos }),
};
