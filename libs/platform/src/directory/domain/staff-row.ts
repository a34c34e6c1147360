import { POSITIONS, ROLES, type CsvRowReason, type Role } from '@yakuba/contracts';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** Header names accepted in a staff CSV, Japanese (as typed in Excel) or English. */
const HEADER_ALIASES: Record<string, keyof RawStaffRow> = {
  username: 'username',
  ユーザー名: 'username',
  ユーザid: 'username',
  ログインid: 'username',
  ログインＩＤ: 'username',
  displayname: 'displayName',
  氏名: 'displayName',
  名前: 'displayName',
  kana: 'displayNameKana',
  displaynamekana: 'displayNameKana',
  ふりがな: 'displayNameKana',
  フリガナ: 'displayNameKana',
  氏名カナ: 'displayNameKana',
  department: 'department',
  所属: 'department',
  課: 'department',
  部署: 'department',
  position: 'position',
  職名: 'position',
  役職: 'position',
  roles: 'roles',
  権限: 'roles',
  ロール: 'roles',
  password: 'password',
  初期パスワード: 'password',
  パスワード: 'password',
};

export interface RawStaffRow {
  username?: string;
  displayName?: string;
  displayNameKana?: string;
  department?: string;
  position?: string;
  roles?: string;
  password?: string;
}

export interface StaffRow {
  row: number;
  username: string;
  displayName: string;
  displayNameKana: string | null;
  departmentId: string | null;
  position: string | null;
  roles: Role[];
  /** The roles cell was filled in; an empty cell keeps an existing account's roles. */
  rolesGiven: boolean;
  password: string | null;
}

export interface RowError {
  row: number;
  field?: string;
  message: string;
  /** The rule the row breaks, for the import screen's sentence in the reader's language; `value` what it read. */
  reason: CsvRowReason;
  value?: string | number;
}

export function normaliseHeader(header: string): keyof RawStaffRow | undefined {
  const key = header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  return HEADER_ALIASES[key] ?? HEADER_ALIASES[header.trim()];
}

/**
 * Validates CSV rows (row numbers are 1-based lines of the file, the header being line 1). Departments are looked
 * up by name, English name or code; `isExisting` tells which usernames are already accounts (they are updated, and
 * need no password).
 */
export function validateStaffRows(
  rows: RawStaffRow[],
  departmentIdByKey: ReadonlyMap<string, string>,
  isExisting: (username: string) => boolean,
  minPasswordLength = 10,
): { valid: StaffRow[]; errors: RowError[] } {
  const valid: StaffRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 2;
    const rowErrors: RowError[] = [];
    const username = (raw.username ?? '').trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username))
      rowErrors.push({
        row,
        field: 'username',
        message: 'username must be 2-63 of a-z, 0-9, . _ -',
        reason: 'invalid_username',
        value: username,
      });
    else if (seen.has(username))
      rowErrors.push({
        row,
        field: 'username',
        message: `duplicate of row ${seen.get(username)}`,
        reason: 'duplicate',
        value: seen.get(username),
      });
    else seen.set(username, row);
    const displayName = (raw.displayName ?? '').trim();
    if (!displayName || displayName.length > 100)
      rowErrors.push({
        row,
        field: 'displayName',
        message: 'displayName is required (at most 100 characters)',
        reason: 'display_name_invalid',
      });
    const deptKey = (raw.department ?? '').trim();
    const departmentId = deptKey ? (departmentIdByKey.get(deptKey) ?? departmentIdByKey.get(deptKey.toLowerCase())) : undefined;
    if (deptKey && !departmentId)
      rowErrors.push({ row, field: 'department', message: `unknown department "${deptKey}"`, reason: 'unknown_value', value: deptKey });
    const position = (raw.position ?? '').trim() || null;
    if (position && !(POSITIONS as readonly string[]).includes(position))
      rowErrors.push({ row, field: 'position', message: `unknown position "${position}"`, reason: 'unknown_value', value: position });
    const roleList = (raw.roles ?? '')
      .split(/[\s,;|、]+/)
      .map((r) => r.trim().toLowerCase())
      .filter(Boolean);
    const roles = (roleList.length ? roleList : ['staff']) as Role[];
    const badRole = roles.find((r) => !(ROLES as readonly string[]).includes(r));
    if (badRole) rowErrors.push({ row, field: 'roles', message: `unknown role "${badRole}"`, reason: 'unknown_value', value: badRole });
    const password = (raw.password ?? '').trim() || null;
    if (password && password.length < minPasswordLength)
      rowErrors.push({
        row,
        field: 'password',
        message: `password must be at least ${minPasswordLength} characters`,
        reason: 'password_too_short',
        value: minPasswordLength,
      });
    if (!password && username && !isExisting(username))
      rowErrors.push({ row, field: 'password', message: 'password is required for a new account', reason: 'password_required' });
    if (rowErrors.length) errors.push(...rowErrors);
    else
      valid.push({
        row,
        username,
        displayName,
        displayNameKana: (raw.displayNameKana ?? '').trim() || null,
        departmentId: departmentId ?? null,
        position,
        roles: [...new Set(roles)],
        rolesGiven: roleList.length > 0,
        password,
      });
  });
  return { valid, errors };
}
