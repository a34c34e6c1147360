import { ConnectedSocket, MessageBody, WebSocketGateway } from '@nestjs/websockets';
import { handleSocketEvent, OnSocketEvent, type RealtimeSocket } from '@yakuba/platform';
import { EditMessageDto, MessageRefDto, PinDto, PresenceDto, ReactDto, ReadDto, SendMessageDto, SyncDto, TypingDto } from './dto/chat.dto';
import { MessageService } from './message.service';
import { PresenceService } from './presence.service';
import { ReadStateService } from './read-state.service';

/**
 * Socket events of chat (docs/realtime.md, "Chat"). One line per handler: handleSocketEvent checks the event's role
 * permission (chat.use) and validates the payload before the service is called.
 */
@WebSocketGateway()
export class ChatGateway {
  constructor(
    private readonly messages: MessageService,
    private readonly readState: ReadStateService,
    private readonly presence: PresenceService,
  ) {}

  @OnSocketEvent('chat:send')
  send(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:send', SendMessageDto, payload, (dto, { user }) => this.messages.send(user, dto));
  }

  @OnSocketEvent('chat:sync')
  sync(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:sync', SyncDto, payload, (dto, { user }) =>
      this.readState.sync(user, dto.cursors, dto.updatedSince),
    );
  }

  @OnSocketEvent('chat:read')
  read(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:read', ReadDto, payload, (dto, { user }) => this.readState.read(user, dto.channelId, dto.seq));
  }

  @OnSocketEvent('chat:edit')
  edit(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:edit', EditMessageDto, payload, (dto, { user }) =>
      this.messages.edit(user, dto.messageId, dto.body),
    );
  }

  @OnSocketEvent('chat:delete')
  delete(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:delete', MessageRefDto, payload, (dto, { user }) => this.messages.delete(user, dto.messageId));
  }

  @OnSocketEvent('chat:react')
  react(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:react', ReactDto, payload, (dto, { user }) =>
      this.messages.react(user, dto.messageId, dto.emoji, dto.on),
    );
  }

  @OnSocketEvent('chat:pin')
  pin(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:pin', PinDto, payload, (dto, { user }) => this.messages.pin(user, dto.messageId, dto.pinned));
  }

  @OnSocketEvent('chat:typing')
  typing(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:typing', TypingDto, payload, (dto, caller) => this.presence.typing(caller, dto));
  }

  @OnSocketEvent('chat:presence')
  setPresence(@ConnectedSocket() client: RealtimeSocket, @MessageBody() payload: unknown) {
    return handleSocketEvent(client, 'chat:presence', PresenceDto, payload, (dto, caller) => this.presence.report(caller, dto));
  }
}
