import { WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { socketPrincipal } from './authenticated-io.adapter';
import { RealtimeService } from './realtime.service';

/** Connection lifecycle only; each context has its own gateway for its events. */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() server: Server;

  constructor(private readonly realtime: RealtimeService) {}

  afterInit(server: Server): void {
    this.realtime.attach(server);
  }

  handleConnection(socket: Socket): void {
    this.realtime.connected.next({ socket, user: socketPrincipal(socket) });
  }

  handleDisconnect(socket: Socket): void {
    const user = (socket.data as { user?: ReturnType<typeof socketPrincipal> } | undefined)?.user;
    if (user) this.realtime.disconnected.next({ socket, user });
  }
}
