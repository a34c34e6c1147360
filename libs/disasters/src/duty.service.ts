import { Inject, Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { DomainError, type DisasterDutyView, type DutyGroup, type DutyRoleView, type DutyState } from '@yakuba/contracts';
import { DomainEvents, NOTICE_PORT, isUuid, type NoticePort, type Principal } from '@yakuba/platform';
import { actorOf, rows, DisasterStore, type Actor, type DisasterRow } from './disaster-store';
import { assertActive, drillLabel } from './domain/disaster-rules';
import { assertCanRespond, reassign } from './domain/duty-rules';
import type { DutyRoleDto, DutyRolePatchDto } from './dto/disasters.dto';

interface RoleRow {
  id: string;
  level: number;
  grp: DutyGroup;
  title: string;
  place: string | null;
  assignee_id: string | null;
  sort_order: number;
}

interface DutyRow extends Omit<RoleRow, 'id'> {
  id: string;
  disaster_id: string;
  duty_role_id: string | null;
  state: DutyState;
  note: string | null;
  responded_at: Date | null;
  previous_assignee_ids: string[];
  updated_at: Date;
}

const roleView = (r: RoleRow): DutyRoleView => ({
  id: r.id,
  level: r.level,
  group: r.grp,
  title: r.title,
  place: r.place,
  assigneeId: r.assignee_id,
  sortOrder: r.sort_order,
});

const dutyView = (r: DutyRow): DisasterDutyView => ({
  id: r.id,
  disasterId: r.disaster_id,
  dutyRoleId: r.duty_role_id,
  level: r.level,
  group: r.grp,
  title: r.title,
  place: r.place,
  assigneeId: r.assignee_id,
  state: r.state,
  note: r.note,
  respondedAt: r.responded_at?.toISOString() ?? null,
  previousAssigneeIds: r.previous_assignee_ids,
  updatedAt: r.updated_at.toISOString(),
});

const dutyLabel = (d: { title: string; place: string | null }) => (d.place ? `${d.title}（${d.place}）` : d.title);

/** The duty roster (配備体制): the plan kept ahead of time, and each disaster's duties copied from it. */
@Injectable()
export class DutyService {
  constructor(
    private readonly store: DisasterStore,
    private readonly events: DomainEvents,
    @Inject(NOTICE_PORT) private readonly notices: NoticePort,
  ) {}

  /* ---------- the plan ---------- */

  async plan(): Promise<DutyRoleView[]> {
    return (await rows<RoleRow>(this.store.db.manager, 'SELECT * FROM disaster_duty_roles ORDER BY level, sort_order, title')).map(
      roleView,
    );
  }

  async createRole(dto: DutyRoleDto): Promise<DutyRoleView> {
    await this.requireStaff(dto.assigneeId);
    const [row] = await rows<RoleRow>(
      this.store.db.manager,
      `INSERT INTO disaster_duty_roles (level, grp, title, place, assignee_id, sort_order) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [dto.level, dto.group, dto.title.trim(), dto.place ?? null, dto.assigneeId, dto.sortOrder ?? 0],
    );
    return roleView(row);
  }

  async updateRole(id: string, dto: DutyRolePatchDto): Promise<DutyRoleView> {
    if (!isUuid(id)) throw new DomainError('not_found', 'duty not found');
    if (dto.assigneeId) await this.requireStaff(dto.assigneeId);
    const [row] = await rows<RoleRow>(
      this.store.db.manager,
      `UPDATE disaster_duty_roles SET level = COALESCE($2, level), grp = COALESCE($3, grp), title = COALESCE($4, title),
         place = CASE WHEN $5::boolean THEN $6 ELSE place END, assignee_id = CASE WHEN $7::boolean THEN $8::uuid ELSE assignee_id END,
         sort_order = COALESCE($9, sort_order) WHERE id = $1 RETURNING *`,
      [
        id,
        dto.level ?? null,
        dto.group ?? null,
        dto.title?.trim() ?? null,
        dto.place !== undefined,
        dto.place ?? null,
        dto.assigneeId !== undefined,
        dto.assigneeId ?? null,
        dto.sortOrder ?? null,
      ],
    );
    if (!row) throw new DomainError('not_found', 'duty not found');
    return roleView(row);
  }

  async deleteRole(id: string): Promise<void> {
    if (!isUuid(id)) throw new DomainError('not_found', 'duty not found');
    const removed = await rows(this.store.db.manager, 'DELETE FROM disaster_duty_roles WHERE id = $1 RETURNING id', [id]);
    if (!removed.length) throw new DomainError('not_found', 'duty not found');
  }

  private async requireStaff(userId: string | null): Promise<void> {
    if (!userId) return;
    const found = await rows(
      this.store.db.manager,
      'SELECT 1 FROM users WHERE id = $1 AND active AND NOT system AND guest_channel_id IS NULL',
      [userId],
    );
    if (!found.length) throw new DomainError('bad_request', 'assigneeId: unknown or disabled member of staff');
  }

  /* ---------- a disaster's duties ---------- */

  /** Copies the plan's duties up to `level` into the disaster (those not there yet), in the caller's transaction. */
  async mobilise(m: EntityManager, disaster: DisasterRow, level: number, actor: Actor): Promise<DisasterDutyView[]> {
    const created = await rows<DutyRow>(
      m,
      `INSERT INTO disaster_duties (disaster_id, duty_role_id, level, grp, title, place, assignee_id, sort_order)
       SELECT $1, r.id, r.level, r.grp, r.title, r.place, r.assignee_id, r.sort_order FROM disaster_duty_roles r WHERE r.level <= $2
       ON CONFLICT (disaster_id, duty_role_id) DO NOTHING RETURNING *`,
      [disaster.id, level],
    );
    for (const d of created) {
      const who = await this.store.displayName(d.assignee_id);
      await this.store.record(m, disaster.id, 'duty_requested', actor, `配備要請：${dutyLabel(d)} → ${who || '未割当'}`, d.id);
    }
    return created.map(dutyView);
  }

  /** After the commit: each holder is asked to confirm (a notice) and the roster's watchers see the duty. */
  async askToConfirm(disaster: DisasterRow, duties: DisasterDutyView[]): Promise<void> {
    for (const duty of duties) {
      this.events.publish('disasters.duty', { disasterId: disaster.id, duty, userIds: duty.assigneeId ? [duty.assigneeId] : [] });
      if (duty.assigneeId)
        await this.notices.toUser(
          duty.assigneeId,
          `${drillLabel(disaster.drill)}「${disaster.title}」の配備：${dutyLabel(duty)} をお願いします。災害ページで「配備確認」または「対応不可」を回答してください。`,
          { key: `duty:${duty.id}:${duty.assigneeId}` },
        );
    }
  }

  async list(user: Principal, disasterId: string): Promise<DisasterDutyView[]> {
    await this.store.load(user, disasterId);
    return (
      await rows<DutyRow>(this.store.db.manager, 'SELECT * FROM disaster_duties WHERE disaster_id = $1 ORDER BY level, sort_order, title', [
        disasterId,
      ])
    ).map(dutyView);
  }

  async respond(user: Principal, disasterId: string, dutyId: string, state: 'confirmed' | 'unavailable', note?: string | null) {
    const disaster = await this.store.load(user, disasterId);
    assertActive(disaster);
    return this.change(disaster, dutyId, async (m, duty) => {
      assertCanRespond({ assigneeId: duty.assignee_id, state: duty.state }, user.id);
      // The same answer again (an offline outbox resending, a double tap) changes nothing and records nothing.
      if (duty.state === state && (duty.note ?? null) === (note ?? null)) return { row: duty, notify: [] };
      const [row] = await rows<DutyRow>(
        m,
        `UPDATE disaster_duties SET state = $2, note = $3, responded_at = now(), updated_at = now() WHERE id = $1 RETURNING *`,
        [dutyId, state, note ?? null],
      );
      await this.store.record(
        m,
        disaster.id,
        state === 'confirmed' ? 'duty_confirmed' : 'duty_unavailable',
        actorOf(user),
        `${dutyLabel(duty)}：${state === 'confirmed' ? '配備確認' : '対応不可'}${note ? `（${note}）` : ''}`,
        dutyId,
      );
      return { row, notify: [user.id] };
    });
  }

  async reassign(user: Principal, disasterId: string, dutyId: string, assigneeId: string) {
    const disaster = await this.store.load(user, disasterId, 'run');
    assertActive(disaster);
    if (!(await this.store.channels.isMember(disaster.channel_id, assigneeId)))
      throw new DomainError('bad_request', 'assigneeId: not a member of the disaster channel');
    const result = await this.change(disaster, dutyId, async (m, duty) => {
      const next = reassign(
        { assigneeId: duty.assignee_id, state: duty.state, previousAssigneeIds: duty.previous_assignee_ids },
        assigneeId,
      );
      const [row] = await rows<DutyRow>(
        m,
        `UPDATE disaster_duties SET assignee_id = $2, state = $3, previous_assignee_ids = $4, note = NULL, responded_at = NULL, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [dutyId, next.assigneeId, next.state, next.previousAssigneeIds],
      );
      const from = await this.store.displayName(duty.assignee_id);
      const to = await this.store.displayName(assigneeId);
      await this.store.record(m, disaster.id, 'duty_reassigned', actorOf(user), `${dutyLabel(duty)}：${from || '未割当'} → ${to}`, dutyId);
      return { row, notify: [assigneeId, ...(duty.assignee_id ? [duty.assignee_id] : [])] };
    });
    await this.askToConfirm(disaster, [result]);
    return result;
  }

  private async change(
    disaster: DisasterRow,
    dutyId: string,
    apply: (m: EntityManager, duty: DutyRow) => Promise<{ row: DutyRow; notify: string[] }>,
  ): Promise<DisasterDutyView> {
    if (!isUuid(dutyId)) throw new DomainError('not_found', 'duty not found');
    const { row, notify } = await this.store.db.transaction(async (m) => {
      const [duty] = await rows<DutyRow>(m, 'SELECT * FROM disaster_duties WHERE id = $1 AND disaster_id = $2 FOR UPDATE', [
        dutyId,
        disaster.id,
      ]);
      if (!duty) throw new DomainError('not_found', 'duty not found');
      return apply(m, duty);
    });
    const duty = dutyView(row);
    this.events.publish('disasters.duty', { disasterId: disaster.id, duty, userIds: notify });
    return duty;
  }
}
