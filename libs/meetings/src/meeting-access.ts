import type { EntityManager } from 'typeorm';
import { DomainError, type MeetingRole } from '@yakuba/contracts';
import { isUuid } from '@yakuba/platform';
import { assertCanSee } from './domain/document-rules';
import { Meeting } from './meeting.entity';
import { MeetingDocument } from './meeting-document.entity';

export interface MeetingAccess {
  meeting: Meeting;
  role: MeetingRole;
}

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;

/**
 * The meeting and the caller's role in it, in one query. Someone who is not a participant learns nothing: the
 * meeting is "not found" (over sockets the contract asks for `forbidden`, passed as `denied`).
 */
export async function loadAccess(
  m: EntityManager,
  meetingId: string,
  userId: string,
  denied: 'not_found' | 'forbidden' = 'not_found',
  lock = false,
): Promise<MeetingAccess> {
  const fail = () => new DomainError(denied, denied === 'not_found' ? 'meeting not found' : 'you are not a participant of this meeting');
  if (!isUuid(meetingId)) throw fail();
  const qb = m
    .getRepository(Meeting)
    .createQueryBuilder('m')
    .innerJoin('meeting_participants', 'p', 'p.meeting_id = m.id AND p.user_id = :userId', { userId })
    .addSelect('p.role', 'p_role')
    .where('m.id = :meetingId', { meetingId });
  if (lock) qb.setLock('pessimistic_write', undefined, ['m']);
  const { entities, raw } = await qb.getRawAndEntities<{ p_role: MeetingRole }>();
  if (!entities[0]) throw fail();
  return { meeting: entities[0], role: raw[0].p_role };
}

/** One document of the meeting, if the caller may see it (a draft is the organiser's until published). */
export async function loadVisibleDocument(m: EntityManager, access: MeetingAccess, documentId: string): Promise<MeetingDocument> {
  const document = isUuid(documentId)
    ? await m.getRepository(MeetingDocument).findOneBy({ id: documentId, meetingId: access.meeting.id })
    : null;
  assertCanSee(access.role, document);
  return document;
}

/** The caller's access to the meeting and one document of it that they may see. */
export async function loadDocumentAccess(
  m: EntityManager,
  meetingId: string,
  documentId: string,
  userId: string,
): Promise<MeetingAccess & { document: MeetingDocument }> {
  const access = await loadAccess(m, meetingId, userId);
  return { ...access, document: await loadVisibleDocument(m, access, documentId) };
}
