import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  hasPermission,
  SYSTEM_ACCOUNT,
  type DisasterKind,
  type DisasterStatus,
  type DisasterView,
  type TimelineKind,
} from '@yakuba/contracts';
import { CHANNEL_PORT, isUuid, type ChannelPort, type Principal } from '@yakuba/platform';

export interface DisasterRow {
  id: string;
  title: string;
  kind: DisasterKind;
  level: number | null;
  drill: boolean;
  status: DisasterStatus;
  channel_id: string;
  declared_by: string | null;
  declared_by_token: string | null;
  opened_at: Date;
  closed_at: Date | null;
  closed_by: string | null;
}

export interface Actor {
  id: string | null;
  name: string;
}

/** Runs SQL and returns rows: TypeORM answers UPDATE/DELETE ... RETURNING with [rows, count]. */
export async function rows<T>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = (await m.query(sql, params)) as unknown;
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** May this caller run disasters (declare, urgent, close, the roster, guests)? Admins, officers, a relay's token. */
export function canRun(user: Principal): boolean {
  return hasPermission(user.roles, 'disasters.run') || (user.apiToken?.scopes.includes('disasters') ?? false);
}

/** Who did it, as the record names them; a relay's token acts as the system account. */
export function actorOf(user: Principal): Actor {
  return user.apiToken ? { id: SYSTEM_ACCOUNT.id, name: `API: ${user.apiToken.name}` } : { id: user.id, name: user.displayName };
}

/** Loading a disaster with the access check every route takes, its view, and the append-only timeline. */
@Injectable()
export class DisasterStore {
  constructor(
    @InjectDataSource() readonly db: DataSource,
    @Inject(CHANNEL_PORT) readonly channels: ChannelPort,
  ) {}

  /**
   * A disaster the caller may see (a member of its channel, or someone who runs disasters), else not_found; with
   * `run`, only those who run disasters (others: forbidden when they can see it).
   */
  async load(user: Principal, id: unknown, need: 'read' | 'run' = 'read', m: EntityManager = this.db.manager): Promise<DisasterRow> {
    if (!isUuid(id)) throw new DomainError('not_found', 'disaster not found');
    const [row] = await rows<DisasterRow>(m, 'SELECT * FROM disasters WHERE id = $1', [id]);
    if (!row) throw new DomainError('not_found', 'disaster not found');
    const runner = canRun(user) && !user.guest;
    if (!runner && !(await this.channels.isMember(row.channel_id, user.id))) throw new DomainError('not_found', 'disaster not found');
    if (need === 'run' && !runner) throw new DomainError('forbidden', 'only disaster officers and administrators may do this');
    return row;
  }

  async view(row: DisasterRow, user?: Principal): Promise<DisasterView> {
    const members = await this.channels.memberIds(row.channel_id);
    return {
      id: row.id,
      title: row.title,
      kind: row.kind,
      level: row.level,
      drill: row.drill,
      status: row.status,
      channelId: row.channel_id,
      declaredBy: row.declared_by,
      declaredByToken: row.declared_by_token,
      openedAt: row.opened_at.toISOString(),
      closedAt: row.closed_at?.toISOString() ?? null,
      closedBy: row.closed_by,
      memberCount: members.filter((id) => id !== SYSTEM_ACCOUNT.id).length,
      canRun: user ? canRun(user) && !user.guest : false,
    };
  }

  /** Appends to the disaster's record in the caller's transaction. */
  async record(
    m: EntityManager,
    disasterId: string,
    kind: TimelineKind,
    actor: Actor | null,
    summary: string,
    refId: string | null = null,
    at?: Date,
  ): Promise<void> {
    await m.query(
      `INSERT INTO disaster_timeline (disaster_id, kind, actor_id, actor_name, summary, ref_id, at) VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, clock_timestamp()))`,
      [disasterId, kind, actor?.id ?? null, actor?.name ?? '', summary.slice(0, 2000), refId, at ?? null],
    );
  }

  /** People (id, name, department) by id, for boards and tallies. */
  async people(ids: string[]): Promise<{ id: string; departmentId: string | null; displayName: string }[]> {
    if (!ids.length) return [];
    return (
      await rows<{ id: string; department_id: string | null; display_name: string }>(
        this.db.manager,
        'SELECT id, department_id, display_name FROM users WHERE id = ANY($1::uuid[]) AND NOT system',
        [ids],
      )
    ).map((r) => ({ id: r.id, departmentId: r.department_id, displayName: r.display_name }));
  }

  async departments(): Promise<{ id: string; name: string; sortOrder: number }[]> {
    return (
      await rows<{ id: string; name: string; sort_order: number }>(this.db.manager, 'SELECT id, name, sort_order FROM departments')
    ).map((d) => ({ id: d.id, name: d.name, sortOrder: d.sort_order }));
  }

  async displayName(userId: string | null): Promise<string> {
    if (!userId) return '';
    const [row] = await rows<{ display_name: string }>(this.db.manager, 'SELECT display_name FROM users WHERE id = $1', [userId]);
    return row?.display_name ?? '';
  }
}
