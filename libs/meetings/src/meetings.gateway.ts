import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { handleSocketEvent, OnSocketEvent, type RealtimeSocket } from '@yakuba/platform';
import { FollowDto, HandOverDto, HighlightDto, MeetingRefDto, PointerDto, PresentDto } from './dto/socket.dto';
import { MeetingRoomService } from './meeting-room.service';
import { RoomPresenceService } from './room-presence.service';

/**
 * Socket events of the live meeting (docs/realtime.md, "Meetings"). One line per handler: handleSocketEvent checks
 * the event's role permission (meetings.use) and validates the payload before the service is called.
 */
@WebSocketGateway()
export class MeetingsGateway {
  constructor(
    private readonly room: MeetingRoomService,
    private readonly presence: RoomPresenceService,
  ) {}

  @OnSocketEvent('meeting:join')
  join(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'meeting:join', MeetingRefDto, payload, (dto, caller) => this.room.join(caller, dto));
  }

  @OnSocketEvent('meeting:leave')
  leave(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'meeting:leave', MeetingRefDto, payload, (dto, caller) => this.room.leave(caller, dto));
  }

  @OnSocketEvent('meeting:present')
  present(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'meeting:present', PresentDto, payload, (dto, caller) => this.room.present(caller, dto));
  }

  @OnSocketEvent('meeting:handover')
  handOver(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'meeting:handover', HandOverDto, payload, (dto, caller) => this.room.handOver(caller, dto));
  }

  /** The laser pointer: relayed as a volatile event (a dropped position is replaced by the next one). */
  @OnSocketEvent('meeting:pointer')
  pointer(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'meeting:pointer', PointerDto, payload, (dto, caller) => this.room.pointer(caller, dto));
  }

  /** The presenter's shared highlight, shown live to followers (not stored: private notes are REST). */
  @OnSocketEvent('meeting:highlight')
  highlight(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'meeting:highlight', HighlightDto, payload, (dto, caller) => this.room.highlight(caller, dto));
  }

  /** This tablet follows the presenter again, or browses freely: the presenter's panel shows it. */
  @OnSocketEvent('meeting:follow')
  follow(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'meeting:follow', FollowDto, payload, (dto, caller) => this.presence.follow(caller, dto));
  }
}
