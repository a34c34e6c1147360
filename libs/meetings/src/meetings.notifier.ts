import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import type { MeetingServerEvents } from '@yakuba/contracts';
import { DomainEvents, RealtimeService } from '@yakuba/platform';
import { meetingRoom } from './meeting-access';

/** Turns the meetings' domain events (published after commit) into socket emits. */
@Injectable()
export class MeetingsNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly subscription = new Subscription();

  constructor(
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    this.subscription.add(
      this.events
        .on('meetings.state')
        .subscribe(({ state }) =>
          this.realtime.toRoom(meetingRoom(state.meetingId), 'meeting:state', { state } satisfies MeetingServerEvents['meeting:state']),
        ),
    );
    this.subscription.add(
      this.events.on('meetings.participants-removed').subscribe(({ meetingId, userIds }) => {
        for (const userId of userIds) this.realtime.leaveUser(userId, meetingRoom(meetingId));
      }),
    );
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
