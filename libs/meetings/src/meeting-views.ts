import type { DocumentView, MeetingSummary, PresentationState } from '@yakuba/contracts';
import type { Meeting } from './meeting.entity';
import type { MeetingDocument } from './meeting-document.entity';

/** Entity → contract shapes shared by the meetings services (so that no service imports another for them). */

export const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function toDocumentView(d: MeetingDocument): DocumentView {
  return {
    id: d.id,
    seriesId: d.seriesId,
    version: d.version,
    title: d.title,
    agendaItemId: d.agendaItemId,
    pageCount: d.pageCount,
    pageSizes: d.pageSizes,
    byteSize: Number(d.byteSize),
    confidential: d.confidential,
    published: d.publishedAt !== null,
    current: d.supersededAt === null,
    createdAt: d.createdAt.toISOString(),
  };
}

export function toMeetingSummary(m: Meeting): Omit<MeetingSummary, 'myRole' | 'participantCount' | 'documentCount'> {
  return {
    id: m.id,
    title: m.title,
    place: m.place,
    startsAt: m.startsAt.toISOString(),
    endsAt: iso(m.endsAt),
    status: m.status,
    organiserId: m.organiserId,
    presenterId: m.presenterId,
  };
}

export function stateOf(meeting: Meeting): PresentationState {
  return {
    meetingId: meeting.id,
    documentId: meeting.currentDocumentId,
    page: meeting.currentPage,
    zoom: meeting.zoom,
    presenterId: meeting.presenterId,
    version: meeting.stateVersion,
  };
}
