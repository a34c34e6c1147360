import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { RealtimeService, type WriteBacklog } from '../realtime/realtime.service';
import { RedisConnection } from '../realtime/redis-connection';
import { pgPool } from '../database/data-source';
import { onSocketEventDone } from '../realtime/socket-event';
import { onIdleGc } from './idle-gc';

/** Latency buckets from 1 ms to 10 s: chat sends commit in a few ms, a PDF export takes seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** How often the sockets' write backlog is sampled between scrapes (a pass over the connections: microseconds). */
const BACKLOG_SAMPLE_MS = 100;

/**
 * This node's figures in Prometheus' text format (GET /metrics): connected sockets, socket events by name and
 * answer (their rate is events per second; their duration is send→acknowledgement, after the durable commit for
 * chat:send), HTTP request latency by route, the database pool, and Node's own (event-loop lag, heap, GC, CPU).
 * Each node answers for itself: Prometheus scrapes every node and sums.
 */
@Injectable()
export class Metrics implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly socketEvents: Histogram<'event' | 'result'>;
  private readonly backlogSampler: NodeJS.Timeout;

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(RealtimeService) realtime: RealtimeService,
    @Inject(RedisConnection) redis: RedisConnection,
  ) {
    const registry = this.registry;
    collectDefaultMetrics({ register: registry, prefix: 'yakuba_' });
    this.httpDuration = new Histogram({
      name: 'yakuba_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status, from the first byte in to the last byte out',
      labelNames: ['method', 'route', 'status'],
      buckets: BUCKETS,
      registers: [registry],
    });
    this.socketEvents = new Histogram({
      name: 'yakuba_socket_event_duration_seconds',
      help: 'client→server socket events by event and answer (ok or the error code), from receipt to acknowledgement',
      labelNames: ['event', 'result'],
      buckets: BUCKETS,
      registers: [registry],
    });
    new Gauge({
      name: 'yakuba_sockets_connected',
      help: 'Socket.IO connections open on this node',
      registers: [registry],
      collect() {
        this.set(realtime.connectedCount());
      },
    });
    // Output written to sockets that the kernel has not taken yet (issue #15 asks about socket.io's write queues): now,
    // and the largest of the samples since the previous scrape.
    let peak: WriteBacklog = { connections: 0, bytes: 0, packets: 0 };
    const sample = (): WriteBacklog => {
      const now = realtime.writeBacklog();
      peak = {
        connections: Math.max(peak.connections, now.connections),
        bytes: Math.max(peak.bytes, now.bytes),
        packets: Math.max(peak.packets, now.packets),
      };
      return now;
    };
    this.backlogSampler = setInterval(sample, BACKLOG_SAMPLE_MS).unref();
    new Gauge({
      name: 'yakuba_socket_write_backlog',
      help: `output of this node's connections not yet taken by the kernel: of = bytes, packets or connections (holding any); window = now, or max (largest of the samples every ${BACKLOG_SAMPLE_MS} ms since the previous scrape)`,
      labelNames: ['of', 'window'],
      registers: [registry],
      collect() {
        const now = sample();
        for (const part of ['bytes', 'packets', 'connections'] as const) {
          this.set({ of: part, window: 'now' }, now[part]);
          this.set({ of: part, window: 'max' }, peak[part]);
        }
        peak = now;
      },
    });
    if (redis.clustered) {
      new Gauge({
        name: 'yakuba_redis_up',
        help: 'REDIS_URL only: 1 while this node reaches Redis, 0 while it reconnects (its users are served; other nodes hear them late)',
        registers: [registry],
        collect() {
          this.set(redis.reachable ? 1 : 0);
        },
      });
    }
    // Full GCs run while the event loop was quiet (IDLE_GC_QUIET_MS), so that V8 starts fewer under load.
    const idleGcs = new Counter({
      name: 'yakuba_nodejs_idle_gc_total',
      help: 'full GCs run while the event loop was quiet',
      registers: [registry],
    });
    const idleGcPause = new Counter({
      name: 'yakuba_nodejs_idle_gc_pause_seconds_total',
      help: 'the event loop time those GCs took',
      registers: [registry],
    });
    const idleGcFreed = new Counter({
      name: 'yakuba_nodejs_idle_gc_freed_bytes_total',
      help: 'old-generation bytes those GCs freed',
      registers: [registry],
    });
    onIdleGc((seconds, bytes) => {
      idleGcs.inc();
      idleGcPause.inc(seconds);
      idleGcFreed.inc(bytes);
    });
    const pool = () => pgPool(db);
    new Gauge({
      name: 'yakuba_db_pool_connections',
      help: 'database pool connections by state: total, idle, waiting (requests queued for a connection)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const p = pool();
        this.set({ state: 'total' }, p?.totalCount ?? 0);
        this.set({ state: 'idle' }, p?.idleCount ?? 0);
        this.set({ state: 'waiting' }, p?.waitingCount ?? 0);
      },
    });
    // How long a query waits for a connection, and how often the pool opens a new one (a connection closed after
    // its idle timeout and opened again at the next burst costs a backend start and an authentication).
    const acquire = new Histogram({
      name: 'yakuba_db_pool_acquire_seconds',
      help: 'time from asking the pool for a connection to getting it',
      buckets: BUCKETS,
      registers: [registry],
    });
    const opened = new Counter({
      name: 'yakuba_db_pool_connections_opened_total',
      help: 'connections the pool opened to PostgreSQL',
      registers: [registry],
    });
    const p = pool();
    if (p) {
      p.on('connect', () => opened.inc());
      timeAcquisitions(p, (seconds) => acquire.observe(seconds));
    }
    const errors = new Counter({
      name: 'yakuba_socket_event_errors_total',
      help: 'socket events answered internal_error or unavailable (a fault of the server or the database)',
      labelNames: ['event', 'code'],
      registers: [registry],
    });
    onSocketEventDone((event, result, seconds) => {
      this.socketEvents.observe({ event, result }, seconds);
      if (result === 'internal_error' || result === 'unavailable') errors.inc({ event, code: result });
    });
  }

  onModuleDestroy(): void {
    clearInterval(this.backlogSampler);
    onSocketEventDone(() => undefined);
    onIdleGc(() => undefined);
    this.registry.clear();
  }
}

type ConnectCallback = (error: Error | undefined, client: unknown, release: unknown) => void;

/** Wraps the pool's `connect` (callback form, as TypeORM calls it, and promise form) to time each acquisition. */
function timeAcquisitions(pool: Pool, observe: (seconds: number) => void): void {
  const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<unknown> | undefined;
  (pool as unknown as { connect: (callback?: ConnectCallback) => unknown }).connect = (callback?: ConnectCallback) => {
    const started = performance.now();
    const done = () => observe((performance.now() - started) / 1000);
    if (callback)
      return connect((error, client, release) => {
        done();
        callback(error, client, release);
      });
    return connect()!.then((client) => {
      done();
      return client;
    });
  };
}
