import type { CsvImportResult, DepartmentView, DirectoryUserView, Role } from '@yakuba/contracts';
import { api, queryString, upload } from '../../api/client';

/** A user as the directory lists them (`GET /api/users`). */
export type DirectoryUser = DirectoryUserView;

export interface UserQuery {
  q: string;
  includeDisabled: boolean;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  displayNameKana?: string;
  departmentId: string;
  position?: string;
  roles: Role[];
  password: string;
}

export interface UserChange {
  displayName?: string;
  displayNameKana?: string;
  departmentId?: string;
  position?: string | null;
  roles?: Role[];
  active?: boolean;
}

export type ImportResult = CsvImportResult & { created: number; updated: number; dryRun: boolean };

export const directoryApi = {
  departments: () => api<DepartmentView[]>('GET', '/api/departments'),
  users: (query: UserQuery) =>
    api<DirectoryUser[]>('GET', `/api/users${queryString({ q: query.q, includeDisabled: query.includeDisabled || undefined })}`),
  createUser: (input: NewUserInput) => api<DirectoryUser>('POST', '/api/users', input),
  updateUser: (id: string, change: UserChange) => api<DirectoryUser>('PATCH', `/api/users/${id}`, change),
  resetPassword: (id: string, password: string) => api('POST', `/api/users/${id}/password`, { password }),
  importCsv: (file: File, dryRun: boolean, onProgress: (fraction: number) => void) => {
    const form = new FormData();
    form.append('file', file);
    return upload<ImportResult>(`/api/users/import${dryRun ? '?dryRun=true' : ''}`, form, onProgress);
  },
};
