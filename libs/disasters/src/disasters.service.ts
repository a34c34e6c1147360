import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DISASTER_KIND_LABELS, type DisasterPerson, type DisasterStats, type DisasterView } from '@yakuba/contracts';
import { AuditService, DomainEvents, NOTICE_PORT, type NoticePort, type Principal } from '@yakuba/platform';
import { actorOf, canRun, rows, DisasterStore, type DisasterRow } from './disaster-store';
import { assertActive, assertClosable, channelName, drillLabel, mobilisedLevel } from './domain/disaster-rules';
import type { DeclareDisasterDto, ListDisastersQuery, UpdateDisasterDto } from './dto/disasters.dto';
import { DutyService } from './duty.service';
import { GuestService } from './guest.service';

/** Declaring, changing, listing and closing disasters and drills. */
@Injectable()
export class DisastersService {
  constructor(
    private readonly store: DisasterStore,
    private readonly duties: DutyService,
    private readonly guests: GuestService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
    @Inject(NOTICE_PORT) private readonly notices: NoticePort,
  ) {}

  /**
   * One transaction: the channel with every active member of staff, the disaster, its record's first line and the
   * duties of its level. Then, after the commit: the members' sockets learn of the channel, every socket of staff
   * hears `disaster:declared`, and each duty holder is asked to confirm.
   */
  async declare(user: Principal, dto: DeclareDisasterDto): Promise<DisasterView> {
    const title = dto.title.trim();
    if (!title) throw new DomainError('bad_request', 'title: must not be blank');
    const actor = actorOf(user);
    const { row, memberIds, duties } = await this.store.db.transaction(async (m) => {
      const { channelId, memberIds } = await this.store.channels.createAllStaffChannel(m, {
        managedBy: 'disasters',
        name: channelName(title, dto.kind, dto.drill),
        topic: `${drillLabel(dto.drill)}${DISASTER_KIND_LABELS[dto.kind]}${dto.level ? ` レベル${dto.level}` : ''}`,
        createdBy: user.apiToken ? null : user.id,
      });
      const [row] = await rows<DisasterRow>(
        m,
        `INSERT INTO disasters (title, kind, level, drill, channel_id, declared_by, declared_by_token) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [title, dto.kind, dto.level ?? null, dto.drill, channelId, user.apiToken ? null : user.id, user.apiToken?.name ?? null],
      );
      await this.store.record(
        m,
        row.id,
        'declared',
        actor,
        `${drillLabel(dto.drill)}「${title}」（${DISASTER_KIND_LABELS[dto.kind]}${dto.level ? `・レベル${dto.level}` : ''}）を発令。${memberIds.length}名を招集`,
        row.id,
      );
      const duties = await this.duties.mobilise(m, row, mobilisedLevel(row.level), actor);
      await this.audit.record(
        {
          action: 'disaster.declared',
          actorId: actor.id,
          targetType: 'disaster',
          targetId: row.id,
          data: { title, kind: dto.kind, level: dto.level ?? null, drill: dto.drill },
        },
        m,
      );
      return { row, memberIds, duties };
    });
    await this.store.channels.announce(row.channel_id, memberIds);
    const view = await this.store.view(row, user);
    this.events.publish('disasters.declared', { disaster: { ...view, canRun: false } });
    await this.notices.toChannel(
      row.channel_id,
      `${drillLabel(row.drill)}${title}（${DISASTER_KIND_LABELS[row.kind]}）が発令されました。安否・参集の回答をお願いします。`,
      { key: `disaster:${row.id}:declared` },
    );
    await this.duties.askToConfirm(row, duties);
    return view;
  }

  async list(user: Principal, query: ListDisastersQuery): Promise<DisasterView[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.drill !== undefined) where.push(`drill = $${params.push(query.drill)}`);
    // Members see theirs; those who run disasters see every one.
    if (!canRun(user) || user.guest)
      where.push(
        `EXISTS (SELECT 1 FROM chat_members cm WHERE cm.channel_id = disasters.channel_id AND cm.user_id = $${params.push(user.id)})`,
      );
    const found = await rows<DisasterRow>(
      this.store.db.manager,
      `SELECT * FROM disasters ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at DESC LIMIT 200`,
      params,
    );
    return Promise.all(found.map((r) => this.store.view(r, user)));
  }

  async get(user: Principal, id: string): Promise<DisasterView> {
    return this.store.view(await this.store.load(user, id), user);
  }

  /** The channel's members by name: guests (no directory) see names only. */
  async people(user: Principal, id: string): Promise<DisasterPerson[]> {
    const row = await this.store.load(user, id);
    const found = await rows<{
      id: string;
      username: string;
      display_name: string;
      department_id: string | null;
      guest: boolean;
      guest_organisation: string | null;
    }>(
      this.store.db.manager,
      `SELECT id, username, display_name, department_id, guest_channel_id IS NOT NULL AS guest, guest_organisation FROM users
        WHERE id = ANY($1::uuid[]) AND NOT system ORDER BY display_name_kana NULLS LAST, display_name`,
      [await this.store.channels.memberIds(row.channel_id)],
    );
    return found.map((p) => ({
      id: p.id,
      displayName: p.display_name,
      departmentId: user.guest ? null : p.department_id,
      guest: p.guest,
      username: user.guest && p.id !== user.id ? null : p.username,
      organisation: p.guest ? p.guest_organisation : null,
    }));
  }

  async update(user: Principal, id: string, dto: UpdateDisasterDto): Promise<DisasterView> {
    const before = await this.store.load(user, id, 'run');
    assertActive(before);
    const title = dto.title?.trim();
    if (title === '') throw new DomainError('bad_request', 'title: must not be blank');
    const { row, duties } = await this.store.db.transaction(async (m) => {
      const [row] = await rows<DisasterRow>(
        m,
        `UPDATE disasters SET title = COALESCE($2, title), level = COALESCE($3, level) WHERE id = $1 AND status = 'active' RETURNING *`,
        [id, title ?? null, dto.level ?? null],
      );
      if (!row) throw new DomainError('conflict', 'the disaster is closed: its record is read-only');
      let duties: Awaited<ReturnType<DutyService['mobilise']>> = [];
      if (dto.level !== undefined && dto.level !== before.level) {
        await this.store.record(
          m,
          id,
          'level_changed',
          actorOf(user),
          `体制をレベル${before.level ?? '-'}からレベル${dto.level}に変更`,
          id,
        );
        duties = await this.duties.mobilise(m, row, dto.level, actorOf(user));
      }
      return { row, duties };
    });
    const view = await this.store.view(row, user);
    this.events.publish('disasters.updated', { disaster: { ...view, canRun: false } });
    await this.duties.askToConfirm(row, duties);
    return view;
  }

  /** Everything stays readable; the channel is archived (nothing writable), guests leave, banners come down. */
  async close(user: Principal, id: string): Promise<DisasterView> {
    const before = await this.store.load(user, id, 'run');
    assertClosable(before);
    const actor = actorOf(user);
    const { row, guestIds } = await this.store.db.transaction(async (m) => {
      const [row] = await rows<DisasterRow>(
        m,
        `UPDATE disasters SET status = 'closed', closed_at = now(), closed_by = $2 WHERE id = $1 AND status = 'active' RETURNING *`,
        [id, user.apiToken ? null : user.id],
      );
      if (!row) throw new DomainError('conflict', 'the disaster is already closed');
      await this.store.channels.close(m, row.channel_id);
      const guestIds = await this.guests.endAll(m, row, actor);
      await this.store.record(m, id, 'closed', actor, `${drillLabel(row.drill)}「${row.title}」を終了`, id);
      await this.audit.record({ action: 'disaster.closed', actorId: actor.id, targetType: 'disaster', targetId: id }, m);
      return { row, guestIds };
    });
    await this.guests.afterEnd(row, guestIds);
    const view = await this.store.view(row, user);
    this.events.publish('disasters.closed', { disaster: { ...view, canRun: false } });
    return view;
  }

  /** Figures for the insights context: real disasters only (drills are kept out of every KPI). */
  async stats(since?: string): Promise<DisasterStats> {
    const from = since ? new Date(since) : new Date(0);
    const [d] = await rows<{ disasters: number; urgent: number; median: number | null }>(
      this.store.db.manager,
      `SELECT (SELECT count(*)::int FROM disasters WHERE NOT drill AND opened_at >= $1) AS disasters,
              (SELECT count(*)::int FROM disaster_urgent u JOIN disasters x ON x.id = u.disaster_id WHERE NOT x.drill AND x.opened_at >= $1) AS urgent,
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.acknowledged_at - u.created_at) / 60)
                 FROM disaster_receipts r JOIN disaster_urgent u ON u.message_id = r.message_id JOIN disasters x ON x.id = u.disaster_id
                WHERE NOT x.drill AND x.opened_at >= $1 AND r.acknowledged_at IS NOT NULL) AS median`,
      [from],
    );
    // Over the roll call's own people, as its tally counts them: the channel's staff (not its guests, not the system
    // account), each once, answered when they have an answer.
    const [share] = await rows<{ answered: number; members: number }>(
      this.store.db.manager,
      `SELECT count(*)::int AS members, count(rc.user_id)::int AS answered
         FROM chat_members cm JOIN disasters x ON x.channel_id = cm.channel_id JOIN users u ON u.id = cm.user_id
         LEFT JOIN disaster_roll_call rc ON rc.disaster_id = x.id AND rc.user_id = cm.user_id
        WHERE NOT x.drill AND x.opened_at >= $1 AND NOT u.system AND u.guest_channel_id IS NULL`,
      [from],
    );
    return {
      disasters: d.disasters,
      urgentMessages: d.urgent,
      medianAckMinutes: d.median === null ? null : Math.round(Number(d.median) * 10) / 10,
      rollCallAnswerShare: share.members ? share.answered / share.members : null,
    };
  }
}
