import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { SYSTEM_ACCOUNT, type MessageView } from '@yakuba/contracts';
import { DomainEvents } from '@yakuba/platform';
import { pushBodyText, pushRecipients, pushTitle } from './domain/push-rules';
import { PushService } from './push.service';

/**
 * Turns chat's `chat.message-posted` fact (published after the commit, with the members at that moment) into pushes:
 * urgent disaster messages to every member, @mentions to the people named (domain/push-rules.ts). Names are read
 * from the directory and chat's channel row (read-only SQL, as insights does: push imports no other context).
 */
@Injectable()
export class PushNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('push');
  private subscription?: Subscription;
  /** Pushes under way, awaited at shutdown so that none writes to a closed pool. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly push: PushService,
  ) {}

  onModuleInit(): void {
    if (!this.push.enabled) return;
    this.subscription = this.events.on('chat.message-posted').subscribe(({ memberIds, message }) => {
      const run = this.pushFor(memberIds, message).catch((e: unknown) => this.logger.error(`push failed: ${String(e)}`));
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.allSettled([...this.inFlight]);
  }

  private async pushFor(memberIds: string[], message: MessageView): Promise<void> {
    const recipients = pushRecipients(message, memberIds, SYSTEM_ACCOUNT.id);
    if (recipients.length === 0) return;
    const [names] = (await this.db.query(
      `SELECT (SELECT display_name FROM users WHERE id = $1) AS author,
              (SELECT CASE WHEN type = 'direct' THEN NULL ELSE name END FROM chat_channels WHERE id = $2) AS channel`,
      [message.authorId, message.channelId],
    )) as { author: string | null; channel: string | null }[];
    const urgent = message.urgent === true;
    await this.push.send(recipients, {
      title: pushTitle({ urgent, authorName: names?.author ?? SYSTEM_ACCOUNT.displayName, channelName: names?.channel ?? null }),
      body: pushBodyText(message.body),
      tag: message.id,
      path: `/chat/${message.channelId}`,
      urgent,
    });
  }
}
