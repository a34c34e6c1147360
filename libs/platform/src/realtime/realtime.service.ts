import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Observable, Subject, type Subscription } from 'rxjs';
import type { ServerEventName, ServerEventPayloads } from '@yakuba/contracts';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { onSocketActivity, onSocketRefusal } from './socket-event';
import { SecuritySettingsService } from '../auth/security-settings.service';
import { SessionsService } from '../auth/sessions.service';
import { sweepIntervalMs } from '../auth/domain/session-timeouts';
import { DomainEvents } from '../events/domain-events';
import { handshakeToken } from '../auth/token';
import { socketPrincipal, userRoom, type RealtimeServer, type RealtimeSocket, type SocketData } from './authenticated-io.adapter';
import { RedisConnection } from './redis-connection';
import type { Principal } from '../auth/principal';
import { GUESTS_ROOM } from '../auth/scope';

/** How often a node counts the nodes (REDIS_URL): a dead node's sockets leave per-room views within this. */
const NODE_WATCH_MS = 2_000;

export interface SocketLifecycleEvent {
  socket: RealtimeSocket;
  user: Principal;
}

/** Anything socket.io can emit to: the server, a room selection. */
interface EmitTarget {
  emit(event: ServerEventName, payload: unknown): unknown;
}

/** One node's unsent output (RealtimeService.writeBacklog). */
export interface WriteBacklog {
  connections: number;
  bytes: number;
  packets: number;
}

/** The parts of an Engine.IO connection that writeBacklog reads (not in engine.io's public types). */
interface EngineConnection {
  writeBuffer?: unknown[];
  transport?: { socket?: { bufferedAmount?: number } };
}

/**
 * The one place that holds the socket.io server. Services publish domain events after commit; each context's
 * notifier turns them into emits through these methods, typed by the contract's ServerToClientEvents. Rooms:
 * `user:<id>` (joined at the handshake) and resource rooms joined after an access check.
 *
 * With REDIS_URL the server's adapter carries every emit and room change to every node (cluster-adapter.ts); what
 * acts on sockets a node holds itself (re-authentication, the expiry sweep) runs on each node, asked by `node:`
 * events (InterNodeEvents), never through a map of local sockets alone.
 */
