import { DomainError, type MeetingRole } from '@yakuba/contracts';
import { isOrganiser, requireOrganiser } from './meeting-roles';

/** What the document rules need to know of a document. */
export interface DocumentFacts {
  /** null while it is a draft. */
  publishedAt: Date | null;
  /** Its bytes and whole text stay with the organiser; participants see watermarked page images. */
  confidential: boolean;
}

/**
 * Drafts are the organiser's until published. The SQL that lists, counts or searches documents takes this flag
 * (`published_at IS NOT NULL OR <seesDrafts>`), so the rule is decided here and not restated in each query.
 */
export function seesDrafts(role: MeetingRole): boolean {
  return isOrganiser(role);
}

export function canSeeDocument(role: MeetingRole, document: Pick<DocumentFacts, 'publishedAt'>): boolean {
  return seesDrafts(role) || document.publishedAt !== null;
}

/** A document the caller may not see does not exist for them: "not found", never "forbidden". */
export function assertCanSee(role: MeetingRole, document: Pick<DocumentFacts, 'publishedAt'> | null): asserts document {
  if (!document || !canSeeDocument(role, document)) throw new DomainError('not_found', 'document not found');
}

/** The organiser adds documents and new versions; so does whoever is presenting, who brings their own papers. */
export function canUpload(role: MeetingRole, userId: string, presenterId: string): boolean {
  return isOrganiser(role) || userId === presenterId;
}

export function assertCanUpload(role: MeetingRole, userId: string, presenterId: string): void {
  if (!canUpload(role, userId, presenterId)) throw new DomainError('forbidden', 'only the organiser or the presenter can add documents');
}

/** Only the organiser publishes a draft. */
export function assertCanPublish(role: MeetingRole): void {
  requireOrganiser(role);
}

/**
 * A confidential document's PDF goes to its organiser only, whether to view (`inline`) or to keep (`attachment`):
 * a PDF can be forwarded, a watermarked page image names who leaked it.
 */
export function canReadFile(role: MeetingRole, document: Pick<DocumentFacts, 'confidential'>): boolean {
  return !document.confidential || isOrganiser(role);
}

export function assertCanReadFile(
  role: MeetingRole,
  document: Pick<DocumentFacts, 'confidential'>,
  purpose: 'inline' | 'attachment',
): void {
  if (canReadFile(role, document)) return;
  throw new DomainError(
    'forbidden',
    purpose === 'attachment'
      ? 'a confidential document cannot be downloaded: open it in the meeting viewer'
      : 'a confidential document is shown as page images: GET .../pages/:page.png',
  );
}

/** The whole text of a confidential document would be the document itself: participants search it page by page. */
export function assertCanReadText(role: MeetingRole, document: Pick<DocumentFacts, 'confidential'>): void {
  if (!canReadFile(role, document))
    throw new DomainError('forbidden', 'the text of a confidential document is not given out: search it instead');
}

export function assertPageOf(page: number, pageCount: number): void {
  if (!Number.isInteger(page) || page < 1 || page > pageCount)
    throw new DomainError('bad_request', `page must be between 1 and ${pageCount}`);
}

/** Page images are between 120 and 2000 pixels wide; 1200 when not asked. */
export const PAGE_WIDTH = { min: 120, max: 2000, default: 1200 };

export function clampPageWidth(width: number | undefined): number {
  return Math.min(PAGE_WIDTH.max, Math.max(PAGE_WIDTH.min, Math.round(width ?? PAGE_WIDTH.default)));
}
