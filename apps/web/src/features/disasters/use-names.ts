import { useCallback, useMemo } from 'react';
import { SYSTEM_ACCOUNT } from '@yakuba/contracts';
import { useSession } from '../../auth/session';
import { useQuery } from '@tanstack/react-query';
import type { DepartmentView } from '@yakuba/contracts';
import { departmentsQuery, usersQuery } from '../admin/directory-queries';
import type { DirectoryUser } from '../admin/directory-api';
import { usePeople } from './disasters-queries';

const NONE: DirectoryUser[] = [];
const NO_DEPARTMENTS: DepartmentView[] = [];

/**
 * id → display name: the shared directory, then (given a disaster) its channel's members, which also name its
 * guests and are all a guest may read.
 */
export function useNames(disasterId?: string): (id: string | null | undefined) => string {
  const { can } = useSession();
  const allowed = can('directory.read');
  const users = useQuery({ ...usersQuery(), enabled: allowed }).data ?? NONE;
  const people = usePeople(disasterId).data;
  const map = useMemo(() => {
    const names = new Map((people ?? []).map((p) => [p.id, p.displayName]));
    for (const u of users) names.set(u.id, u.displayName);
    return names;
  }, [users, people]);
  return useCallback(
    (id: string | null | undefined) => (!id ? '—' : id === SYSTEM_ACCOUNT.id ? SYSTEM_ACCOUNT.displayName : (map.get(id) ?? '…')),
    [map],
  );
}

/** The active staff, sorted by department then name, for the officer's pickers. */
export function useStaff() {
  const { can } = useSession();
  const allowed = can('directory.read');
  const users = useQuery({ ...usersQuery(), enabled: allowed }).data ?? NONE;
  const departments = useQuery({ ...departmentsQuery, enabled: allowed }).data ?? NO_DEPARTMENTS;
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
