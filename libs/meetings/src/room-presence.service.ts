import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { DomainError, type MeetingFollowPayload, type MeetingPresence } from '@yakuba/contracts';
import { DomainEvents, RealtimeService, type SocketCaller } from '@yakuba/platform';
import { RoomRoster } from './domain/room-presence';
import { meetingRoom } from './meeting-access';

declare module '@yakuba/platform/events/domain-events' {
  interface DomainEventMap {
    /** Ephemeral: who is in the room and who follows, sent to the room on every change. */
    'meetings.presence': MeetingPresence;
  }
}

/**
 * Who is in a meeting room and who follows the presenter (the presenter's panel): ephemeral, held in this process
 * only, like chat presence. A socket is listed once it has joined (after the access check) and until it leaves,
 * disconnects or its person is taken off the meeting.
 */
@Injectable()
export class RoomPresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly roster = new RoomRoster();
  private readonly subscription = new Subscription();

  constructor(
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    this.subscription.add(
      this.realtime.disconnected.subscribe(({ socket }) => {
        for (const meetingId of this.roster.leaveEverywhere(socket.id)) this.publish(meetingId);
      }),
    );
    this.subscription.add(
      this.events.on('meetings.participants-removed').subscribe(({ meetingId, userIds }) => {
        if (this.roster.removeUsers(meetingId, userIds)) this.publish(meetingId);
      }),
    );
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** After `meeting:join` put the socket in the room (a socket gone meanwhile is not in it, and is not listed). */
  entered({ user, socketId }: SocketCaller, meetingId: string): void {
    if (!this.realtime.socketInRoom(socketId, meetingRoom(meetingId))) return;
    // Published even when unchanged: the joining socket learns who is here from the same event as everyone.
    this.roster.enter(meetingId, socketId, user.id);
    this.publish(meetingId);
  }

  left({ socketId }: SocketCaller, meetingId: string): void {
    if (this.roster.leave(meetingId, socketId)) this.publish(meetingId);
  }

  /** `meeting:follow`: this tablet follows the presenter again, or browses freely (and where). */
  follow({ socketId }: SocketCaller, { meetingId, following, documentId, page }: MeetingFollowPayload): object {
    if (!this.roster.has(meetingId, socketId) || !this.realtime.socketInRoom(socketId, meetingRoom(meetingId)))
      throw new DomainError('forbidden', 'join the meeting first');
    if (this.roster.follow(meetingId, socketId, following, documentId ?? null, page ?? null)) this.publish(meetingId);
    return {};
  }

  private publish(meetingId: string): void {
    this.events.publish('meetings.presence', { meetingId, participants: this.roster.presence(meetingId) });
  }
}
