import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { socketPrincipal, type RealtimeServer, type RealtimeSocket, type SocketData } from './authenticated-io.adapter';
import { RealtimeService } from './realtime.service';

/** Connection lifecycle only; each context has its own gateway for its events. */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() server: RealtimeServer;

  constructor(private readonly realtime: RealtimeService) {}

  afterInit(server: RealtimeServer): void {
    this.realtime.attach(server);
  }

  handleConnection(socket: RealtimeSocket): void {
    this.realtime.connected.next({ socket, user: socketPrincipal(socket) });
  }

  handleDisconnect(socket: RealtimeSocket): void {
    // A socket refused at the handshake has no user.
    const user = (socket.data as Partial<SocketData> | undefined)?.user;
    if (user) this.realtime.disconnected.next({ socket, user });
  }
}
