import type { Role } from './permissions';
import type { SessionUser } from './directory';

/** Character classes a password policy can require. */
export const PASSWORD_CLASSES = ['lower', 'upper', 'digit', 'symbol'] as const;
export type PasswordClass = (typeof PASSWORD_CLASSES)[number];

const CLASS_PATTERNS: Record<PasswordClass, RegExp> = {
  lower: /\p{Ll}/u,
  upper: /\p{Lu}/u,
  digit: /\p{Nd}/u,
  // Anything that is not a letter with case or a digit: punctuation, symbols, spaces, and Japanese kana/kanji too
  // (they have no case, and a Japanese passphrase is a good one).
  symbol: /[^\p{Ll}\p{Lu}\p{Nd}]/u,
};

/** The character classes a password contains: the server's policy check and the screens' checklist use this one. */
export function passwordClassesOf(password: string): PasswordClass[] {
  return PASSWORD_CLASSES.filter((c) => CLASS_PATTERNS[c].test(password));
}

/** Length as the policy counts it: characters (code points), not bytes or UTF-16 units. */
export const passwordLength = (password: string): number => [...password].length;

export interface PasswordPolicyView {
  minLength: number;
  requiredClasses: PasswordClass[];
  /** A new password may not be any of the last n (the current one included); 0: only differ from the current. */
  historyCount: number;
  /** Accounts created by an administrator or an import, and passwords reset by one, must be changed at sign-in. */
  changeAtFirstSignIn: boolean;
}

export interface SessionTimeoutsView {
  /** A session unused this long ends (seconds; the screen shows minutes). */
  idleTimeoutSeconds: number;
  /** A session ends this long after sign-in, used or not (seconds; the screen shows hours). */
  absoluteTimeoutSeconds: number;
}

export interface TotpPolicyView {
  /** Sign-ins from outside `internalNetworks` need an enrolled authenticator (refused otherwise). */
  requiredOutsideInternal: boolean;
  /** CIDRs of the town hall's networks (LGWAN side), e.g. 10.0.0.0/8. */
  internalNetworks: string[];
}

export interface LdapGroupRole {
  /** A group's DN or its cn (case-insensitive). */
  group: string;
  role: Role;
}
export interface LdapGroupDepartment {
  group: string;
  departmentId: string;
}

export interface LdapSettingsView {
  enabled: boolean;
  /** ldap://host:389 or ldaps://host:636 */
  url: string;
  /** The account that searches for users; empty: anonymous search. */
  bindDn: string;
  /** Whether a search password is stored (it is never sent back). */
  bindPasswordSet: boolean;
  baseDn: string;
  /** `{username}` is replaced by the escaped name typed at sign-in, e.g. (sAMAccountName={username}) or (uid={username}). */
  userFilter: string;
  /** Where groups are searched; empty: baseDn. */
  groupBaseDn: string;
  /** `{dn}` and `{username}` are replaced, e.g. (|(member={dn})(uniqueMember={dn})(memberUid={username})). */
  groupFilter: string;
  displayNameAttribute: string;
  /** Empty: no kana from the directory. */
  kanaAttribute: string;
  roleMappings: LdapGroupRole[];
  departmentMappings: LdapGroupDepartment[];
  startTls: boolean;
  /** Check the directory's certificate (ldaps:// or StartTLS); turn off only for a test directory. */
  tlsRejectUnauthorized: boolean;
  /** PEM of the CA that signed the directory's certificate; empty: the system's CAs. */
  tlsCaCertificate: string;
  timeoutSeconds: number;
}

/** GET/PUT /api/auth/security (administrators). */
export interface SecuritySettingsView {
  session: SessionTimeoutsView;
  password: PasswordPolicyView;
  totp: TotpPolicyView;
  ldap: LdapSettingsView;
  updatedAt: string | null;
}

export interface LdapTestResult {
  ok: boolean;
  /** What happened, in English (the screen shows its own words for ok / not ok). */
  message: string;
  user?: { dn: string; displayName: string | null; groups: string[]; roles: Role[]; departmentId: string | null };
}

/** A live session, as its owner or an administrator sees it. */
export interface SessionView {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  createdAt: string;
  lastActiveAt: string;
  ip: string | null;
  userAgent: string | null;
  /** The session making this request. */
  current: boolean;
}

/** The answer of POST /api/auth/login when the account has an authenticator: send a code with the challenge. */
export interface TotpChallenge {
  totpRequired: true;
  challenge: string;
}

export interface TotpStatus {
  enrolled: boolean;
  enrolledAt: string | null;
  recoveryCodesLeft: number;
  /** Sign-ins from outside the internal networks need it (the administrators' setting). */
  requiredOutsideInternal: boolean;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as an SVG QR code, drawn on the server (no outside service). */
  qrSvg: string;
}

/** SessionUser and what the client must do before anything else. */
export interface MeView extends SessionUser {
  mustChangePassword: boolean;
  /** 'local' or 'ldap': a directory account changes its password in the directory. */
  authSource: 'local' | 'ldap';
  /** An outside responder invited into one disaster channel until `expiresAt`: they see that channel only. */
  guest?: { channelId: string; expiresAt: string };
  /** The organisation's time zone (IANA name, server setting TIME_ZONE): every date is shown in it. */
  timeZone?: string;
  /** This account's display choices, stored on the server so that they follow the user to another device. */
  preferences?: UserPreferences;
}

/** How dates are written in the Japanese UI: the Western calendar or the Japanese era (和暦, 令和8年12月1日). */
export const DATE_STYLES = ['gregorian', 'wareki'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

/** GET / PUT /api/auth/preferences. `dateStyle` null: never chosen on any device (the browser's own choice stands). */
export interface UserPreferences {
  dateStyle: DateStyle | null;
}

/**
 * GET /api/auth/session: the session probe of the web client's first load. Always 200 (a signed-out browser gets
 * `user: null`, not a 401 that the browser would log), with the organisation's time zone for the sign-in page too.
 */
export interface SessionProbe {
  user: MeView | null;
  timeZone: string;
}
