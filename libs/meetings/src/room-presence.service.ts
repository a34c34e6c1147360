import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Subscription } from 'rxjs';
import { DomainError, type MeetingFollowPayload, type MeetingPresence } from '@yakuba/contracts';
import { DomainEvents, RealtimeService, type SocketCaller } from '@yakuba/platform';
import { entered, followed, roster, type RoomSocketState } from './domain/room-presence';
import { meetingRoom } from './meeting-access';

declare module '@yakuba/platform/events/domain-events' {
  interface DomainEventMap {
    /** Ephemeral: who is in the room and who follows, sent to the room on every change. */
    'meetings.presence': MeetingPresence;
  }
}

declare module '@yakuba/platform/realtime/authenticated-io.adapter' {
  interface SocketData {
    /** meetingId → this socket's place in that meeting's room (follows or browses), read by every node. */
    meetings?: Record<string, RoomSocketState>;
  }
}

const ROOM_PREFIX = meetingRoom('');
/** A fetch of the room that failed (a node died while answering) is tried again this many times. */
const ATTEMPTS = 3;

/** One meeting's list being sent: `again` when something changed meanwhile; `without` people being taken off. */
interface Sending {
  again: boolean;
  without: Set<string>;
}

/**
 * Who is in a meeting room and who follows the presenter (the presenter's panel). Each socket keeps its own state
 * (socket.io's socket data, `meetings`); the list is read from the room itself on every change, over every node
 * with REDIS_URL (RealtimeService.socketsIn, fetchSockets), so the presenter on one node sees the tablets on the
 * others, with their follow state, and a socket that disconnects or whose node dies is simply no longer in the room.
 * Without REDIS_URL the same read is of this process's room alone.
 *
 * One list per meeting is being read at a time on a node; a change meanwhile reads it once more afterwards, so the
 * last list a node sends is never older than its last change.
 */
@Injectable()
export class RoomPresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('meetings');
  private readonly subscription = new Subscription();
  private readonly sending = new Map<string, Sending>();

  constructor(
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    // The socket has already left its rooms: the list read now is without it.
    this.subscription.add(
      this.realtime.disconnected.subscribe(({ socket }) => {
        for (const meetingId of Object.keys(socket.data.meetings ?? {})) this.publish(meetingId);
      }),
    );
    // MeetingsNotifier takes their sockets out of the room on every node; another node may answer before it has
    // heard, so they are left out of this list by name.
    this.subscription.add(
      this.events.on('meetings.participants-removed').subscribe(({ meetingId, userIds }) => this.publish(meetingId, userIds)),
    );
    // A node died (its sockets are gone from every room) or Redis came back: the rooms this node holds are re-read.
    this.subscription.add(
      this.realtime.nodesChanged.subscribe(() => {
        for (const room of this.realtime.localRooms(ROOM_PREFIX)) this.publish(room.slice(ROOM_PREFIX.length));
      }),
    );
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** After `meeting:join` put the socket in the room (a socket gone meanwhile is not in it, and is not listed). */
  entered({ socketId }: SocketCaller, meetingId: string): void {
    const data = this.realtime.localSocketData(socketId);
    if (!data || !this.realtime.socketInRoom(socketId, meetingRoom(meetingId))) return;
    data.meetings = { ...data.meetings, [meetingId]: entered(data.meetings?.[meetingId], Date.now()) };
    // Published even when unchanged: the joining socket learns who is here from the same event as everyone.
    this.publish(meetingId);
  }

  left({ socketId }: SocketCaller, meetingId: string): void {
    const data = this.realtime.localSocketData(socketId);
    if (!data?.meetings?.[meetingId]) return;
    const { [meetingId]: _left, ...others } = data.meetings;
    data.meetings = others;
    this.publish(meetingId);
  }

  /** `meeting:follow`: this tablet follows the presenter again, or browses freely (and where). */
  follow({ socketId }: SocketCaller, { meetingId, following, documentId, page }: MeetingFollowPayload): object {
    const data = this.realtime.localSocketData(socketId);
    const current = data?.meetings?.[meetingId];
    if (!data || !current || !this.realtime.socketInRoom(socketId, meetingRoom(meetingId)))
      throw new DomainError('forbidden', 'join the meeting first');
    const next = followed(current, following, documentId ?? null, page ?? null);
    if (next) {
      data.meetings = { ...data.meetings, [meetingId]: next };
      this.publish(meetingId);
    }
    return {};
  }

  private publish(meetingId: string, without: readonly string[] = []): void {
    const running = this.sending.get(meetingId);
    if (running) {
      running.again = true;
      for (const userId of without) running.without.add(userId);
      return;
    }
    const sending: Sending = { again: true, without: new Set(without) };
    this.sending.set(meetingId, sending);
    void this.send(meetingId, sending).finally(() => this.sending.delete(meetingId));
  }

  private async send(meetingId: string, sending: Sending): Promise<void> {
    for (let failures = 0; sending.again; ) {
      sending.again = false;
      let sockets: Awaited<ReturnType<RealtimeService['socketsIn']>>;
      try {
        sockets = await this.realtime.socketsIn(meetingRoom(meetingId));
      } catch (error) {
        // A node that died while the question was out: asked again (it is no longer counted), a few times.
        if (++failures >= ATTEMPTS) {
          this.logger.warn(`the room of meeting ${meetingId} could not be read: ${String(error)}`);
          return;
        }
        sending.again = true;
        await sleep(500);
        continue;
      }
      const participants = roster(
        sockets.map(({ data }) => ({ userId: data.user.id, state: data.meetings?.[meetingId] })),
        sending.without,
      );
      this.events.publish('meetings.presence', { meetingId, participants });
    }
  }
}
