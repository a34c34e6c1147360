import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../events/domain-events';
import { User } from '../directory/user.entity';
import { activeAdminsAfter } from '../directory/domain/account-rules';
import { STAFF_PLACEMENT_PORT, type PlacementChanges, type StaffPlacementPort } from '../directory/staff-placement-port';
import { mapGroups } from './domain/ldap-mapping';
import type { DirectoryPerson } from './ldap-directory';
import { hashPassword } from './password';
import type { SecuritySettings } from './security-settings.service';

/**
 * Keeps the local account of a directory user in step with the directory at each sign-in: created on the first,
 * then name, kana, department and roles follow the directory's groups. The town hall keeps an active administrator
 * whatever the directory says (domain/account-rules.ts): a sync that would remove the last one keeps the role.
 */
@Injectable()
export class LdapAccounts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    /** Chat's: a new or moved account joins 全庁連絡 and its department's channel in the same transaction. */
    @Optional() @Inject(STAFF_PLACEMENT_PORT) private readonly placement?: StaffPlacementPort,
  ) {}

  async sync(username: string, person: DirectoryPerson, ldap: SecuritySettings['ldap'], ip: string): Promise<User> {
    try {
      return await this.syncOnce(username, person, ldap, ip);
    } catch (error) {
      // Two first sign-ins at once (a double click): the other created the row; this one updates it.
      if ((error as { code?: string }).code !== '23505' && (error as { driverError?: { code?: string } }).driverError?.code !== '23505') throw error;
      return this.syncOnce(username, person, ldap, ip);
    }
  }

  private async syncOnce(username: string, person: DirectoryPerson, ldap: SecuritySettings['ldap'], ip: string): Promise<User> {
    const mapped = mapGroups(person.groups, ldap.roleMappings, ldap.departmentMappings);
    // Never used: a directory account signs in against the directory; the column only needs a value no one knows.
    const unusable = await hashPassword(randomBytes(32).toString('base64url'));
    const { user, changed, placed } = await this.db.transaction(async (m): Promise<{ user: User; changed: boolean; placed?: PlacementChanges }> => {
      const repo = m.getRepository(User);
      const before = await repo.findOne({ where: { username }, lock: { mode: 'pessimistic_write' } });
      const departmentExists = mapped.departmentId
        ? ((await m.query(`SELECT 1 FROM departments WHERE id = $1`, [mapped.departmentId])) as unknown[]).length > 0
        : false;
      const fields = {
        displayName: person.displayName ?? before?.displayName ?? username,
        displayNameKana: person.kana ?? before?.displayNameKana ?? null,
        departmentId: departmentExists ? mapped.departmentId : (before?.departmentId ?? null),
        roles: mapped.roles,
        ldapDn: person.dn,
      };
      if (before) {
        const all = await repo.find({ select: { id: true, roles: true, active: true } });
        const keptAdmin =
          before.roles.includes('admin') &&
          !fields.roles.includes('admin') &&
          activeAdminsAfter(all, [{ after: { id: before.id, roles: fields.roles, active: before.active } }]) < 1;
        if (keptAdmin) fields.roles = [...fields.roles, 'admin'];
        const differs =
          before.displayName !== fields.displayName ||
          before.displayNameKana !== fields.displayNameKana ||
          before.departmentId !== fields.departmentId ||
          before.ldapDn !== fields.ldapDn ||
          [...before.roles].sort().join() !== [...fields.roles].sort().join();
        // A kept role is worth a line in the audit even when nothing else changed: the directory and Yakuba disagree.
        if (differs || keptAdmin) {
          await repo.update({ id: before.id }, fields);
          await this.audit.record(
            {
              action: 'auth.ldap_account_updated',
              actorId: before.id,
              targetType: 'user',
              targetId: before.id,
              ip,
              data: { roles: fields.roles, departmentId: fields.departmentId, keptLastAdministrator: keptAdmin },
            },
            m,
          );
        }
        const moved = before.departmentId !== fields.departmentId;
        const placed = moved && this.placement ? await this.placement.place(m, [before.id]) : undefined;
        return { user: { ...before, ...fields } as User, changed: differs, placed };
      }
      const created = await repo.save(
        repo.create({ ...fields, username, active: true, authSource: 'ldap', passwordHash: unusable, mustChangePassword: false }),
      );
      await this.audit.record(
        {
          action: 'auth.ldap_account_created',
          actorId: created.id,
          targetType: 'user',
          targetId: created.id,
          ip,
          data: { dn: person.dn, roles: created.roles, departmentId: created.departmentId },
        },
        m,
      );
      const placed = this.placement ? await this.placement.place(m, [created.id]) : undefined;
      return { user: created, changed: true, placed };
    });
    if (placed && this.placement) await this.placement.announce(placed);
    if (changed) this.events.publish('user.changed', { userId: user.id });
    return user;
  }
}
