import { DomainError, type PresentationState } from '@yakuba/contracts';

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 8;

export interface PresentRequest {
  documentId: string;
  page: number;
  zoom?: number;
}

/** The document being presented, as far as the rule needs to know it. */
export interface PresentableDocument {
  id: string;
  meetingId: string;
  pageCount: number;
}

/**
 * The next state after the presenter turns a page, or the same state when nothing changes (no version bump:
 * a double tap on "next" that lands on the same page must not wake every tablet twice).
 */
export function present(
  current: PresentationState,
  actorId: string,
  request: PresentRequest,
  document: PresentableDocument | null,
): PresentationState {
  if (actorId !== current.presenterId) throw new DomainError('forbidden', 'only the presenter can present');
  if (!document || document.meetingId !== current.meetingId) throw new DomainError('not_found', 'document not found in this meeting');
  if (!Number.isInteger(request.page) || request.page < 1 || request.page > document.pageCount) {
    throw new DomainError('bad_request', `page must be between 1 and ${document.pageCount}`);
  }
  const zoom = request.zoom ?? (document.id === current.documentId ? current.zoom : 1);
  if (!Number.isFinite(zoom) || zoom < MIN_ZOOM || zoom > MAX_ZOOM)
    throw new DomainError('bad_request', `zoom must be between ${MIN_ZOOM} and ${MAX_ZOOM}`);
  if (document.id === current.documentId && request.page === current.page && zoom === current.zoom) return current;
  return { ...current, documentId: document.id, page: request.page, zoom, version: current.version + 1 };
}

/** The organiser hands the presenter role to a participant (or takes it back). */
export function handOver(
  current: PresentationState,
  actorId: string,
  organiserId: string,
  nextPresenterId: string,
  isParticipant: boolean,
): PresentationState {
  if (actorId !== organiserId) throw new DomainError('forbidden', 'only the organiser can hand over the presenter role');
  if (!isParticipant) throw new DomainError('bad_request', 'the new presenter must be a participant');
  if (nextPresenterId === current.presenterId) return current;
  return { ...current, presenterId: nextPresenterId, version: current.version + 1 };
}
