import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { DefaultEventsMap, Server, ServerOptions, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@yakuba/contracts';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { requestFromOurOrigin } from '../http/request-guards';
import { SOCKET_PAYLOAD_MAX_BYTES } from './socket-limits';
import { handshakeToken } from '../auth/token';
import type { Principal } from '../auth/principal';
import { GUESTS_ROOM } from '../auth/scope';

/** What the handshake stores on every socket it lets in. */
export interface SocketData {
  user: Principal;
}

/** socket.io typed by the contract's event maps: an emit or a listener outside them does not compile. */
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

export const userRoom = (userId: string) => `user:${userId}`;

export function socketPrincipal(socket: RealtimeSocket): Principal {
  return socket.data.user;
}

/**
 * Nest guards do not run on connection, so the credential is checked by socket.io middleware at the handshake
 * (the `auth.token` of the client, else the session cookie). Refused connections get `connect_error` "unauthorized".
 */
export class AuthenticatedIoAdapter extends IoAdapter {
  constructor(private readonly appContext: INestApplicationContext) {
    super(appContext);
  }

  override createIOServer(port: number, options?: ServerOptions): RealtimeServer {
    const config = this.appContext.get<AppConfig>(APP_CONFIG);
    const server = super.createIOServer(port, {
      ...options,
      // Events over SOCKET_PAYLOAD_MAX_BYTES are answered too_large; only far larger packets close the connection.
      maxHttpBufferSize: 4 * SOCKET_PAYLOAD_MAX_BYTES,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      // A page of another origin (another port of this host included) cannot open a socket with the visitor's cookie.
      allowRequest: (req, callback) => callback(null, requestFromOurOrigin(req, config).allowed),
    } as ServerOptions) as RealtimeServer;
    const auth = this.appContext.get(AuthService);
    server.use((socket, next) => {
      auth
        .authenticate(handshakeToken(socket.handshake))
        .then((principal) => {
          // API tokens are for the relay's two routes, never a socket.
          if (!principal || principal.apiToken) return next(new Error('unauthorized'));
          socket.data = { user: principal };
          void socket.join(principal.guest ? [userRoom(principal.id), GUESTS_ROOM] : userRoom(principal.id));
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
    return server;
  }
}
