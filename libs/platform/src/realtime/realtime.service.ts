import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subject, type Subscription } from 'rxjs';
import type { ServerEventName, ServerEventPayloads } from '@yakuba/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { onSocketActivity, onSocketRefusal } from './socket-event';
import { SecuritySettingsService } from '../auth/security-settings.service';
import { SessionsService } from '../auth/sessions.service';
import { sweepIntervalMs } from '../auth/domain/session-timeouts';
import { DomainEvents } from '../events/domain-events';
import { handshakeToken } from '../auth/token';
import { socketPrincipal, userRoom, type RealtimeServer, type RealtimeSocket } from './authenticated-io.adapter';
import type { Principal } from '../auth/principal';
import { GUESTS_ROOM } from '../auth/scope';

export interface SocketLifecycleEvent {
  socket: RealtimeSocket;
  user: Principal;
}

/** Anything socket.io can emit to: the server, a room selection. */
interface EmitTarget {
  emit(event: ServerEventName, payload: unknown): unknown;
}

/**
 * The one place that holds the socket.io server. Services publish domain events after commit; each context's
 * notifier turns them into emits through these methods, typed by the contract's ServerToClientEvents. Rooms:
 * `user:<id>` (joined at the handshake) and resource rooms joined after an access check.
 */
@Injectable()
export class RealtimeService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('realtime');
  private server?: RealtimeServer;
  private subscription?: Subscription;
  private sweepTimer?: NodeJS.Timeout;
  readonly connected = new Subject<SocketLifecycleEvent>();
  readonly disconnected = new Subject<SocketLifecycleEvent>();

  constructor(
    private readonly events: DomainEvents,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly securitySettings: SecuritySettingsService,
  ) {}

  attach(server: RealtimeServer): void {
    this.server = server;
  }

  /** Connections open on this node (the metrics). */
  connectedCount(): number {
    return this.server?.engine?.clientsCount ?? 0;
  }

  onModuleInit(): void {
    // Refused socket events go to the audit chain like refused routes (ErrorFilter).
    onSocketRefusal((user, event, message) =>
      this.audit
        .record({ action: 'authz.refused', actorId: user.id, targetType: 'socket', targetId: event, data: { message } })
        .catch((error: unknown) => this.logger.error(`could not audit a refusal: ${String(error)}`)),
    );
    // A revoked session (logout, password change, disabled account) loses its sockets at once; a changed account
    // (roles, department, name: one person, or '*' after an import) is re-read into its open sockets at once, so a
    // demoted administrator's socket stops acting as one.
    this.subscription = this.events.on('sessions.revoked').subscribe(({ userId }) => {
      void this.recheckSockets(userId);
      // Everyone's sessions (new timeouts): the sweep follows the new idle timeout from now on.
      if (userId === '*') this.scheduleSweep(1000);
    });
    this.subscription.add(this.events.on('user.changed').subscribe(({ userId }) => void this.recheckSockets(userId)));
    // Socket events are activity for the idle timeout, like requests (written coarsely by AuthService.touch).
    onSocketActivity((user) => void this.auth.touch(user.sessionId).catch(() => undefined));
    this.scheduleSweep(1000);
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    this.subscription = undefined;
  }

  /**
   * A session can expire (idle or absolute timeout) without any request to notice it: its sockets are checked a
   * quarter of the idle timeout apart (domain/session-timeouts.ts), in one query, and closed like revoked ones.
   */
  private scheduleSweep(delayMs: number): void {
    clearTimeout(this.sweepTimer);
    this.sweepTimer = setTimeout(() => {
      void this.sweepExpired()
        .catch((error: unknown) => this.logger.error(`session sweep failed: ${String(error)}`))
        .then(async () => {
          if (!this.subscription) return;
          this.scheduleSweep(sweepIntervalMs((await this.securitySettings.get()).session));
        })
        .catch(() => this.subscription && this.scheduleSweep(60_000));
    }, delayMs);
    this.sweepTimer.unref();
  }

  private async sweepExpired(): Promise<void> {
    if (!this.server) return;
    const sockets = [...this.server.sockets.sockets.values()];
    if (sockets.length === 0) return;
    const live = await this.sessions.live([...new Set(sockets.map((s) => socketPrincipal(s).sessionId))]);
    for (const socket of sockets) {
      if (live.has(socketPrincipal(socket).sessionId)) continue;
      socket.emit('session:revoked', {});
      socket.disconnect(true);
      this.logger.log(`disconnected a socket of ${socketPrincipal(socket).id}: session expired`);
    }
  }

  toUser<K extends ServerEventName>(userId: string, event: K, payload: ServerEventPayloads[K]): void {
    if (this.server) emit(this.server.to(userRoom(userId)), event, payload);
  }

  toUsers<K extends ServerEventName>(userIds: Iterable<string>, event: K, payload: ServerEventPayloads[K]): void {
    const rooms = [...new Set(userIds)].map(userRoom);
    if (rooms.length && this.server) emit(this.server.to(rooms), event, payload);
  }

  toRoom<K extends ServerEventName>(room: string, event: K, payload: ServerEventPayloads[K], exceptSocketId?: string): void {
    if (!this.server) return;
    const target = this.server.to(room);
    emit(exceptSocketId ? target.except(exceptSocketId) : target, event, payload);
  }

  /** A room emit that may be dropped (a socket not ready to write misses it): for positions replaced by the next. */
  toRoomVolatile<K extends ServerEventName>(room: string, event: K, payload: ServerEventPayloads[K], exceptSocketId?: string): void {
    if (!this.server) return;
    const target = this.server.to(room);
    emit((exceptSocketId ? target.except(exceptSocketId) : target).volatile, event, payload);
  }

  /** Every connected socket of staff (directory-wide facts such as presence); guests hear none of it. */
  toAll<K extends ServerEventName>(event: K, payload: ServerEventPayloads[K]): void {
    if (this.server) emit(this.server.except(GUESTS_ROOM), event, payload);
  }

  /** Joins every socket of a user (all tabs and devices) to a room; call only after an access check. */
  joinUser(userId: string, room: string): void {
    this.server?.in(userRoom(userId)).socketsJoin(room);
  }

  leaveUser(userId: string, room: string): void {
    this.server?.in(userRoom(userId)).socketsLeave(room);
  }

  /** Joins one socket to rooms (at once: the in-process adapter is synchronous); call only after an access check. */
  joinSocket(socketId: string, rooms: string | string[]): void {
    this.server?.in(socketId).socketsJoin(rooms);
  }

  leaveSocket(socketId: string, room: string): void {
    this.server?.in(socketId).socketsLeave(room);
  }

  socketInRoom(socketId: string, room: string): boolean {
    return this.server?.sockets.adapter.rooms.get(room)?.has(socketId) ?? false;
  }

  async socketsOf(userId: string): Promise<number> {
    return this.server ? (await this.server.in(userRoom(userId)).fetchSockets()).length : 0;
  }

  /** Re-authenticates the open sockets of a user ('*': everyone): gone sessions are disconnected, others re-read. */
  private async recheckSockets(userId: string): Promise<void> {
    if (!this.server) return;
    const sockets = userId === '*' ? [...this.server.sockets.sockets.values()] : await this.server.in(userRoom(userId)).fetchSockets();
    for (const remote of sockets) {
      const socket = this.server.sockets.sockets.get(remote.id);
      if (!socket) continue;
      const still = await this.auth.authenticate(handshakeToken(socket.handshake), { touch: false });
      if (!still || still.sessionId !== socketPrincipal(socket).sessionId) {
        socket.emit('session:revoked', {});
        socket.disconnect(true);
        this.logger.log(`disconnected a socket of ${socketPrincipal(socket).id}: session ended`);
      } else {
        socket.data = { ...socket.data, user: still };
        const { sessionId: _sessionId, ...user } = still;
        socket.emit('session:updated', { user });
      }
    }
  }
}

/**
 * socket.io's emit signature cannot follow a generic event name (its parameters are a conditional type), so the
 * methods above take the contract's pair (K, ServerEventPayloads[K]) and hand it on here.
 */
function emit(target: EmitTarget, event: ServerEventName, payload: unknown): void {
  target.emit(event, payload);
}
