import { useQuery } from '@tanstack/react-query';
import type { DepartmentView } from '@yakuba/contracts';
import { directoryApi, type DirectoryUser, type UserQuery } from './directory-api';

/**
 * The directory through the query cache: fetched once, shared by the admin pages, the meeting form and chat's
 * name lookup. Writes invalidate `directoryKeys.all`.
 */
export const directoryKeys = {
  all: ['directory'] as const,
  departments: ['directory', 'departments'] as const,
  users: (query: UserQuery) => ['directory', 'users', query] as const,
};

const EVERYONE: UserQuery = { q: '', includeDisabled: false };
const DIRECTORY_STALE = 5 * 60_000;

export const departmentsQuery = { queryKey: directoryKeys.departments, queryFn: directoryApi.departments, staleTime: DIRECTORY_STALE };
export const usersQuery = (query: UserQuery = EVERYONE) => ({
  queryKey: directoryKeys.users(query),
  queryFn: () => directoryApi.users(query),
  staleTime: DIRECTORY_STALE,
});

const NO_DEPARTMENTS: DepartmentView[] = [];
const NO_USERS: DirectoryUser[] = [];

export function useDepartments(): DepartmentView[] {
  return useQuery(departmentsQuery).data ?? NO_DEPARTMENTS;
}

/** Active staff (no filter), or the admin page's search. */
export function useUsers(query: UserQuery = EVERYONE): { users: DirectoryUser[]; loading: boolean } {
  const result = useQuery(usersQuery(query));
  return { users: result.data ?? NO_USERS, loading: result.isPending };
}
