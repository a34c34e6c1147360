/**
 * The one list of role permissions. The server's PermissionsGuard checks it;
 * the web client uses it to hide what a user cannot do.
 */
export const ROLES = ['staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'directory.read',
  'directory.manage',
  'audit.read',
  'chat.use',
  'chat.manage',
  'meetings.use',
  'meetings.create',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  staff: ['directory.read', 'chat.use', 'meetings.use', 'meetings.create'],
  admin: PERMISSIONS,
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
