import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Subscription } from 'rxjs';
import { DomainEvents, RealtimeService, userRoom } from '@yakuba/platform';
import { disasterOfficersRoom, disasterRoom } from './disasters-events';

/**
 * Turns what the disasters services published (after commit) into socket emits: declarations and closings to every
 * socket of staff (the banners), receipts and duties to the sockets watching the disaster (its boards), a roll-call
 * answer to the officers watching and to the person answered for (other watchers hear only the counts), damage
 * reports and situation reports to the channel's members, re-notifications to the pending people. Who joins which
 * watch room: watchRooms (disasters-events.ts).
 */
@Injectable()
export class DisastersNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly subscription = new Subscription();

  constructor(
    private readonly events: DomainEvents,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    const on = this.events.on.bind(this.events);
    this.subscription.add(on('disasters.declared').subscribe((e) => this.realtime.toAll('disaster:declared', e)));
    this.subscription.add(on('disasters.updated').subscribe((e) => this.realtime.toAll('disaster:updated', e)));
    this.subscription.add(on('disasters.closed').subscribe((e) => this.realtime.toAll('disaster:closed', e)));
    this.subscription.add(on('disasters.receipt').subscribe((e) => this.realtime.toRoom(disasterRoom(e.disasterId), 'disaster:ack', e)));
    this.subscription.add(
      on('disasters.roll-call').subscribe(({ disasterId, answer, total, answered }) => {
        // Safety, whereabouts and notes are the officers' (as in GET …/roll-call) and the person's own.
        const officers = disasterOfficersRoom(disasterId);
        this.realtime.toRoom([officers, userRoom(answer.userId)], 'disaster:roll-call', { disasterId, answer, total, answered });
        this.realtime.toRoom(disasterRoom(disasterId), 'disaster:roll-call-count', { disasterId, total, answered }, officers);
      }),
    );
    this.subscription.add(
      on('disasters.duty').subscribe(({ disasterId, duty, userIds }) => {
        this.realtime.toRoom(disasterRoom(disasterId), 'disaster:duty', { disasterId, duty });
        if (userIds.length) this.realtime.toUsers(userIds, 'disaster:duty', { disasterId, duty });
      }),
    );
    this.subscription.add(
      on('disasters.damage').subscribe(({ disasterId, memberIds, report }) =>
        this.realtime.toUsers(memberIds, 'disaster:damage', { disasterId, report }),
      ),
    );
    this.subscription.add(
      on('disasters.situation').subscribe(({ disasterId, memberIds, report }) =>
        this.realtime.toUsers(memberIds, 'disaster:situation', { disasterId, report }),
      ),
    );
    this.subscription.add(
      on('disasters.renotify').subscribe(({ disasterId, messageId, alerts }) => {
        for (const urgent of alerts) this.realtime.toUser(urgent.receipt.userId, 'disaster:renotify', { disasterId, messageId, urgent });
      }),
    );
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }
}
