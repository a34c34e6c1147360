import { useCallback, useMemo } from 'react';
import { SYSTEM_ACCOUNT } from '@yakuba/contracts';
import { useSession } from '../../auth/session';
import { useDepartments, useUsers } from '../admin/directory-queries';

/** id → display name from the shared directory (a guest may not read the directory: ids then show as —). */
export function useNames(): (id: string | null | undefined) => string {
  const { can } = useSession();
  const { users } = useUsers();
  const map = useMemo(() => new Map(users.map((u) => [u.id, u.displayName])), [users]);
  const allowed = can('directory.read');
  return useCallback(
    (id: string | null | undefined) =>
      !id ? '—' : id === SYSTEM_ACCOUNT.id ? SYSTEM_ACCOUNT.displayName : allowed ? (map.get(id) ?? '…') : '—',
    [map, allowed],
  );
}

/** The active staff, sorted by department then name, for the officer's pickers. */
export function useStaff() {
  const { users } = useUsers();
  const departments = useDepartments();
  return useMemo(() => {
    const order = new Map(departments.map((d, i) => [d.id, i]));
    const deptName = new Map(departments.map((d) => [d.id, d.name]));
    const staff = [...users].sort(
      (a, b) =>
        (order.get(a.departmentId ?? '') ?? 999) - (order.get(b.departmentId ?? '') ?? 999) ||
        a.displayName.localeCompare(b.displayName, 'ja'),
    );
    return { staff, deptName };
  }, [users, departments]);
}
