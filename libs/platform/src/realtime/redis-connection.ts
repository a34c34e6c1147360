import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import { Subject, type Observable } from 'rxjs';

/** How long start-up waits for Redis before it stops with a message (then it keeps reconnecting by itself). */
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * The one Redis connection of a node when REDIS_URL is set (several nodes on one database): the socket.io adapter
 * duplicates it for its stream reader and its subscriber, and presence runs its scripts on it. Without REDIS_URL
 * there is no client at all, and nothing in the process knows Redis exists.
 *
 * The client keeps its offline queue: a command issued while Redis is briefly away is sent when it is back (an
 * adapter entry written late still reaches the other nodes, whose stream readers resume from their offset).
 */
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('redis');
  private outage = false;
  private readonly back = new Subject<void>();
  /** Redis answers again after an outage (the client reconnected by itself; subscriptions are renewed). */
  readonly reconnected: Observable<void> = this.back.asObservable();

  private constructor(readonly client: RedisClientType | undefined) {}

  /** Nothing when `url` is unset; else a connected client (start-up stops after 15 s without Redis). */
  static async open(url: string | undefined): Promise<RedisConnection> {
    if (!url) return new RedisConnection(undefined);
    const client: RedisClientType = createClient({
      url,
      socket: { reconnectStrategy: (retries: number) => Math.min(100 * (retries + 1), 2_000) },
    });
    const connection = new RedisConnection(client);
    // node-redis throws an 'error' event nobody listens to: one line per outage, one when it is over.
    client.on('error', (error: unknown) => connection.down(error));
    client.on('reconnecting', () => connection.down(new Error('connection lost')));
    client.on('ready', () => connection.up());
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis at ${redacted(url)} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      client.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return connection;
  }

  get clustered(): boolean {
    return this.client !== undefined;
  }

  /** With REDIS_URL: whether Redis answers now (GET /api/health says `redis: "down"` otherwise). */
  get reachable(): boolean {
    return this.client?.isReady ?? false;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client?.isOpen) return;
    await this.client.close().catch(() => this.client?.destroy());
  }

  private down(error: unknown): void {
    if (this.outage) return;
    this.outage = true;
    this.logger.warn(`Redis unreachable, reconnecting: ${error instanceof Error ? error.message : String(error)}`);
  }

  private up(): void {
    if (!this.outage) return;
    this.outage = false;
    this.logger.log('Redis reachable again');
    this.back.next();
  }
}

const redacted = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');
