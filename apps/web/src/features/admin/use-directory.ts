import { useCallback, useEffect, useState } from 'react';
import type { DepartmentView, UserView } from '@yakuba/contracts';
import { api } from '../../api/client';

export type DirectoryUser = UserView & { displayNameKana: string | null };

export function useDepartments(): DepartmentView[] {
  const [departments, setDepartments] = useState<DepartmentView[]>([]);
  useEffect(() => {
    api<DepartmentView[]>('GET', '/api/departments').then(setDepartments, () => setDepartments([]));
  }, []);
  return departments;
}

export function useUsers(query: { q: string; includeDisabled: boolean }) {
  const [users, setUsers] = useState<DirectoryUser[]>([]);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.includeDisabled) params.set('includeDisabled', 'true');
    try {
      setUsers(await api<DirectoryUser[]>('GET', `/api/users?${params}`));
    } finally {
      setLoading(false);
    }
  }, [query.q, query.includeDisabled]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { users, loading, reload };
}
