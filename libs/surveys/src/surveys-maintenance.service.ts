import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { DomainEvents } from '@yakuba/platform';
import { ResponseStore } from './response-store';
import { SurveyBuilderService } from './survey-builder.service';
import './surveys-events';

const TICK_MS = 15_000;
const VACUUM_DELAY_MS = 250;

/**
 * Two background duties: the schedule (a scheduled survey opens at opensAt, an open one closes at closesAt; reads use
 * the effective status meanwhile, so nobody can answer late) and vacuuming survey_responses soon after each write,
 * so the dead row versions that a rewrite leaves (docs/architecture.md "Anonymity") do not linger on disk.
 */
@Injectable()
export class SurveysMaintenanceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('surveys');
  private readonly subscription = new Subscription();
  private timer: NodeJS.Timeout | null = null;
  private vacuumTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly builder: SurveyBuilderService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.guard(() => this.tick()), TICK_MS);
    this.timer.unref();
    this.subscription.add(this.events.on('surveys.responses-written').subscribe(() => this.scheduleVacuum()));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.subscription.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    if (this.vacuumTimer) clearTimeout(this.vacuumTimer);
    await this.running;
  }

  /** Materialises scheduled openings and closings that are due. */
  async tick(): Promise<void> {
    const [opened] = (await this.db.query(
      `UPDATE surveys SET status = 'open', opened_at = opens_at, version = version + 1, updated_at = now()
       WHERE status = 'scheduled' AND opens_at <= now() AND closes_at > now() RETURNING id`,
    )) as [{ id: string }[], number];
    for (const { id } of opened) await this.builder.announceOpened(id);
    const [closed] = (await this.db.query(
      `UPDATE surveys SET status = 'closed', closed_at = closes_at, opened_at = coalesce(opened_at, opens_at), version = version + 1, updated_at = now()
       WHERE status IN ('open', 'scheduled') AND closes_at <= now() RETURNING id`,
    )) as [{ id: string }[], number];
    await new ResponseStore(this.db.manager).dropSnapshot(closed.map((c) => c.id));
    for (const { id } of closed) {
      const users = (await this.db.query('SELECT user_id AS "userId" FROM survey_participants WHERE survey_id = $1', [id])) as {
        userId: string;
      }[];
      this.events.publish('surveys.closed', { userIds: users.map((u) => u.userId), surveyId: id });
    }
  }

  /** Runs VACUUM on survey_responses (and the frozen copies) at most once per short window after writes (one waits for the other). */
  vacuumNow(): Promise<void> {
    return this.guard(() => this.db.query('VACUUM survey_responses, survey_result_snapshots').then(() => undefined));
  }

  private scheduleVacuum(): void {
    if (this.stopped || this.vacuumTimer) return;
    this.vacuumTimer = setTimeout(() => {
      this.vacuumTimer = null;
      void this.vacuumNow();
    }, VACUUM_DELAY_MS);
    this.vacuumTimer.unref();
  }

  private guard(job: () => Promise<void>): Promise<void> {
    this.running = this.running.then(async () => {
      if (this.stopped) return;
      try {
        await job();
      } catch (error) {
        // Says what failed, never about whom.
        if (!this.stopped) this.logger.warn(`surveys maintenance: ${(error as Error).message}`);
      }
    });
    return this.running;
  }
}
