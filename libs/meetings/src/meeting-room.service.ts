import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type MeetingHandOverPayload,
  type MeetingHighlightPayload,
  type MeetingPointerPayload,
  type MeetingPresentPayload,
  type MeetingRef,
  type MeetingServerEvents,
  type MeetingStateResult,
} from '@yakuba/contracts';
import { DomainEvents, RealtimeService, type SocketCaller } from '@yakuba/platform';
import { meetingRoom } from './meeting-access';
import { PresentationService } from './presentation.service';
import { RoomPresenceService } from './room-presence.service';

declare module '@yakuba/platform/events/domain-events' {
  interface DomainEventMap {
    /** Ephemeral: relayed to the room except the presenter's socket, volatile (the next position replaces it). */
    'meetings.pointer': { pointer: MeetingServerEvents['meeting:pointer']; exceptSocketId: string };
    /** Ephemeral: relayed to the room except the presenter's socket; not stored (private notes are REST). */
    'meetings.highlight': { highlight: MeetingServerEvents['meeting:highlight']; exceptSocketId: string };
  }
}

/**
 * The live room of a meeting as the socket events see it: entering and leaving it, what the presenter shows
 * (PresentationService keeps that state), and the presenter's pointer and highlight, which only pass through.
 */
@Injectable()
export class MeetingRoomService {
  constructor(
    private readonly presentation: PresentationService,
    private readonly realtime: RealtimeService,
    private readonly events: DomainEvents,
    private readonly presence: RoomPresenceService,
  ) {}

  /** The socket enters the room only once the access check has passed (inside PresentationService.join). */
  async join(caller: SocketCaller, { meetingId }: MeetingRef): Promise<MeetingStateResult> {
    const state = await this.presentation.join(caller.user, meetingId, () => this.realtime.joinSocket(caller.socketId, meetingRoom(meetingId)));
    this.presence.entered(caller, meetingId);
    return { state };
  }

  leave(caller: SocketCaller, { meetingId }: MeetingRef): object {
    this.realtime.leaveSocket(caller.socketId, meetingRoom(meetingId));
    this.presence.left(caller, meetingId);
    return {};
  }

  async present({ user }: SocketCaller, request: MeetingPresentPayload): Promise<MeetingStateResult> {
    return { state: await this.presentation.present(user, request.meetingId, request) };
  }

  async handOver({ user }: SocketCaller, { meetingId, userId }: MeetingHandOverPayload): Promise<MeetingStateResult> {
    return { state: await this.presentation.handOver(user, meetingId, userId) };
  }

  async pointer(caller: SocketCaller, { meetingId, page, x, y, visible }: MeetingPointerPayload): Promise<object> {
    await this.requirePresenterInRoom(caller, meetingId);
    this.events.publish('meetings.pointer', {
      pointer: { meetingId, userId: caller.user.id, page, x, y, visible: visible ?? true },
      exceptSocketId: caller.socketId,
    });
    return {};
  }

  async highlight(caller: SocketCaller, { meetingId, page, stroke }: MeetingHighlightPayload): Promise<object> {
    await this.requirePresenterInRoom(caller, meetingId);
    this.events.publish('meetings.highlight', { highlight: { meetingId, page, stroke: stroke ?? null }, exceptSocketId: caller.socketId });
    return {};
  }

  private async requirePresenterInRoom({ user, socketId }: SocketCaller, meetingId: string): Promise<void> {
    if (!this.realtime.socketInRoom(socketId, meetingRoom(meetingId))) throw new DomainError('forbidden', 'join the meeting first');
    if (!(await this.presentation.isPresenter(user, meetingId))) throw new DomainError('forbidden', 'only the presenter can point');
  }
}
