import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { handleSocketEvent, OnSocketEvent, RealtimeService, type RealtimeSocket } from '@yakuba/platform';
import { canRun, DisasterStore } from './disaster-store';
import { disasterOfficersRoom, disasterRoom, watchRooms } from './disasters-events';
import { DisasterAckDto, DisasterDeliveredDto, DisasterOpenedDto, DisasterRefDto, DisasterRollCallDto } from './dto/disasters.dto';
import { RollCallService } from './roll-call.service';
import { UrgentService } from './urgent.service';

/** Socket events of disasters (docs/realtime.md, "Disasters"): receipts, acknowledgements, roll call, watching. */
@WebSocketGateway()
export class DisastersGateway {
  constructor(
    private readonly urgent: UrgentService,
    private readonly rollCall: RollCallService,
    private readonly store: DisasterStore,
    private readonly realtime: RealtimeService,
  ) {}

  @OnSocketEvent('disaster:ack')
  ack(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'disaster:ack', DisasterAckDto, payload, async (dto, { user }) => ({
      receipt: await this.urgent.step(user, dto.messageId, 'acknowledged'),
    }));
  }

  @OnSocketEvent('disaster:delivered')
  delivered(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'disaster:delivered', DisasterDeliveredDto, payload, async (dto, { user }) => ({
      receipts: await this.urgent.delivered(user, dto.messageIds),
    }));
  }

  @OnSocketEvent('disaster:opened')
  opened(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'disaster:opened', DisasterOpenedDto, payload, async (dto, { user }) => ({
      receipt: await this.urgent.step(user, dto.messageId, 'opened'),
    }));
  }

  @OnSocketEvent('disaster:roll-call')
  answer(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'disaster:roll-call', DisasterRollCallDto, payload, async ({ disasterId, ...dto }, { user }) => ({
      answer: await this.rollCall.answer(user, disasterId, dto),
    }));
  }

  @OnSocketEvent('disaster:watch')
  watch(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'disaster:watch', DisasterRefDto, payload, async (dto, { user, socketId }) => {
      const row = await this.store.load(user, dto.disasterId);
      this.realtime.joinSocket(socketId, watchRooms(row.id, { guest: !!user.guest, officer: canRun(user) }));
      return { disaster: await this.store.view(row, user) };
    });
  }

  @OnSocketEvent('disaster:unwatch')
  unwatch(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'disaster:unwatch', DisasterRefDto, payload, (dto, { socketId }) => {
      for (const room of [disasterRoom(dto.disasterId), disasterOfficersRoom(dto.disasterId)]) this.realtime.leaveSocket(socketId, room);
      return {};
    });
  }
}
