import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subject, type Subscription } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { DomainEvents } from '../events/domain-events';
import { handshakeToken } from '../auth/token';
import { socketPrincipal, userRoom } from './authenticated-io.adapter';
import type { Principal } from '../auth/principal';

export interface SocketLifecycleEvent {
  socket: Socket;
  user: Principal;
}

/**
 * The one place that holds the socket.io server. Services publish domain events; notifiers in each context call
 * these methods. Rooms: `user:<id>` (joined at the handshake) and resource rooms joined after an access check.
 */
@Injectable()
export class RealtimeService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('realtime');
  private server?: Server;
  private subscription?: Subscription;
  readonly connected = new Subject<SocketLifecycleEvent>();
  readonly disconnected = new Subject<SocketLifecycleEvent>();

  constructor(
    private readonly events: DomainEvents,
    private readonly auth: AuthService,
  ) {}

  attach(server: Server): void {
    this.server = server;
  }

  get io(): Server {
    if (!this.server) throw new Error('socket.io server not attached yet');
    return this.server;
  }

  onModuleInit(): void {
    // A revoked session (logout, password change, disabled account) loses its sockets at once.
    this.subscription = this.events.on('sessions.revoked').subscribe(({ userId }) => void this.recheckSockets(userId));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.server?.to(userRoom(userId)).emit(event, payload);
  }

  toUsers(userIds: Iterable<string>, event: string, payload: unknown): void {
    const rooms = [...new Set(userIds)].map(userRoom);
    if (rooms.length) this.server?.to(rooms).emit(event, payload);
  }

  toRoom(room: string, event: string, payload: unknown, exceptSocketId?: string): void {
    if (!this.server) return;
    const target = this.server.to(room);
    (exceptSocketId ? target.except(exceptSocketId) : target).emit(event, payload);
  }

  /** Joins every socket of a user (all tabs and devices) to a room; call only after an access check. */
  joinUser(userId: string, room: string): void {
    this.server?.in(userRoom(userId)).socketsJoin(room);
  }

  leaveUser(userId: string, room: string): void {
    this.server?.in(userRoom(userId)).socketsLeave(room);
  }

  async socketsOf(userId: string): Promise<number> {
    return this.server ? (await this.server.in(userRoom(userId)).fetchSockets()).length : 0;
  }

  private async recheckSockets(userId: string): Promise<void> {
    if (!this.server) return;
    const sockets = await this.server.in(userRoom(userId)).fetchSockets();
    for (const remote of sockets) {
      const socket = this.server.sockets.sockets.get(remote.id);
      if (!socket) continue;
      const still = await this.auth.authenticate(handshakeToken(socket.handshake));
      if (!still || still.sessionId !== socketPrincipal(socket).sessionId) {
        socket.emit('session:revoked', {});
        socket.disconnect(true);
        this.logger.log(`disconnected a socket of ${userId}: session ended`);
      }
    }
  }
}
