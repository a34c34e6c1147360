import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { DomainEvents } from '@yakuba/platform';
import './chat-events';

const TICK_MS = 2000;
/** Messages written (posted or edited) since the last clean-up that make the next one worth running. */
export const CLEAN_AFTER_WRITES = 200;

/**
 * Keeps the pending list of the search index (`chat_messages_search_idx`, GIN with fastupdate) short, in the
 * background. A message's search terms go to that list first (a cheap append); once it passes
 * gin_pending_list_limit (4 MB, about 3 runs of issue #15's load), the INSERT that finds it full merges the whole
 * list into the index itself: 160–210 ms of CPU inside one chat:send, measured in bench:chat (docs/benchmarks.md).
 * Autovacuum merges it too, but only when it comes by (once a minute at most). So after every CLEAN_AFTER_WRITES
 * messages, and when the writing stops, this node merges it with `gin_clean_pending_list` on a pool connection of
 * its own: a few ms each time, and never inside a send. Writers are not blocked meanwhile (they append to the list's
 * tail), and searches do not read a long list entry by entry.
 */
@Injectable()
export class SearchIndexUpkeep implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('chat');
  private readonly subscription = new Subscription();
  private timer: NodeJS.Timeout | null = null;
  private writes = 0;
  private running: Promise<void> = Promise.resolve();
  private disabled = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.subscription.add(this.events.on('chat.message-posted').subscribe(() => this.writes++));
    this.subscription.add(this.events.on('chat.message-updated').subscribe(() => this.writes++));
    let seen = 0;
    this.timer = setInterval(() => {
      // Every CLEAN_AFTER_WRITES writes, and whatever is left once the writing stops for a tick.
      const quiet = this.writes > 0 && this.writes === seen;
      seen = this.writes;
      if (this.writes >= CLEAN_AFTER_WRITES || quiet) void this.clean();
    }, TICK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    this.disabled = true;
    await this.running;
  }

  /** Merges the pending list now (one clean-up at a time). */
  clean(): Promise<void> {
    this.running = this.running.then(async () => {
      if (this.disabled) return;
      this.writes = 0;
      try {
        await this.db.query(`SELECT gin_clean_pending_list('chat_messages_search_idx'::regclass)`);
      } catch (error) {
        // Not the index's owner (a DATABASE_URL role without it): autovacuum and the writers keep doing it.
        if (/must be owner|permission denied/i.test(String(error))) {
          this.disabled = true;
          this.logger.warn(`search index upkeep off: ${String(error)}`);
        } else this.logger.warn(`search index upkeep failed: ${String(error)}`);
      }
    });
    return this.running;
  }
}
