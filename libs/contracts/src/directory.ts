import type { Role } from './permissions';

/** Positions of the town hall, lowest to highest. */
export const POSITIONS = ['主事', '主任', '係長', '課長補佐', '課長', '副町長', '町長'] as const;
export type Position = (typeof POSITIONS)[number];

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  position: string | null;
  roles: Role[];
  active: boolean;
}

/** A member of staff as the directory lists them (GET /api/users): with the reading of the name (フリガナ). */
export interface DirectoryUserView extends UserView {
  displayNameKana: string | null;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  departmentId?: string | null;
  position?: string | null;
}

export interface DepartmentView {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  sortOrder: number;
}

export interface LoginResponse {
  accessToken: string;
  user: SessionUser;
}

export interface CsvImportRowError {
  row: number;
  field?: string;
  /** In English, for logs. The import screen writes its own sentence from `reason` and `value`. */
  message: string;
  reason: CsvRowReason;
  /** What the row held (the unknown department, the duplicate's row number, the shortest password allowed). */
  value?: string | number;
}

export const CSV_ROW_REASONS = [
  'invalid_username',
  'duplicate',
  'display_name_invalid',
  'unknown_value',
  'password_too_short',
  'password_required',
  'password_policy',
] as const;
export type CsvRowReason = (typeof CSV_ROW_REASONS)[number];
export interface CsvImportResult {
  imported: number;
  errors: CsvImportRowError[];
}

/** POST /api/users/import: what was imported (or, for a dry run, would be), all rows or none. */
export interface CsvImportReport extends CsvImportResult {
  created: number;
  updated: number;
  dryRun: boolean;
}

/** A sign-in source with recent failures, as administrators see it (GET /api/auth/throttles). */
export interface LoginThrottleView {
  username: string;
  ip: string;
  /** The failures came from a browser with a device cookie of this account. */
  device: boolean;
  failures: number;
  lastFailureAt: string;
  /** Until when this source's sign-ins are refused (429); null when it may try again now. */
  delayedUntil: string | null;
}

/**
 * The system account: the author of notices that contexts post through the notice port (approval waits, survey
 * reminders, disaster alerts). A real `users` row, so ids and foreign keys work, that cannot sign in and is not
 * listed as staff; clients show it by this id as 「Yakuba」 with a badge, not as a person.
 */
export const SYSTEM_ACCOUNT = {
  id: '00000000-0000-4000-8000-00000000ca1b',
  username: 'yakuba',
  displayName: 'Yakuba',
} as const;
