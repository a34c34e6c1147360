import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, type PresentationState } from '@yakuba/contracts';
import { AuditService, DomainEvents, RealtimeService, type Principal, isUuid } from '@yakuba/platform';
import type { Subscription } from 'rxjs';
import { handOver, present, type PresentRequest } from './domain/presentation-state';
import { loadAccess } from './meeting-access';
import { Meeting, MeetingParticipant } from './meeting.entity';
import { MeetingDocument } from './meeting-document.entity';
import { stateOf } from './meeting-views';

/** The per-node cache of presenters, as other nodes are told to forget its entries. */
const PRESENTER_CACHE = 'meetings.presenter';
const PRESENTER_CACHE_MS = 30_000;

declare module '@yakuba/platform/events/domain-events' {
  interface DomainEventMap {
    'meetings.state': { state: PresentationState };
    'meetings.participants-removed': { meetingId: string; userIds: string[] };
  }
}

/**
 * The shared "which page are we on" of a live meeting, held in the meetings row (`state_version` column) so that
 * a reconnect or a server restart always finds the current page. Changes to one meeting are serialised in this
 * process (so `meeting:state` events leave in version order) and written with an optimistic version check (so a
 * second server process could never silently overwrite a newer state). With several nodes, changes made on two
 * nodes may reach a tablet out of order: the client keeps the highest version (use-meeting-session.ts).
 */
@Injectable()
export class PresentationService implements OnModuleInit, OnModuleDestroy {
  private readonly queues = new Map<string, Promise<unknown>>();
  /**
   * meetingId → its presenter, for the frequent pointer checks. Per node: a change here tells the other nodes to
   * forget their entry (RealtimeService.forgetOnOtherNodes); an entry is also re-read after PRESENTER_CACHE_MS, in
   * case that word was lost (it travels over Redis pub/sub).
   */
  private readonly presenters = new Map<string, { presenterId: string; at: number }>();
  private subscription?: Subscription;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    private readonly realtime: RealtimeService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.realtime.forgottenElsewhere(PRESENTER_CACHE).subscribe((meetingId) => this.presenters.delete(meetingId));
    // Every new state (a hand-over here, or a removed presenter in MeetingsService): a new presenter is remembered
    // here and forgotten on the other nodes.
    this.subscription.add(
      this.events.on('meetings.state').subscribe(({ state }) => {
        const cached = this.presenters.get(state.meetingId);
        this.remember(state.meetingId, state.presenterId);
        if (cached?.presenterId !== state.presenterId) this.realtime.forgetOnOtherNodes(PRESENTER_CACHE, state.meetingId);
      }),
    );
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /**
   * Checks access, lets the caller enter the room, records attendance on the first join, then reads the state: read
   * after entering, so no change can fall between the answer and the first `meeting:state` (a late joiner opens on
   * the presenter's page at once).
   */
  async join(actor: Principal, meetingId: string, enterRoom: () => Promise<void> | void): Promise<PresentationState> {
    await loadAccess(this.db.manager, meetingId, actor.id, 'forbidden');
    await enterRoom();
    await this.db.query('UPDATE meeting_participants SET joined_at = now() WHERE meeting_id = $1 AND user_id = $2 AND joined_at IS NULL', [
      meetingId,
      actor.id,
    ]);
    const meeting = await this.db.getRepository(Meeting).findOneByOrFail({ id: meetingId });
    this.remember(meeting.id, meeting.presenterId);
    return stateOf(meeting);
  }

  async present(actor: Principal, meetingId: string, request: PresentRequest): Promise<PresentationState> {
    return this.change(meetingId, actor, async (m, meeting) => {
      const document = isUuid(request.documentId)
        ? await m
            .getRepository(MeetingDocument)
            .findOne({ where: { id: request.documentId, meetingId }, select: { id: true, meetingId: true, pageCount: true } })
        : null;
      return present(stateOf(meeting), actor.id, request, document);
    });
  }

  async handOver(actor: Principal, meetingId: string, userId: string): Promise<PresentationState> {
    return this.change(meetingId, actor, async (m, meeting) => {
      const isParticipant = isUuid(userId) && (await m.getRepository(MeetingParticipant).existsBy({ meetingId, userId }));
      const next = handOver(stateOf(meeting), actor.id, meeting.organiserId, userId, isParticipant);
      if (next !== stateOf(meeting) && next.presenterId !== meeting.presenterId) {
        await this.audit.record(
          {
            action: 'meeting.presenter_changed',
            actorId: actor.id,
            targetType: 'meeting',
            targetId: meetingId,
            data: { presenterId: userId },
          },
          m,
        );
      }
      return next;
    });
  }

  /** The first document of a meeting becomes what the room shows until the presenter picks another. */
  async showIfNothingShown(meetingId: string, documentId: string): Promise<void> {
    await this.serialised(meetingId, async () => {
      const state = await this.db.transaction(async (m) => {
        const rows = (await m.query(
          `UPDATE meetings SET current_document_id = $2, current_page = 1, zoom = 1, state_version = state_version + 1, updated_at = now()
           WHERE id = $1 AND current_document_id IS NULL RETURNING id`,
          [meetingId, documentId],
        )) as [unknown[], number];
        if (!rows[1]) return null;
        return stateOf(await m.getRepository(Meeting).findOneByOrFail({ id: meetingId }));
      });
      if (state) this.events.publish('meetings.state', { state });
    });
  }

  /** Presenter-only, cheap check for the frequent pointer events (cached, refreshed by every state change). */
  async isPresenter(actor: Principal, meetingId: string): Promise<boolean> {
    const cached = this.presenters.get(meetingId);
    let presenterId = cached && Date.now() - cached.at < PRESENTER_CACHE_MS ? cached.presenterId : undefined;
    if (presenterId === undefined) {
      const { meeting } = await loadAccess(this.db.manager, meetingId, actor.id, 'forbidden');
      presenterId = meeting.presenterId;
      this.remember(meetingId, presenterId);
    }
    return presenterId === actor.id;
  }

  private remember(meetingId: string, presenterId: string): void {
    this.presenters.set(meetingId, { presenterId, at: Date.now() });
  }

  private async change(
    meetingId: string,
    actor: Principal,
    decide: (m: EntityManager, meeting: Meeting) => Promise<PresentationState>,
  ): Promise<PresentationState> {
    return this.serialised(meetingId, async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const outcome = await this.db.transaction(async (m) => {
          const { meeting } = await loadAccess(m, meetingId, actor.id, 'forbidden');
          if (meeting.status === 'ended') throw new DomainError('conflict', 'the meeting has ended');
          const current = stateOf(meeting);
          const next = await decide(m, meeting);
          if (next === current) return { next, changed: false };
          const result = (await m.query(
            `UPDATE meetings SET current_document_id = $3, current_page = $4, zoom = $5, presenter_id = $6, state_version = $7, updated_at = now()
             WHERE id = $1 AND state_version = $2`,
            [meetingId, current.version, next.documentId, next.page, next.zoom, next.presenterId, next.version],
          )) as [unknown[], number];
          return result[1] === 1 ? { next, changed: true } : null;
        });
        if (!outcome) continue;
        if (outcome.changed) this.events.publish('meetings.state', { state: outcome.next });
        return outcome.next;
      }
      throw new DomainError('conflict', 'the meeting changed at the same time, try again');
    });
  }

  private serialised<T>(meetingId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(meetingId) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.queues.set(meetingId, tail);
    void tail.then(() => {
      if (this.queues.get(meetingId) === tail) this.queues.delete(meetingId);
    });
    return run;
  }
}
