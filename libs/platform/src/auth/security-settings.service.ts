import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LdapSettingsView, SecuritySettingsView } from '@yakuba/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { DomainEvents } from '../events/domain-events';
import type { Principal } from './principal';
import { SecretBox } from './secret-box';

/** The stored settings: the view, with the LDAP search password sealed instead of `bindPasswordSet`. */
export interface SecuritySettings extends Omit<SecuritySettingsView, 'ldap' | 'updatedAt'> {
  ldap: Omit<LdapSettingsView, 'bindPasswordSet'> & { bindPasswordSealed: string | null };
}

/** What an administrator sends: every section optional; `bindPassword` only when it changes ('' clears it). */
export type SecuritySettingsUpdate = {
  session?: SecuritySettings['session'];
  password?: SecuritySettings['password'];
  totp?: SecuritySettings['totp'];
  ldap?: Omit<SecuritySettings['ldap'], 'bindPasswordSealed'> & { bindPassword?: string };
};

/** Another process may have changed them: the cached copy is re-read after this long. */
const CACHE_MS = 10_000;

/**
 * The administrators' security settings (session timeouts, password policy, TOTP requirement, LDAP), one row in
 * `security_settings`; until an administrator saves them, the defaults come from the environment (app-config.ts).
 */
@Injectable()
export class SecuritySettingsService {
  private cached?: { at: number; value: SecuritySettings; updatedAt: Date | null };
  readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {
    this.box = new SecretBox(config.jwtSecret);
  }

  defaults(): SecuritySettings {
    return {
      session: { idleTimeoutSeconds: this.config.sessionIdleMinutes * 60, absoluteTimeoutSeconds: this.config.sessionTtlHours * 3600 },
      password: { minLength: this.config.passwordMinLength, requiredClasses: [], historyCount: 5, changeAtFirstSignIn: this.config.passwordChangeAtFirstSignIn },
      totp: { requiredOutsideInternal: false, internalNetworks: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '::1/128'] },
      ldap: {
        enabled: false,
        url: 'ldap://127.0.0.1:389',
        bindDn: '',
        bindPasswordSealed: null,
        baseDn: 'dc=example,dc=lg,dc=jp',
        userFilter: '(|(sAMAccountName={username})(uid={username}))',
        groupBaseDn: '',
        groupFilter: '(|(member={dn})(uniqueMember={dn})(memberUid={username}))',
        displayNameAttribute: 'displayName',
        kanaAttribute: '',
        roleMappings: [],
        departmentMappings: [],
        startTls: false,
        tlsRejectUnauthorized: true,
        tlsCaCertificate: '',
        timeoutSeconds: 5,
      },
    };
  }

  async get(): Promise<SecuritySettings> {
    return (await this.load()).value;
  }

  async view(): Promise<SecuritySettingsView> {
    const { value, updatedAt } = await this.load();
    const { bindPasswordSealed, ...ldap } = value.ldap;
    return { ...value, ldap: { ...ldap, bindPasswordSet: bindPasswordSealed !== null }, updatedAt: updatedAt?.toISOString() ?? null };
  }

  /** The LDAP settings an update would give (for "test connection" before saving). */
  async merged(update: SecuritySettingsUpdate): Promise<SecuritySettings> {
    const current = await this.get();
    const next: SecuritySettings = {
      session: update.session ?? current.session,
      password: update.password ?? current.password,
      totp: update.totp ?? current.totp,
      ldap: current.ldap,
    };
    if (update.ldap) {
      const { bindPassword, ...ldap } = update.ldap;
      next.ldap = {
        ...ldap,
        bindPasswordSealed: bindPassword === undefined ? current.ldap.bindPasswordSealed : bindPassword === '' ? null : this.box.seal(bindPassword),
      };
    }
    return next;
  }

  async update(actor: Principal, update: SecuritySettingsUpdate, ip: string): Promise<SecuritySettingsView> {
    const next = await this.merged(update);
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO security_settings (id, settings, updated_at, updated_by) VALUES (1, $1, now(), $2)
         ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [JSON.stringify(next), actor.id],
      );
      const { bindPassword, ...ldapLogged } = update.ldap ?? {};
      await this.audit.record(
        {
          action: 'security.settings_changed',
          actorId: actor.id,
          targetType: 'settings',
          targetId: 'security',
          ip,
          data: {
            sections: Object.keys(update),
            ...(update.session ? { session: update.session } : {}),
            ...(update.password ? { password: update.password } : {}),
            ...(update.totp ? { totp: update.totp } : {}),
            ...(update.ldap ? { ldap: { ...ldapLogged, bindPasswordChanged: bindPassword !== undefined } } : {}),
          },
        },
        m,
      );
    });
    this.cached = undefined;
    // Shorter timeouts end sessions at once: their sockets are checked again.
    if (update.session) this.events.publish('sessions.revoked', { userId: '*' });
    return this.view();
  }

  private async load(): Promise<{ value: SecuritySettings; updatedAt: Date | null }> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached;
    const [row] = (await this.db.query(`SELECT settings, updated_at FROM security_settings WHERE id = 1`)) as {
      settings: Partial<SecuritySettings>;
      updated_at: Date;
    }[];
    const defaults = this.defaults();
    // A section saved before a field was added keeps the field's default.
    const value: SecuritySettings = row
      ? {
          session: { ...defaults.session, ...row.settings.session },
          password: { ...defaults.password, ...row.settings.password },
          totp: { ...defaults.totp, ...row.settings.totp },
          ldap: { ...defaults.ldap, ...row.settings.ldap },
        }
      : defaults;
    this.cached = { at: Date.now(), value, updatedAt: row?.updated_at ?? null };
    return this.cached;
  }
}
