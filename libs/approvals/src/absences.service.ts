import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, hasPermission, type AbsenceInput, type AbsenceView } from '@yakuba/contracts';
import { AuditService, isUuid, type Principal } from '@yakuba/platform';

interface AbsenceRow {
  id: string;
  user_id: string;
  user_name: string;
  proxy_id: string;
  proxy_name: string;
  starts_at: Date;
  ends_at: Date;
  note: string;
  created_at: Date;
}

const toView = (r: AbsenceRow): AbsenceView => ({
  id: r.id,
  userId: r.user_id,
  userName: r.user_name,
  proxyId: r.proxy_id,
  proxyName: r.proxy_name,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at.toISOString(),
  note: r.note,
  createdAt: r.created_at.toISOString(),
});

/** 不在登録: while an approver is registered absent, their designated proxy may decide for them (代決). */
@Injectable()
export class AbsencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** approverId → proxy for those of `userIds` absent at `at`. */
  async proxies(m: EntityManager, userIds: readonly string[], at = new Date()): Promise<Map<string, string>> {
    if (!userIds.length) return new Map();
    const rows = (await m.query(
      `SELECT DISTINCT ON (user_id) user_id, proxy_id FROM approval_absences
       WHERE user_id = ANY($1::uuid[]) AND starts_at <= $2 AND ends_at > $2 ORDER BY user_id, created_at DESC`,
      [userIds, at],
    )) as { user_id: string; proxy_id: string }[];
    return new Map(rows.map((r) => [r.user_id, r.proxy_id]));
  }

  /** Whom `proxyId` stands in for right now. */
  async standingInFor(m: EntityManager, proxyId: string, at = new Date()): Promise<string[]> {
    const rows = (await m.query(
      `SELECT a.user_id FROM approval_absences a WHERE a.proxy_id = $1 AND a.starts_at <= $2 AND a.ends_at > $2
       AND NOT EXISTS (SELECT 1 FROM approval_absences b WHERE b.user_id = a.user_id AND b.starts_at <= $2 AND b.ends_at > $2 AND b.created_at > a.created_at)`,
      [proxyId, at],
    )) as { user_id: string }[];
    return rows.map((r) => r.user_id);
  }

  async list(): Promise<AbsenceView[]> {
    const rows = (await this.db.query(
      `SELECT a.*, u.display_name AS user_name, p.display_name AS proxy_name FROM approval_absences a
       JOIN users u ON u.id = a.user_id JOIN users p ON p.id = a.proxy_id WHERE a.ends_at > now() ORDER BY a.starts_at`,
    )) as AbsenceRow[];
    return rows.map(toView);
  }

  async create(actor: Principal, input: AbsenceInput): Promise<AbsenceView> {
    const userId = input.userId ?? actor.id;
    if (userId !== actor.id && !hasPermission(actor.roles, 'approvals.manage'))
      throw new DomainError('forbidden', 'only approval administrators register someone else absent');
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (!(endsAt > startsAt)) throw new DomainError('bad_request', 'endsAt: must be after startsAt');
    if (userId === input.proxyId) throw new DomainError('bad_request', 'proxyId: someone other than the absent person');
    return this.db.transaction(async (m) => {
      const people = (await m.query('SELECT id FROM users WHERE id = ANY($1::uuid[]) AND active AND NOT system', [
        [userId, input.proxyId].filter(isUuid),
      ])) as { id: string }[];
      if (people.length !== 2) throw new DomainError('bad_request', 'userId, proxyId: active staff');
      const [{ id }] = (await m.query(
        `INSERT INTO approval_absences (user_id, proxy_id, starts_at, ends_at, note, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [userId, input.proxyId, startsAt, endsAt, (input.note ?? '').slice(0, 500), actor.id],
      )) as { id: string }[];
      await this.audit.record(
        {
          action: 'approval.absence_registered',
          actorId: actor.id,
          targetType: 'user',
          targetId: userId,
          data: { absenceId: id, proxyId: input.proxyId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
        },
        m,
      );
      const [row] = (await m.query(
        `SELECT a.*, u.display_name AS user_name, p.display_name AS proxy_name FROM approval_absences a
         JOIN users u ON u.id = a.user_id JOIN users p ON p.id = a.proxy_id WHERE a.id = $1`,
        [id],
      )) as AbsenceRow[];
      return toView(row);
    });
  }

  async remove(actor: Principal, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [row] = isUuid(id)
        ? ((await m.query('SELECT user_id, created_by FROM approval_absences WHERE id = $1', [id])) as {
            user_id: string;
            created_by: string;
          }[])
        : [];
      if (!row) throw new DomainError('not_found', 'absence not found');
      if (row.user_id !== actor.id && row.created_by !== actor.id && !hasPermission(actor.roles, 'approvals.manage'))
        throw new DomainError('not_found', 'absence not found');
      await m.query('DELETE FROM approval_absences WHERE id = $1', [id]);
      await this.audit.record(
        { action: 'approval.absence_removed', actorId: actor.id, targetType: 'user', targetId: row.user_id, data: { absenceId: id } },
        m,
      );
    });
  }
}
