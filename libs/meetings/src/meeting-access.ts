import type { EntityManager } from 'typeorm';
import { DomainError, type MeetingRole } from '@yakuba/contracts';
import { Meeting } from './meeting.entity';
import { isUuid } from '@yakuba/platform';

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

export function requireOrganiser(access: MeetingAccess): void {
  if (access.role !== 'organiser') throw new DomainError('forbidden', 'only the organiser can do this');
}
