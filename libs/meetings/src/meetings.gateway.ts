import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { DomainError, type MeetingServerEvents } from '@yakuba/contracts';
import { ack, RealtimeService, socketPrincipal, validatePayload } from '@yakuba/platform';
import { HandOverDto, HighlightDto, MeetingRefDto, PointerDto, PresentDto } from './dto/socket.dto';
import { meetingRoom } from './meeting-access';
import { PresentationService } from './presentation.service';

/** Socket events of the live meeting (docs/realtime.md, "Meetings"). One line of logic per handler. */
@WebSocketGateway()
export class MeetingsGateway {
  constructor(
    private readonly presentation: PresentationService,
    private readonly realtime: RealtimeService,
  ) {}

  @SubscribeMessage('meeting:join')
  join(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(MeetingRefDto, payload);
      // The socket enters the room only once the access check has passed (inside join).
      return { state: await this.presentation.join(socketPrincipal(client), dto.meetingId, () => client.join(meetingRoom(dto.meetingId))) };
    });
  }

  @SubscribeMessage('meeting:leave')
  leave(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      await client.leave(meetingRoom((await validatePayload(MeetingRefDto, payload)).meetingId));
      return {};
    });
  }

  @SubscribeMessage('meeting:present')
  present(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(PresentDto, payload);
      return {
        state: await this.presentation.present(socketPrincipal(client), dto.meetingId, {
          documentId: dto.documentId,
          page: dto.page,
          zoom: dto.zoom,
        }),
      };
    });
  }

  @SubscribeMessage('meeting:handover')
  handOver(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(HandOverDto, payload);
      return { state: await this.presentation.handOver(socketPrincipal(client), dto.meetingId, dto.userId) };
    });
  }

  /** The laser pointer: relayed as a volatile event (a dropped position is replaced by the next one). */
  @SubscribeMessage('meeting:pointer')
  pointer(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(PointerDto, payload);
      await this.requirePresenterInRoom(client, dto.meetingId);
      client.volatile.to(meetingRoom(dto.meetingId)).emit('meeting:pointer', {
        meetingId: dto.meetingId,
        userId: socketPrincipal(client).id,
        page: dto.page,
        x: dto.x,
        y: dto.y,
        visible: dto.visible ?? true,
      } satisfies MeetingServerEvents['meeting:pointer']);
      return {};
    });
  }

  /** The presenter's shared highlight, shown live to followers (not stored: private notes are REST). */
  @SubscribeMessage('meeting:highlight')
  highlight(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(HighlightDto, payload);
      await this.requirePresenterInRoom(client, dto.meetingId);
      this.realtime.toRoom(
        meetingRoom(dto.meetingId),
        'meeting:highlight',
        { meetingId: dto.meetingId, page: dto.page, stroke: dto.stroke ?? null } satisfies MeetingServerEvents['meeting:highlight'],
        client.id,
      );
      return {};
    });
  }

  private async requirePresenterInRoom(client: Socket, meetingId: string): Promise<void> {
    if (!client.rooms.has(meetingRoom(meetingId))) throw new DomainError('forbidden', 'join the meeting first');
    if (!(await this.presentation.isPresenter(socketPrincipal(client), meetingId)))
      throw new DomainError('forbidden', 'only the presenter can point');
  }
}
