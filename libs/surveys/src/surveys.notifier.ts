import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { DomainEvents, RealtimeService } from '@yakuba/platform';
import './surveys-events';

/** Turns the surveys' domain events (published after commit) into socket emits to the invited people's rooms. */
@Injectable()
export class SurveysNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly subscription = new Subscription();

  constructor(
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    this.subscription.add(
      this.events.on('surveys.opened').subscribe(({ userIds, survey }) => this.realtime.toUsers(userIds, 'survey:opened', { survey })),
    );
    this.subscription.add(
      this.events
        .on('surveys.reminded')
        .subscribe(({ userIds, surveyId, title, closesAt }) =>
          this.realtime.toUsers(userIds, 'survey:reminder', { surveyId, title, closesAt }),
        ),
    );
    this.subscription.add(
      this.events.on('surveys.closed').subscribe(({ userIds, surveyId }) => this.realtime.toUsers(userIds, 'survey:closed', { surveyId })),
    );
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
