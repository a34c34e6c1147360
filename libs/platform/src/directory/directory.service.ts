import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError, type CsvImportResult, type DepartmentView, type DirectoryUserView, type UserView } from '@yakuba/contracts';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../events/domain-events';
import { PasswordRules } from '../auth/password-rules.service';
import { SecuritySettingsService } from '../auth/security-settings.service';
import type { Principal } from '../auth/principal';
import { Department } from './department.entity';
import { User } from './user.entity';
import { validateStaffRows } from './domain/staff-row';
import { accountChangeProblem, activeAdminsAfter } from './domain/account-rules';
import { parseStaffCsv } from './staff-csv';
import { STAFF_PLACEMENT_PORT, type PlacementChanges, type StaffPlacementPort } from './staff-placement-port';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { isUuid } from '../text/ids';
import { likePattern } from '../text/like-pattern';
import { preSerialized, type PreSerialized } from '../http/api-result';

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    departmentId: u.departmentId,
    position: u.position,
    roles: u.roles,
    active: u.active,
  };
}

@Injectable()
export class DirectoryService {
  private readonly logger = new Logger('directory');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly passwords: PasswordRules,
    private readonly securitySettings: SecuritySettingsService,
    /** Chat's: the organisation-wide and department channels (absent when the server runs without chat). */
    @Optional() @Inject(STAFF_PLACEMENT_PORT) private readonly placement?: StaffPlacementPort,
  ) {}

  /** In the transaction that creates or moves these people: their channels follow at once (staff-placement-port.ts). */
  private place(m: EntityManager, userIds: string[]): Promise<PlacementChanges | undefined> {
    return this.placement && userIds.length ? this.placement.place(m, userIds) : Promise.resolve(undefined);
  }

  /** After the commit; a socket not told (a failure here) learns of its channels at its next sync, so never a 5xx. */
  private async announce(changes: PlacementChanges | undefined): Promise<void> {
    if (changes && this.placement) await this.placement.announce(changes).catch((e: unknown) => this.logger.warn(`announcing channels: ${String(e)}`));
  }

  /** Whether a password an administrator sets (create, reset, import) must be changed at the next sign-in. */
  private async changeDue(): Promise<boolean> {
    return (await this.securitySettings.get()).password.changeAtFirstSignIn;
  }

  async listDepartments(): Promise<DepartmentView[]> {
    return this.db.getRepository(Department).find({ order: { sortOrder: 'ASC', name: 'ASC' } });
  }

  /** Disabled accounts are listed only for those who manage accounts (`includeDisabled` is ignored for others). */
  /**
   * The serialised directory without a search, per (with disabled accounts, department), and the directory_version
   * it was built at. Every node keeps its own; the version, moved by a trigger on every write to users and
   * departments, tells it when to rebuild (several nodes need nothing more).
   */
  private readonly snapshots = new Map<string, { version: string; json: string }>();

  /**
   * The staff directory as JSON text, built by PostgreSQL (json_agg) and kept until the directory changes: the web
   * client loads it whole at start, and at thousands of accounts it is about a megabyte that took some 80 ms to build
   * (bench:users). Searches (`q`) are built each time (they answer a few people). Department order, then username.
   */
  async listUsersJson(query: ListUsersQuery, canManage = false): Promise<{ json: PreSerialized<DirectoryUserView[]>; etag?: string }> {
    const includeDisabled = Boolean(query.includeDisabled && canManage);
    if (query.q) return { json: preSerialized(await this.buildDirectoryJson(query, includeDisabled)) };
    const key = `${includeDisabled}:${query.departmentId ?? ''}`;
    const [{ version }] = (await this.db.query(`SELECT version::text FROM directory_version`)) as { version: string }[];
    // The version names the content: a browser that holds it gets 304 without the megabyte being hashed or sent.
    const etag = `W/"directory-${version}-${key}"`;
    const kept = this.snapshots.get(key);
    if (kept?.version === version) return { json: preSerialized(kept.json), etag };
    const json = await this.buildDirectoryJson(query, includeDisabled);
    if (this.snapshots.size > 200) this.snapshots.clear();
    this.snapshots.set(key, { version, json });
    return { json: preSerialized(json), etag };
  }

  private async buildDirectoryJson(query: ListUsersQuery, includeDisabled: boolean): Promise<string> {
    const where = ['NOT u.system', 'u.guest_channel_id IS NULL'];
    const params: unknown[] = [];
    if (!includeDisabled) where.push('u.active');
    if (query.departmentId) where.push(`u.department_id = $${params.push(query.departmentId)}`);
    if (query.q) {
      const like = `$${params.push(likePattern(query.q))}`;
      where.push(`(u.username ILIKE ${like} OR u.display_name ILIKE ${like} OR u.display_name_kana ILIKE ${like})`);
    }
    const [row] = (await this.db.query(
      `SELECT coalesce(json_agg(json_build_object(
                'id', u.id, 'username', u.username, 'displayName', u.display_name, 'departmentId', u.department_id,
                'position', u.position, 'roles', u.roles, 'active', u.active, 'displayNameKana', u.display_name_kana)
              ORDER BY d.sort_order ASC NULLS LAST, u.username ASC), '[]')::text AS list
         FROM users u LEFT JOIN departments d ON d.id = u.department_id
        WHERE ${where.join(' AND ')}`,
      params,
    )) as { list: string }[];
    return row.list;
  }

  async getUser(id: string, canManage = false): Promise<UserView> {
    const user = isUuid(id) ? await this.db.getRepository(User).findOneBy({ id, system: false }) : null;
    if (!user || (!user.active && !canManage)) throw new DomainError('not_found', 'user not found');
    return toUserView(user);
  }

  async createUser(actor: Principal, dto: CreateUserDto, ip: string): Promise<UserView> {
    await this.requireDepartment(dto.departmentId);
    const passwordHash = await this.passwords.prepare(dto.password, null);
    const mustChangePassword = await this.changeDue();
    const created = await this.db.transaction(async (m) => {
      const existing = await m.getRepository(User).findOneBy({ username: dto.username });
      if (existing)
        throw new DomainError('conflict', `username "${dto.username}" already exists`, {
          reason: 'username_taken',
          username: dto.username,
        });
      const user = await m.save(
        User,
        m.create(User, {
          username: dto.username,
          displayName: dto.displayName,
          displayNameKana: dto.displayNameKana ?? null,
          departmentId: dto.departmentId,
          position: dto.position ?? null,
          roles: dto.roles ?? ['staff'],
          active: true,
          passwordHash,
          mustChangePassword,
        }),
      );
      await this.passwords.remember(m, user.id, passwordHash);
      const placed = await this.place(m, [user.id]);
      await this.audit.record(
        {
          action: 'user.created',
          actorId: actor.id,
          targetType: 'user',
          targetId: user.id,
          ip,
          data: { username: user.username, roles: user.roles },
        },
        m,
      );
      return { view: toUserView(user), placed };
    });
    await this.announce(created.placed);
    this.events.publish('user.changed', { userId: created.view.id });
    return created.view;
  }

  async updateUser(actor: Principal, id: string, dto: UpdateUserDto, ip: string): Promise<UserView> {
    if (dto.departmentId) await this.requireDepartment(dto.departmentId);
    const result = await this.db.transaction(async (m) => {
      const user = isUuid(id)
        ? await m.getRepository(User).findOne({ where: { id, system: false }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!user) throw new DomainError('not_found', 'user not found');
      const changes: Partial<User> = {};
      if (dto.displayName !== undefined) changes.displayName = dto.displayName;
      if (dto.displayNameKana !== undefined) changes.displayNameKana = dto.displayNameKana || null;
      if (dto.departmentId !== undefined) changes.departmentId = dto.departmentId;
      if (dto.position !== undefined) changes.position = dto.position;
      if (dto.roles !== undefined) changes.roles = [...new Set(dto.roles)];
      if (dto.active !== undefined) changes.active = dto.active;
      await this.enforceAccountRules(m, actor, [{ before: user, after: { ...user, ...changes } as User }]);
      await m.update(User, { id }, changes);
      if (dto.active === false) await m.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
      // A move to another department (or re-enabling) changes the department channel in this same transaction.
      const placed =
        (changes.departmentId !== undefined && changes.departmentId !== user.departmentId) || changes.active !== undefined
          ? await this.place(m, [id])
          : undefined;
      const action =
        dto.active === false && user.active ? 'user.disabled' : dto.active === true && !user.active ? 'user.enabled' : 'user.updated';
      await this.audit.record(
        { action, actorId: actor.id, targetType: 'user', targetId: id, ip, data: { changes: Object.keys(changes) } },
        m,
      );
      return { user: { ...user, ...changes } as User, placed };
    });
    await this.announce(result.placed);
    this.events.publish('user.changed', { userId: id });
    if (dto.active === false) this.events.publish('sessions.revoked', { userId: id });
    return toUserView(result.user);
  }

  async resetPassword(actor: Principal, id: string, password: string, ip: string): Promise<void> {
    const target = isUuid(id) ? await this.db.getRepository(User).findOneBy({ id, system: false }) : null;
    if (!target) throw new DomainError('not_found', 'user not found');
    if (target.authSource === 'ldap')
      throw new DomainError('conflict', 'this account signs in with the directory; reset the password there', {
        reason: 'directory_managed',
      });
    const passwordHash = await this.passwords.prepare(password, id);
    const mustChangePassword = await this.changeDue();
    await this.db.transaction(async (m) => {
      const res = await m.update(User, { id, system: false }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword });
      if (!res.affected) throw new DomainError('not_found', 'user not found');
      await this.passwords.remember(m, id, passwordHash);
      await m.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
      await this.audit.record({ action: 'user.password_reset', actorId: actor.id, targetType: 'user', targetId: id, ip }, m);
    });
    this.events.publish('sessions.revoked', { userId: id });
  }

  /**
   * All or nothing: every row is validated first; any error means nothing is written and the report lists each
   * bad row. Existing usernames are updated (password only when given), new ones created.
   */
  async importCsv(
    actor: Principal,
    file: Buffer,
    ip: string,
    dryRun: boolean,
  ): Promise<CsvImportResult & { created: number; updated: number; dryRun: boolean }> {
    const raw = parseStaffCsv(file);
    const departments = await this.db.getRepository(Department).find();
    const byKey = new Map<string, string>();
    for (const d of departments) {
      byKey.set(d.name, d.id);
      byKey.set(d.code, d.id);
      byKey.set(d.nameEn.toLowerCase(), d.id);
    }
    const usernames = raw.map((r) => (r.username ?? '').trim().toLowerCase()).filter(Boolean);
    const found = await this.db.getRepository(User).find({ where: { username: In(usernames) }, select: { username: true, system: true } });
    const existing = new Set(found.map((u) => u.username));
    // The policy's length here; its other rules below, for the rows that are otherwise valid.
    const { valid, errors } = validateStaffRows(raw, byKey, (u) => existing.has(u), (await this.securitySettings.get()).password.minLength);
    // The system account's name is taken but it is no member of staff: a row naming it is refused, not applied to it.
    const reserved = new Set(found.filter((u) => u.system).map((u) => u.username));
    for (const row of valid)
      if (reserved.has(row.username))
        errors.push({ row: row.row, field: 'username', message: 'username is reserved', reason: 'invalid_username', value: row.username });
    // Initial passwords obey the policy like any other (history does not apply: an administrator sets them).
    for (const row of valid) {
      const problems = row.password ? await this.passwords.problems(row.password) : [];
      if (problems.length > 0) errors.push({ row: row.row, field: 'password', message: problems.join('; '), reason: 'password_policy' });
    }
    if (errors.length > 0 || dryRun) {
      return { imported: 0, created: 0, updated: 0, errors, dryRun };
    }
    const mustChangePassword = await this.changeDue();
    const hashes = new Map<number, string>();
    for (const row of valid) if (row.password) hashes.set(row.row, await this.passwords.prepare(row.password, null));
    let created = 0;
    let updated = 0;
    const placed = await this.db.transaction(async (m) => {
      const touched: string[] = [];
      // The same rules as the account screens: no demoting yourself, never without an administrator.
      const current = new Map(
        (await m.getRepository(User).find({ where: { username: In(usernames) }, lock: { mode: 'pessimistic_write' } })).map((u) => [
          u.username,
          u,
        ]),
      );
      await this.enforceAccountRules(
        m,
        actor,
        valid.flatMap((row) => {
          const before = current.get(row.username);
          return before ? [{ before, after: { ...before, roles: row.rolesGiven ? row.roles : before.roles } as User }] : [];
        }),
      );
      for (const row of valid) {
        const fields = {
          displayName: row.displayName,
          displayNameKana: row.displayNameKana,
          departmentId: row.departmentId,
          position: row.position,
          roles: row.rolesGiven || !current.has(row.username) ? row.roles : current.get(row.username)!.roles,
        };
        const passwordHash = hashes.get(row.row);
        if (existing.has(row.username)) {
          await m.update(
            User,
            { username: row.username },
            passwordHash ? { ...fields, passwordHash, passwordChangedAt: new Date(), mustChangePassword } : fields,
          );
          if (passwordHash) await this.passwords.remember(m, current.get(row.username)!.id, passwordHash);
          if (current.get(row.username)!.departmentId !== row.departmentId) touched.push(current.get(row.username)!.id);
          updated += 1;
        } else {
          const inserted = await m.insert(User, {
            ...fields,
            username: row.username,
            passwordHash: passwordHash!,
            active: true,
            mustChangePassword,
          });
          const newId = (inserted.identifiers[0] as { id: string }).id;
          await this.passwords.remember(m, newId, passwordHash!);
          touched.push(newId);
          created += 1;
        }
      }
      const changes = await this.place(m, touched);
      await this.audit.record({ action: 'user.imported', actorId: actor.id, targetType: 'user', ip, data: { created, updated } }, m);
      return changes;
    });
    await this.announce(placed);
    this.events.publish('user.changed', { userId: '*' });
    return { imported: created + updated, created, updated, errors: [], dryRun };
  }

  /** Account rules (domain/account-rules.ts) over the changes, against every account as it is in this transaction. */
  private async enforceAccountRules(m: EntityManager, actor: Principal, changes: { before: User; after: User }[]): Promise<void> {
    if (changes.length === 0) return;
    const all = await m.getRepository(User).find({ select: { id: true, roles: true, active: true } });
    const problem = accountChangeProblem(actor.id, changes, activeAdminsAfter(all, changes));
    if (problem) throw new DomainError('conflict', problem.message, { reason: problem.reason });
  }

  private async requireDepartment(id: string): Promise<void> {
    if (!(await this.db.getRepository(Department).existsBy({ id })))
      throw new DomainError('bad_request', 'departmentId: no such department');
  }
}
