import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  DomainError,
  type AgendaItemView,
  type MeetingDetail,
  type MeetingRole,
  type MeetingSummary,
  type MinutesView,
  type PaperStats,
  type ParticipantView,
} from '@yakuba/contracts';
import { AuditService, DomainEvents, User, type Principal } from '@yakuba/platform';
import { planAgenda } from './domain/agenda';
import { canSeeDocument, seesDrafts } from './domain/document-rules';
import { requireOrganiser } from './domain/meeting-roles';
import { assertEditable, assertTransition } from './domain/meeting-status';
import { distributedPages, paperKpi, sheetsSaved } from './domain/paper-saved';
import { loadAccess } from './meeting-access';
import { AgendaItem, Meeting, MeetingDepartment, MeetingParticipant } from './meeting.entity';
import { MeetingDocument } from './meeting-document.entity';
import { iso, stateOf, toDocumentView, toMeetingSummary } from './meeting-views';
import type { AgendaItemDto, CreateMeetingDto, MinutesDto, UpdateMeetingDto } from './dto/meeting.dto';

@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Principal, dto: CreateMeetingDto): Promise<MeetingDetail> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
    if (endsAt && endsAt <= startsAt) throw new DomainError('bad_request', 'endsAt must be after startsAt');
    const id = await this.db.transaction(async (m) => {
      const meeting = await m.save(
        Meeting,
        m.create(Meeting, {
          title: dto.title.trim(),
          place: dto.place?.trim() || null,
          startsAt,
          endsAt,
          organiserId: actor.id,
          presenterId: actor.id,
        }),
      );
      await this.replaceParticipants(m, meeting.id, actor.id, dto.participantIds, dto.departmentIds ?? []);
      if (dto.agenda?.length) await this.applyAgenda(m, meeting.id, dto.agenda);
      await this.audit.record(
        { action: 'meeting.created', actorId: actor.id, targetType: 'meeting', targetId: meeting.id, data: { title: meeting.title } },
        m,
      );
      return meeting.id;
    });
    return this.get(actor, id);
  }

  /** The caller's meetings (organised or invited to), soonest first within each status. */
  async listMine(actor: Principal, status?: string): Promise<MeetingSummary[]> {
    const qb = this.db
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .innerJoin('meeting_participants', 'me', 'me.meeting_id = m.id AND me.user_id = :uid', { uid: actor.id })
      .addSelect('me.role', 'my_role')
      .addSelect('(SELECT count(*) FROM meeting_participants p WHERE p.meeting_id = m.id)', 'participant_count')
      // Both counts, so that which one the caller sees is decided by the document rule (drafts: organiser only).
      .addSelect('(SELECT count(*) FROM meeting_documents d WHERE d.meeting_id = m.id AND d.superseded_at IS NULL)', 'document_count')
      .addSelect(
        '(SELECT count(*) FROM meeting_documents d WHERE d.meeting_id = m.id AND d.superseded_at IS NULL AND d.published_at IS NOT NULL)',
        'published_count',
      )
      .orderBy(`CASE m.status WHEN 'live' THEN 0 WHEN 'scheduled' THEN 1 ELSE 2 END`)
      .addOrderBy('m.starts_at', 'ASC');
    if (status) qb.andWhere('m.status = :status', { status });
    const { entities, raw } = await qb.getRawAndEntities<{
      my_role: MeetingRole;
      participant_count: string;
      document_count: string;
      published_count: string;
    }>();
    return entities.map((m, i) => ({
      ...toMeetingSummary(m),
      myRole: raw[i].my_role,
      participantCount: Number(raw[i].participant_count),
      documentCount: Number(seesDrafts(raw[i].my_role) ? raw[i].document_count : raw[i].published_count),
    }));
  }

  async get(actor: Principal, meetingId: string): Promise<MeetingDetail> {
    const { meeting, role } = await loadAccess(this.db.manager, meetingId, actor.id);
    const [participants, departments, agenda, documents] = await Promise.all([
      this.db.query(
        `SELECT p.user_id AS "userId", u.display_name AS "displayName", u.department_id AS "departmentId", u.position, p.role, p.via_department_id AS "viaDepartmentId", p.joined_at AS "joinedAt"
         FROM meeting_participants p JOIN users u ON u.id = p.user_id WHERE p.meeting_id = $1 ORDER BY p.role = 'organiser' DESC, u.display_name_kana NULLS LAST, u.username`,
        [meetingId],
      ) as Promise<(Omit<ParticipantView, 'joinedAt'> & { joinedAt: Date | null })[]>,
      this.db.getRepository(MeetingDepartment).find({ where: { meetingId } }),
      this.db.getRepository(AgendaItem).find({ where: { meetingId }, order: { position: 'ASC' } }),
      this.db.getRepository(MeetingDocument).find({ where: { meetingId }, order: { createdAt: 'ASC', version: 'ASC' } }),
    ]);
    const visible = documents.filter((d) => canSeeDocument(role, d));
    const pages = distributedPages(documents);
    return {
      ...toMeetingSummary(meeting),
      paperDistributed: meeting.paperDistributed,
      startedAt: iso(meeting.startedAt),
      endedAt: iso(meeting.endedAt),
      myRole: role,
      participants: participants.map((p) => ({ ...p, joinedAt: iso(p.joinedAt) })),
      attendance: { joined: participants.filter((p) => p.joinedAt !== null).length, invited: participants.length },
      departmentIds: departments.map((d) => d.departmentId),
      agenda: agenda.map((a): AgendaItemView => ({
        id: a.id,
        position: a.position,
        title: a.title,
        durationMinutes: a.durationMinutes,
        minutes: a.minutes,
        decisions: a.decisions,
      })),
      documents: visible.map(toDocumentView),
      state: stateOf(meeting),
      paperSaved: {
        pages,
        participants: participants.length,
        sheets: sheetsSaved({ pages, participants: participants.length, paperDistributed: meeting.paperDistributed }),
      },
    };
  }

  async update(actor: Principal, meetingId: string, dto: UpdateMeetingDto): Promise<MeetingDetail> {
    const removed = await this.db.transaction(async (m) => {
      const access = await loadAccess(m, meetingId, actor.id, 'not_found', true);
      requireOrganiser(access.role);
      const { meeting } = access;
      const changes: Partial<Meeting> = {};
      if (dto.title !== undefined) changes.title = dto.title.trim();
      if (dto.place !== undefined) changes.place = dto.place?.trim() || null;
      if (dto.startsAt !== undefined) changes.startsAt = new Date(dto.startsAt);
      if (dto.endsAt !== undefined) changes.endsAt = dto.endsAt ? new Date(dto.endsAt) : null;
      if (dto.paperDistributed !== undefined) changes.paperDistributed = dto.paperDistributed;
      const startsAt = changes.startsAt ?? meeting.startsAt;
      const endsAt = changes.endsAt !== undefined ? changes.endsAt : meeting.endsAt;
      if (endsAt && endsAt <= startsAt) throw new DomainError('bad_request', 'endsAt must be after startsAt');
      const touchesRecord = dto.participantIds !== undefined || dto.departmentIds !== undefined || dto.startsAt !== undefined;
      if (touchesRecord) assertEditable(meeting.status);
      if (Object.keys(changes).length) await m.update(Meeting, { id: meetingId }, changes);
      let gone: string[] = [];
      if (dto.participantIds !== undefined || dto.departmentIds !== undefined) {
        const current = await m.getRepository(MeetingDepartment).find({ where: { meetingId } });
        const explicit =
          dto.participantIds ??
          (await m.getRepository(MeetingParticipant).find({ where: { meetingId } }))
            .filter((p) => p.viaDepartmentId === null && p.role !== 'organiser')
            .map((p) => p.userId);
        gone = await this.replaceParticipants(
          m,
          meetingId,
          meeting.organiserId,
          explicit,
          dto.departmentIds ?? current.map((d) => d.departmentId),
        );
        if (gone.includes(meeting.presenterId)) {
          await m.query('UPDATE meetings SET presenter_id = organiser_id, state_version = state_version + 1 WHERE id = $1', [meetingId]);
        }
      }
      await this.audit.record(
        { action: 'meeting.updated', actorId: actor.id, targetType: 'meeting', targetId: meetingId, data: { changes: Object.keys(dto) } },
        m,
      );
      return gone;
    });
    if (removed.length) this.events.publish('meetings.participants-removed', { meetingId, userIds: removed });
    const view = await this.get(actor, meetingId);
    // A removed presenter hands the role back to the organiser: the room follows at once.
    if (removed.length) this.events.publish('meetings.state', { state: view.state });
    return view;
  }

  async setStatus(actor: Principal, meetingId: string, status: 'live' | 'ended'): Promise<MeetingDetail> {
    await this.db.transaction(async (m) => {
      const access = await loadAccess(m, meetingId, actor.id, 'not_found', true);
      requireOrganiser(access.role);
      assertTransition(access.meeting.status, status);
      if (access.meeting.status === status) return;
      await m.update(Meeting, { id: meetingId }, status === 'live' ? { status, startedAt: new Date() } : { status, endedAt: new Date() });
      await this.audit.record({ action: `meeting.${status}`, actorId: actor.id, targetType: 'meeting', targetId: meetingId }, m);
    });
    return this.get(actor, meetingId);
  }

  async saveAgenda(actor: Principal, meetingId: string, items: AgendaItemDto[]): Promise<AgendaItemView[]> {
    await this.db.transaction(async (m) => {
      const access = await loadAccess(m, meetingId, actor.id, 'not_found', true);
      requireOrganiser(access.role);
      assertEditable(access.meeting.status);
      await this.applyAgenda(m, meetingId, items);
    });
    return (await this.get(actor, meetingId)).agenda;
  }

  /** 議事録: the organiser writes what was said and decided under each agenda item, during or after the meeting. */
  async saveMinutes(actor: Principal, meetingId: string, itemId: string, dto: MinutesDto): Promise<MinutesView> {
    return this.db.transaction(async (m) => {
      requireOrganiser((await loadAccess(m, meetingId, actor.id, 'not_found', true)).role);
      const res = await m.update(AgendaItem, { id: itemId, meetingId }, { minutes: dto.minutes, decisions: dto.decisions });
      if (!res.affected) throw new DomainError('not_found', 'agenda item not found');
      await this.audit.record(
        { action: 'meeting.minutes_saved', actorId: actor.id, targetType: 'meeting', targetId: meetingId, data: { itemId } },
        m,
      );
      return { id: itemId, minutes: dto.minutes, decisions: dto.decisions };
    });
  }

  /** Town-wide figures for the KPI dashboard: meetings held (live or ended) and the paper they saved. */
  async stats(): Promise<PaperStats> {
    const rows = (await this.db.query(
      `SELECT m.paper_distributed AS "paperDistributed", min(m.starts_at) OVER () AS since,
         (SELECT count(*) FROM meeting_participants p WHERE p.meeting_id = m.id)::int AS participants,
         (SELECT coalesce(sum(d.page_count), 0) FROM meeting_documents d WHERE d.meeting_id = m.id AND d.superseded_at IS NULL AND d.published_at IS NOT NULL)::int AS pages
       FROM meetings m WHERE m.status IN ('live', 'ended')`,
    )) as { paperDistributed: boolean; since: Date; participants: number; pages: number }[];
    return { ...paperKpi(rows), since: iso(rows[0]?.since ?? null) };
  }

  /**
   * Everyone named plus the active staff of every named department; the organiser always stays. Returns who was
   * removed (their sockets leave the meeting's room).
   */
  private async replaceParticipants(
    m: EntityManager,
    meetingId: string,
    organiserId: string,
    userIds: string[],
    departmentIds: string[],
  ): Promise<string[]> {
    const named = [...new Set(userIds)];
    const found = named.length ? await m.getRepository(User).find({ where: { id: In(named), active: true }, select: { id: true } }) : [];
    if (found.length !== named.length) throw new DomainError('bad_request', 'participantIds: some users do not exist or are disabled');
    const depts = [...new Set(departmentIds)];
    const deptCount = depts.length
      ? ((await m.query('SELECT count(*)::int AS n FROM departments WHERE id = ANY($1)', [depts])) as { n: number }[])[0].n
      : 0;
    if (deptCount !== depts.length) throw new DomainError('bad_request', 'departmentIds: some departments do not exist');
    const viaDept = depts.length
      ? await m.getRepository(User).find({ where: { departmentId: In(depts), active: true }, select: { id: true, departmentId: true } })
      : [];
    const wanted = new Map<string, string | null>();
    for (const u of viaDept) wanted.set(u.id, u.departmentId);
    for (const id of named) wanted.set(id, null);
    wanted.delete(organiserId);
    const existing = await m.getRepository(MeetingParticipant).find({ where: { meetingId } });
    const gone = existing.filter((p) => p.role !== 'organiser' && !wanted.has(p.userId)).map((p) => p.userId);
    if (gone.length) await m.delete(MeetingParticipant, { meetingId, userId: In(gone) });
    if (!existing.some((p) => p.role === 'organiser'))
      await m.insert(MeetingParticipant, { meetingId, userId: organiserId, role: 'organiser', viaDepartmentId: null });
    const rows = [...wanted].map(([userId, via]) => ({ meetingId, userId, role: 'participant' as const, viaDepartmentId: via }));
    if (rows.length)
      await m
        .createQueryBuilder()
        .insert()
        .into(MeetingParticipant)
        .values(rows)
        .orUpdate(['via_department_id'], ['meeting_id', 'user_id'])
        .execute();
    await m.delete(MeetingDepartment, { meetingId });
    if (depts.length)
      await m.insert(
        MeetingDepartment,
        depts.map((departmentId) => ({ meetingId, departmentId })),
      );
    return gone;
  }

  private async applyAgenda(m: EntityManager, meetingId: string, items: AgendaItemDto[]): Promise<void> {
    const existing = await m.getRepository(AgendaItem).find({ where: { meetingId }, select: { id: true } });
    const plan = planAgenda(
      existing.map((e) => e.id),
      items,
    );
    if (plan.remove.length) await m.delete(AgendaItem, { meetingId, id: In(plan.remove) });
    // Positions are unique per meeting, checked at commit (deferred), so items can swap places here.
    for (const k of plan.keep)
      await m.update(AgendaItem, { id: k.id, meetingId }, { position: k.position, title: k.title, durationMinutes: k.durationMinutes });
    if (plan.create.length)
      await m.insert(
        AgendaItem,
        plan.create.map((c) => ({ ...c, meetingId })),
      );
  }
}
