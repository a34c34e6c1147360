import { Client, InvalidCredentialsError, type Entry } from 'ldapts';
import type { LdapTestResult } from '@yakuba/contracts';
import { fillFilter, mapGroups } from './domain/ldap-mapping';
import type { SecuritySettings } from './security-settings.service';
import type { SecretBox } from './secret-box';

type LdapSettings = SecuritySettings['ldap'];

/** A person found in the directory, with what Yakuba takes from it. */
export interface DirectoryPerson {
  dn: string;
  displayName: string | null;
  kana: string | null;
  groups: string[];
}

export type DirectoryVerdict =
  | { kind: 'ok'; person: DirectoryPerson }
  | { kind: 'unknown_user' | 'wrong_password' | 'error'; message: string };

const first = (value: Entry[string] | undefined): string | null => {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return null;
  const text = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  return text.trim() || null;
};
const all = (value: Entry[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));

/**
 * Sign-in against an LDAP / Active Directory with ldapts: search the user's entry (as the search account, or
 * anonymously), then bind as that entry with the password typed. Groups come from the entry's `memberOf` (AD, or
 * OpenLDAP's memberof overlay) and from a group search (`groupFilter`), so both kinds of directory work.
 */
export class LdapDirectory {
  constructor(
    private readonly settings: LdapSettings,
    private readonly box: SecretBox,
  ) {}

  private async client(): Promise<Client> {
    const s = this.settings;
    const tlsOptions = { rejectUnauthorized: s.tlsRejectUnauthorized, ...(s.tlsCaCertificate.trim() ? { ca: [s.tlsCaCertificate] } : {}) };
    const client = new Client({
      url: s.url,
      timeout: s.timeoutSeconds * 1000,
      connectTimeout: s.timeoutSeconds * 1000,
      ...(s.url.startsWith('ldaps:') ? { tlsOptions } : {}),
    });
    if (s.startTls) await client.startTLS(tlsOptions);
    return client;
  }

  private async searchBind(client: Client): Promise<void> {
    const s = this.settings;
    if (s.bindDn) await client.bind(s.bindDn, s.bindPasswordSealed ? this.box.open(s.bindPasswordSealed) : '');
  }

  private async find(client: Client, username: string): Promise<DirectoryPerson | null> {
    const s = this.settings;
    const attributes = ['dn', 'memberOf', s.displayNameAttribute, ...(s.kanaAttribute ? [s.kanaAttribute] : [])];
    const { searchEntries } = await client.search(s.baseDn, {
      scope: 'sub',
      filter: fillFilter(s.userFilter, { username }),
      attributes,
      sizeLimit: 2,
    });
    // Two entries for one name is a directory mistake: nobody signs in as either.
    if (searchEntries.length !== 1) return null;
    const entry = searchEntries[0];
    const groups = new Set(all(entry.memberOf));
    if (s.groupFilter.trim()) {
      const found = await client.search(s.groupBaseDn || s.baseDn, {
        scope: 'sub',
        filter: fillFilter(s.groupFilter, { username, dn: entry.dn }),
        attributes: ['dn'],
        sizeLimit: 500,
      });
      for (const g of found.searchEntries) groups.add(g.dn);
    }
    return {
      dn: entry.dn,
      displayName: first(entry[s.displayNameAttribute]),
      kana: s.kanaAttribute ? first(entry[s.kanaAttribute]) : null,
      groups: [...groups],
    };
  }

  async authenticate(username: string, password: string): Promise<DirectoryVerdict> {
    // An empty password is an unauthenticated bind (RFC 4513 5.1.2), which many directories answer with success.
    if (!password) return { kind: 'wrong_password', message: 'empty password' };
    let client: Client | undefined;
    try {
      client = await this.client();
      await this.searchBind(client);
      const person = await this.find(client, username);
      if (!person) return { kind: 'unknown_user', message: 'no single entry matches' };
      try {
        await client.bind(person.dn, password);
      } catch (error) {
        if (error instanceof InvalidCredentialsError) return { kind: 'wrong_password', message: 'invalid credentials' };
        throw error;
      }
      return { kind: 'ok', person };
    } catch (error) {
      return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    } finally {
      await client?.unbind().catch(() => undefined);
    }
  }

  /** For the settings screen: connect, bind as the search account, and look one user up if named. */
  async test(username?: string): Promise<LdapTestResult> {
    let client: Client | undefined;
    try {
      client = await this.client();
      await this.searchBind(client);
      if (!username) return { ok: true, message: 'connected and bound as the search account' };
      const person = await this.find(client, username);
      if (!person) return { ok: false, message: `no single entry for "${username}"` };
      const mapped = mapGroups(person.groups, this.settings.roleMappings, this.settings.departmentMappings);
      return { ok: true, message: 'found', user: { dn: person.dn, displayName: person.displayName, groups: person.groups, ...mapped } };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    } finally {
      await client?.unbind().catch(() => undefined);
    }
  }
}