@Injectable()
export class RealtimeService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('realtime');
  private server?: RealtimeServer;
  private subscription?: Subscription;
  private sweepTimer?: NodeJS.Timeout;
  readonly connected = new Subject<SocketLifecycleEvent>();
  readonly disconnected = new Subject<SocketLifecycleEvent>();
  private readonly forgotten = new Subject<{ cache: string; key: string }>();
  private readonly nodes = new Subject<void>();
  /**
   * The nodes may have changed (REDIS_URL only): one died or started (the count of nodes on the adapter's channel
   * changed), or Redis came back after an outage. What a node shows of the whole cluster is read again.
   */
  readonly nodesChanged: Observable<void> = this.nodes.asObservable();
  private nodeWatch?: NodeJS.Timeout;
  private redisBack?: Subscription;

  constructor(
    private readonly events: DomainEvents,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly securitySettings: SecuritySettingsService,
    private readonly redis: RedisConnection,
  ) {}

  attach(server: RealtimeServer): void {
    this.server = server;
    if (!this.redis.clustered) return;
    // Another node's logout, password change, disabled account or changed roles: the sockets held here follow.
    server.on('node:recheck', (userId) => {
      void this.recheckSockets(userId);
      if (userId === '*') this.scheduleSweep(1000);
    });
    server.on('node:forget', (cache, key) => this.forgotten.next({ cache, key }));
    this.watchNodes(server);
  }

  /**
   * A node killed outright says nothing, but Redis drops its connection at once, so the number of nodes subscribed
   * to the adapter's channel falls (`serverCount`, one PUBSUB NUMSUB): asked every NODE_WATCH_MS. Redis coming back
   * counts as a change too (what was published meanwhile may be missing).
   */
  private watchNodes(server: RealtimeServer): void {
    let known: number | undefined;
    let asking = false;
    this.nodeWatch = setInterval(() => {
      if (asking) return;
      asking = true;
      void server.sockets.adapter
        .serverCount()
        .then((count) => {
          if (known !== undefined && count !== known) this.nodes.next();
          known = count;
        })
        .catch(() => undefined)
        .finally(() => (asking = false));
    }, NODE_WATCH_MS);
    this.nodeWatch.unref();
    this.redisBack = this.redis.reconnected.subscribe(() => this.nodes.next());
  }

  /** Whether other nodes may hold sockets (REDIS_URL): then per-node caches must be told of changes. */
  get clustered(): boolean {
    return this.redis.clustered;
  }

  /** Tells the other nodes to drop `key` of their per-node cache `cache` (nothing without REDIS_URL). */
  forgetOnOtherNodes(cache: string, key: string): void {
    if (this.server && this.redis.clustered) this.server.serverSideEmit('node:forget', cache, key);
  }

  /** Keys of the per-node cache `cache` that changed on another node. */
  forgottenElsewhere(cache: string): Observable<string> {
    return new Observable<string>((subscriber) =>
      this.forgotten.subscribe(({ cache: c, key }) => {
        if (c === cache) subscriber.next(key);
      }),
    );
  }

  private recheckEverywhere(userId: string): void {
    void this.recheckSockets(userId);
    if (this.server && this.redis.clustered) this.server.serverSideEmit('node:recheck', userId);
  }

  /** Connections open on this node (the metrics). */
  connectedCount(): number {
    return this.server?.engine?.clientsCount ?? 0;
  }

  /**
   * What this node's connections have written and the kernel has not taken yet (the metrics): bytes waiting in their
   * WebSocket buffers, packets still queued in Engine.IO (a long-polling client between polls, or a WebSocket whose
   * previous write is unfinished), and how many connections hold any. A reader that cannot keep up shows here.
   */
  writeBacklog(): WriteBacklog {
    const backlog = { connections: 0, bytes: 0, packets: 0 };
    const clients = (this.server?.engine as unknown as { clients?: Record<string, EngineConnection> } | undefined)?.clients;
    for (const id in clients) {
      const connection = clients[id];
      const bytes = connection.transport?.socket?.bufferedAmount ?? 0;
      const packets = connection.writeBuffer?.length ?? 0;
      if (bytes > 0 || packets > 0) backlog.connections++;
      backlog.bytes += bytes;
      backlog.packets += packets;
    }
    return backlog;
  }

  onModuleInit(): void {
    // Refused socket events go to the audit chain like refused routes (ErrorFilter).
    onSocketRefusal((user, event, message, address) =>
      this.audit
        .record({ action: 'authz.refused', actorId: user.id, targetType: 'socket', targetId: event, ip: address, data: { message } })
        .catch((error: unknown) => this.logger.error(`could not audit a refusal: ${String(error)}`)),
    );
    // A revoked session (logout, password change, disabled account) loses its sockets at once; a changed account
    // (roles, department, name: one person, or '*' after an import) is re-read into its open sockets at once, so a
    // demoted administrator's socket stops acting as one.
    // Every node holding sockets of that user does it (recheckEverywhere).
    this.subscription = this.events.on('sessions.revoked').subscribe(({ userId }) => {
      this.recheckEverywhere(userId);
      // Everyone's sessions (new timeouts): the sweep follows the new idle timeout from now on.
      if (userId === '*') this.scheduleSweep(1000);
    });
    this.subscription.add(this.events.on('user.changed').subscribe(({ userId }) => this.recheckEverywhere(userId)));
    // Socket events are activity for the idle timeout, like requests (written coarsely by AuthService.touch).
    onSocketActivity((user) => void this.auth.touch(user.sessionId).catch(() => undefined));
    this.scheduleSweep(1000);
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.redisBack?.unsubscribe();
    clearInterval(this.nodeWatch);
    clearTimeout(this.sweepTimer);
    this.sweepTimer = undefined;
    this.subscription = undefined;
  }

  /**
   * A session can expire (idle or absolute timeout) without any request to notice it: its sockets are checked a
   * quarter of the idle timeout apart (domain/session-timeouts.ts), in one query, and closed like revoked ones.
   * Each node sweeps the sockets it holds (it only reads sessions), so several nodes never do the same work.
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

  /** To the sockets in a room (or in any of several rooms, each once), except those of `except` (a socket id or a room). */
  toRoom<K extends ServerEventName>(room: string | string[], event: K, payload: ServerEventPayloads[K], except?: string): void {
    if (!this.server) return;
    const target = this.server.to(room);
    emit(except ? target.except(except) : target, event, payload);
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

  /**
   * Joins one socket of the caller (held by this node) to rooms, at once and without a word to other nodes: the
   * adapter's rooms are per node; call only after an access check.
   */
  joinSocket(socketId: string, rooms: string | string[]): void {
    this.server?.local.in(socketId).socketsJoin(rooms);
  }

  leaveSocket(socketId: string, room: string): void {
    this.server?.local.in(socketId).socketsLeave(room);
  }

  /** For a socket of the caller (held by this node). */
  socketInRoom(socketId: string, room: string): boolean {
    return this.server?.sockets.adapter.rooms.get(room)?.has(socketId) ?? false;
  }

  /**
   * The sockets in a room on every node, each with its data (the principal and what contexts keep there, such as a
   * meeting tablet's follow state): fetchSockets, which asks the other nodes with REDIS_URL (answered within 5 s,
   * else it throws) and reads this process alone without.
   */
  async socketsIn(room: string): Promise<{ id: string; data: SocketData }[]> {
    if (!this.server) return [];
    return (await this.server.in(room).fetchSockets()).map((socket) => ({ id: socket.id, data: socket.data }));
  }

  /**
   * The data of a socket this node holds, for a context to keep per-socket state in it (changed in place; other nodes
   * read it through socketsIn). Undefined when the socket is gone.
   */
  localSocketData(socketId: string): SocketData | undefined {
    return this.server?.sockets.sockets.get(socketId)?.data;
  }

  /** Rooms named `prefix…` that hold sockets of this node. */
  localRooms(prefix: string): string[] {
    return [...(this.server?.sockets.adapter.rooms.keys() ?? [])].filter((room) => room.startsWith(prefix));
  }

  async socketsOf(userId: string): Promise<number> {
    return this.server ? (await this.server.in(userRoom(userId)).fetchSockets()).length : 0;
  }

  /**
   * Re-authenticates the open sockets of a user ('*': everyone) held by this node: gone sessions are disconnected,
   * others re-read. Each node does it for its own sockets (recheckEverywhere), since a socket's principal lives in
   * the node that holds it.
   */
  private async recheckSockets(userId: string): Promise<void> {
    if (!this.server) return;
    const local = this.server.sockets.sockets;
    const ids = userId === '*' ? [...local.keys()] : [...(this.server.sockets.adapter.rooms.get(userRoom(userId)) ?? [])];
    for (const id of ids) {
      const socket = local.get(id);
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
