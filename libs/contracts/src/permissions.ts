/**
 * The one list of role permissions. The server's PermissionsGuard checks it;
 * the web client uses it to hide what a user cannot do.
 */
export const ROLES = ['staff', 'admin', 'disaster_officer', 'survey_admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'directory.read',
  'directory.manage',
  'audit.read',
  'chat.use',
  'chat.manage',
  'meetings.use',
  'meetings.create',
  /** Declare, run and close disasters and drills; keep the duty roster; invite guests. */
  'disasters.run',
  /** Draft, act on and read approvals (電子決裁). */
  'approvals.use',
  /** Edit document types, route templates and delegated authority (事務決裁規程). */
  'approvals.manage',
  /** Build, open and read the results of staff surveys. */
  'surveys.manage',
  /** Read the DX KPI dashboard. */
  'kpis.read',
  /** Create and revoke API tokens for outside relays. */
  'tokens.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  staff: ['directory.read', 'chat.use', 'meetings.use', 'meetings.create', 'approvals.use'],
  admin: PERMISSIONS,
  // Extra roles are held beside `staff`; they add only what the role is for.
  disaster_officer: ['disasters.run'],
  survey_admin: ['surveys.manage', 'kpis.read'],
};

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const result = new Set<Permission>();
  for (const role of roles) {
    const granted = (ROLE_PERMISSIONS as Record<string, readonly Permission[] | undefined>)[role];
    granted?.forEach((p) => result.add(p));
  }
  return result;
}

export function hasPermission(roles: readonly string[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}
