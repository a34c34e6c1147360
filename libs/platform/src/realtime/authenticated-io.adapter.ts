import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { isObservable, type Observable } from 'rxjs';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@yakuba/contracts';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { requestFromOurOrigin } from '../http/request-guards';
import { RefusalAuditor } from '../http/refusal-auditor';
import { clientAddressOf } from '../http/client-address';
import { SOCKET_PAYLOAD_MAX_BYTES } from './socket-limits';
import { handshakeToken } from '../auth/token';
import type { Principal } from '../auth/principal';
import { GUESTS_ROOM } from '../auth/scope';
import { redisStreamsAdapter } from './cluster-adapter';
import { RedisConnection } from './redis-connection';

/** What the handshake stores on every socket it lets in. */
export interface SocketData {
  user: Principal;
  /**
   * The client's address at the handshake, by the rule HTTP's req.ip follows (clientAddressOf: X-Forwarded-For only
   * from TRUSTED_PROXIES): the audit log of the socket's refused events names it.
   */
  address: string | null;
}

/**
 * What one node tells the others (socket.io `serverSideEmit`, only with REDIS_URL): work on the sockets each node
 * holds itself, and per-node caches to forget.
 */
export interface InterNodeEvents {
  /** Re-authenticate the open sockets of a user ('*': everyone) held on this node (RealtimeService). */
  'node:recheck': (userId: string) => void;
  /** Forget a cached entry (`cache` names the cache, `key` the entry): it changed on another node. */
  'node:forget': (cache: string, key: string) => void;
}

/** socket.io typed by the contract's event maps: an emit or a listener outside them does not compile. */
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterNodeEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterNodeEvents, SocketData>;

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
    const refusals = this.appContext.get(RefusalAuditor);
    const redis = this.appContext.get(RedisConnection).client;
    const server = super.createIOServer(port, {
      ...options,
      // Several nodes (REDIS_URL): every emit, room change and disconnect reaches the sockets of every node.
      // No connection-state recovery: chat:sync, meeting:join and the disasters' reads are the recovery path, and
      // they also serve a client whose node died, which recovery cannot (docs/realtime.md "Several nodes").
      ...(redis ? { adapter: redisStreamsAdapter(redis) } : {}),
      // Events over SOCKET_PAYLOAD_MAX_BYTES are answered too_large; only far larger packets close the connection.
      maxHttpBufferSize: 4 * SOCKET_PAYLOAD_MAX_BYTES,
      pingInterval: 20_000,
      pingTimeout: 20_000,
      // A page of another origin (another port of this host included) cannot open a socket with the visitor's cookie.
      allowRequest: (req, callback) => {
        const verdict = requestFromOurOrigin(req, config);
        if (!verdict.allowed) {
          const origin = req.headers.origin;
          refusals.note({
            kind: 'socket',
            target: 'handshake',
            reason: verdict.reason,
            ip: clientAddressOf(req, config),
            origin: typeof origin === 'string' ? origin : null,
            headers: req.headers,
          });
        }
        callback(null, verdict.allowed);
      },
    } as ServerOptions) as RealtimeServer;
    const auth = this.appContext.get(AuthService);
    server.use((socket, next) => {
      auth
        .authenticate(handshakeToken(socket.handshake))
        .then((principal) => {
          // API tokens are for the relay's two routes, never a socket.
          if (!principal || principal.apiToken) return next(new Error('unauthorized'));
          // Nothing but changing the password until it is changed (SessionGuard says the same to HTTP).
          if (principal.mustChangePassword) return next(new Error('password_change_required'));
          socket.data = { user: principal, address: clientAddressOf(socket.request, config) };
          void socket.join(principal.guest ? [userRoom(principal.id), GUESTS_ROOM] : userRoom(principal.id));
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
    return server;
  }

  /**
   * One plain listener per event and socket instead of Nest's rxjs pipeline (fromEvent → mergeMap → defer →
   * takeUntil(disconnect) per handler): with 22 events that pipeline held about 75 KB per socket, about 130 MB of
   * old generation at 1,750 sockets, and its major GCs paused the node for 0.4–0.7 s (bench:users, docs/scaling.md).
   * Same contract as Nest's: the handler gets the payload and the ack; a non-nil answer is acknowledged (or emitted
   * when it names an `event`); a handler's failure is logged, never thrown into socket.io. Listeners go with the socket.
   */
  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(String(message), (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args) as { data: unknown; ack?: (answer: unknown) => void };
        const answer = (response: unknown) => {
          if (response === null || response === undefined) return;
          const named = response as { event?: string; data?: unknown };
          if (named.event) socket.emit(named.event, named.data);
          else if (!isAckHandledManually && typeof ack === 'function') ack(response);
        };
        const failed = (error: unknown) => this.handlerLogger.error(error);
        let result: unknown;
        try {
          result = callback(data, ack);
        } catch (error) {
          return failed(error);
        }
        const settle = (value: unknown) => (isObservable(value) ? transform(value).subscribe({ next: answer, error: failed }) : answer(value));
        if (result instanceof Promise) result.then(settle, failed);
        else settle(result);
      });
    }
  }

  private readonly handlerLogger = new Logger('socket');
}
