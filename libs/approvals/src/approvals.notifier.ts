import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { DomainEvents, NOTICE_PORT, RealtimeService, type NoticePort } from '@yakuba/platform';
import { AbsencesService } from './absences.service';
import { ApprovalQueryService } from './approval-query.service';
import type { ApprovalChange } from './approvals.service';

/**
 * Turns `approvals.changed` (published after commit) into `approvals:changed` for everyone concerned, with their
 * fresh inbox counts (navigation badges), and into chat notices from the system account: something waits for me
 * (決裁待ち, 後閲), my draft was decided, sent back or rejected. A notice failing never undoes the transition.
 */
@Injectable()
export class ApprovalsNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('approvals');
  private readonly subscription = new Subscription();
  /** Deliveries still running at shutdown stop quietly (the pool is closing). */
  private closed = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
    private readonly queries: ApprovalQueryService,
    private readonly absences: AbsencesService,
    @Inject(NOTICE_PORT) private readonly notices: NoticePort,
  ) {}

  onModuleInit(): void {
    this.subscription.add(
      this.events.on('approvals.changed').subscribe((change) => {
        this.deliver(change).catch((error: unknown) => {
          if (!this.closed) this.logger.warn(`approvals:changed ${change.approvalId}: ${String(error)}`);
        });
      }),
    );
  }

  onModuleDestroy(): void {
    this.closed = true;
    this.subscription.unsubscribe();
  }

  private async deliver(change: ApprovalChange): Promise<void> {
    const m = this.db.manager;
    // Proxies of absent approvers it now waits for see it in their 未決 too.
    const proxies = await this.absences.proxies(m, change.newlyWaiting);
    const people = new Set([...change.concerned, ...change.newlyWaiting, ...proxies.values()]);
    const countsOf = await this.queries.countsMany(m, [...people]);
    for (const [userId, counts] of countsOf) {
      if (this.closed) return;
      this.realtime.toUser(userId, 'approvals:changed', {
        approvalId: change.approvalId,
        version: change.version,
        status: change.status,
        reason: change.reason,
        counts,
      });
    }
    const title = change.title.length > 60 ? `${change.title.slice(0, 60)}…` : change.title;
    const notices: [string, string, string][] = [];
    for (const userId of change.newlyWaiting) {
      notices.push([
        userId,
        `【決裁待ち】「${title}」があなたの決裁を待っています。`,
        `approval:${change.approvalId}:waiting:${change.version}`,
      ]);
      const proxy = proxies.get(userId);
      if (proxy)
        notices.push([
          proxy,
          `【代決可】不在の方に回付された「${title}」を代決できます。`,
          `approval:${change.approvalId}:proxy:${change.version}`,
        ]);
    }
    if (change.reviewFor)
      notices.push([
        change.reviewFor,
        `【後閲】不在中に代決された「${title}」の後閲をお願いします。`,
        `approval:${change.approvalId}:review:${change.version}`,
      ]);
    const drafterNotice: Partial<Record<ApprovalChange['reason'], string>> = {
      decided: `【決裁】「${title}」が決裁されました（${change.documentNumber ?? ''}）。`,
      sent_back: `【差戻し】「${title}」が差し戻されました。`,
      rejected: `【否決】「${title}」は否決されました。`,
    };
    const text = drafterNotice[change.reason];
    if (text && !(change.reason === 'sent_back' && change.status !== 'sent_back'))
      notices.push([change.drafterId, text, `approval:${change.approvalId}:${change.reason}:${change.version}`]);
    for (const [userId, body, key] of notices) await this.notices.toUser(userId, `${body}\n/approvals/${change.approvalId}`, { key });
  }
}
