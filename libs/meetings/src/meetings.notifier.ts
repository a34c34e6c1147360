import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
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
        .subscribe(({ state }) => this.realtime.toRoom(meetingRoom(state.meetingId), 'meeting:state', { state })),
    );
    this.subscription.add(
      this.events
        .on('meetings.pointer')
        .subscribe(({ pointer, exceptSocketId }) =>
          this.realtime.toRoomVolatile(meetingRoom(pointer.meetingId), 'meeting:pointer', pointer, exceptSocketId),
        ),
    );
    this.subscription.add(
      this.events
        .on('meetings.highlight')
        .subscribe(({ highlight, exceptSocketId }) =>
          this.realtime.toRoom(meetingRoom(highlight.meetingId), 'meeting:highlight', highlight, exceptSocketId),
        ),
    );
    this.subscription.add(
      this.events
        .on('meetings.presence')
        .subscribe((presence) => this.realtime.toRoom(meetingRoom(presence.meetingId), 'meeting:presence', presence)),
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
