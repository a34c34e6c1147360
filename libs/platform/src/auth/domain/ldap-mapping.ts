import type { LdapGroupDepartment, LdapGroupRole, Role } from '@yakuba/contracts';

/** RFC 4515 escaping of a value placed in a search filter: a username cannot widen the filter. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A filter template with `{username}` / `{dn}` replaced by escaped values. */
export function fillFilter(template: string, values: { username: string; dn?: string }): string {
  return template
    .replaceAll('{username}', escapeFilterValue(values.username))
    .replaceAll('{dn}', escapeFilterValue(values.dn ?? ''));
}

/** The cn of a group DN (`cn=somu,ou=groups,dc=town` → `somu`); the DN itself when it has none. */
export function groupCn(dn: string): string {
  const first = dn.split(/(?<!\\),/)[0] ?? '';
  const match = /^\s*cn\s*=\s*(.+)$/i.exec(first);
  return match ? match[1].trim() : dn.trim();
}

const matches = (key: string, groups: readonly string[]): boolean => {
  const wanted = key.trim().toLowerCase();
  return groups.some((g) => g.trim().toLowerCase() === wanted || groupCn(g).toLowerCase() === wanted);
};

/**
 * Roles and department from the directory's groups. Everyone is staff; each mapped group adds its role; the first
 * department mapping (in the administrators' order) whose group the user is in gives the department.
 */
export function mapGroups(
  groups: readonly string[],
  roleMappings: readonly LdapGroupRole[],
  departmentMappings: readonly LdapGroupDepartment[],
): { roles: Role[]; departmentId: string | null } {
  const roles = new Set<Role>(['staff']);
  for (const m of roleMappings) if (matches(m.group, groups)) roles.add(m.role);
  const department = departmentMappings.find((m) => matches(m.group, groups));
  return { roles: [...roles], departmentId: department?.departmentId ?? null };
}
