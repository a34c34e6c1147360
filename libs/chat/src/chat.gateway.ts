import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import { DomainError, hasPermission } from '@yakuba/contracts';
import { ack, socketPrincipal, validatePayload, type Principal } from '@yakuba/platform';
import { ChannelAccessService } from './channel-access.service';
import { ChatNotifier } from './chat-notifier';
import { EditMessageDto, MessageRefDto, PinDto, PresenceDto, ReactDto, ReadDto, SendMessageDto, SyncDto, TypingDto } from './dto/chat.dto';
import { MessageService } from './message.service';
import { ReadStateService } from './read-state.service';

/** The role check of the HTTP guard, for sockets (guards do not run on socket events). */
function chatUser(client: Socket): Principal {
  const user = socketPrincipal(client);
  if (!hasPermission(user.roles, 'chat.use')) throw new DomainError('forbidden', 'chat is not available to this account');
  return user;
}

/** Socket events of chat (docs/realtime.md, "Chat"). One line of logic per handler. */
@WebSocketGateway()
export class ChatGateway {
  constructor(
    private readonly messages: MessageService,
    private readonly readState: ReadStateService,
    private readonly channels: ChannelAccessService,
    private readonly notifier: ChatNotifier,
  ) {}

  @SubscribeMessage('chat:send')
  send(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => this.messages.send(chatUser(client), await validatePayload(SendMessageDto, payload)));
  }

  @SubscribeMessage('chat:sync')
  sync(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(SyncDto, payload);
      return this.readState.sync(chatUser(client), dto.cursors, dto.updatedSince);
    });
  }

  @SubscribeMessage('chat:read')
  read(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(ReadDto, payload);
      return this.readState.read(chatUser(client), dto.channelId, dto.seq);
    });
  }

  @SubscribeMessage('chat:edit')
  edit(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(EditMessageDto, payload);
      return this.messages.edit(chatUser(client), dto.messageId, dto.body);
    });
  }

  @SubscribeMessage('chat:delete')
  delete(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => this.messages.delete(chatUser(client), (await validatePayload(MessageRefDto, payload)).messageId));
  }

  @SubscribeMessage('chat:react')
  react(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(ReactDto, payload);
      return this.messages.react(chatUser(client), dto.messageId, dto.emoji, dto.on);
    });
  }

  @SubscribeMessage('chat:pin')
  pin(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(PinDto, payload);
      return this.messages.pin(chatUser(client), dto.messageId, dto.pinned);
    });
  }

  @SubscribeMessage('chat:typing')
  typing(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(TypingDto, payload);
      const user = chatUser(client);
      await this.channels.access(user, dto.channelId, 'member');
      this.notifier.typing(
        dto.channelId,
        { channelId: dto.channelId, userId: user.id, ...(dto.threadRootId ? { threadRootId: dto.threadRootId } : {}) },
        client.id,
      );
      return {};
    });
  }

  @SubscribeMessage('chat:presence')
  presence(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown) {
    return ack(async () => {
      const dto = await validatePayload(PresenceDto, payload);
      this.notifier.setSocketPresence(chatUser(client).id, client.id, dto.status);
      return { presence: this.notifier.allPresence() };
    });
  }
}
