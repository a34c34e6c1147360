import { useState, type FormEvent } from 'react';
import { POSITIONS, ROLES, type DepartmentView, type Role } from '@yakuba/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { useT } from '../../i18n/i18n';
import { directoryApi, type DirectoryUser } from './directory-api';
import { directoryKeys, useDepartments, useUsers } from './directory-queries';
import { adminMessages } from './messages';
import { securityApi } from './security-api';
import { securityMessages } from './security-messages';
import { DataTable } from '../../shared/data-table';

type Draft = {
  username: string;
  displayName: string;
  displayNameKana: string;
  departmentId: string;
  position: string;
  /** The roles held beside `staff`. */
  extraRoles: ExtraRole[];
  password: string;
};

type ExtraRole = Exclude<Role, 'staff'>;
const EXTRA_ROLES = ROLES.filter((r): r is ExtraRole => r !== 'staff');
const ROLE_LABEL: Record<ExtraRole, 'adminRole' | 'disasterOfficerRole' | 'surveyAdminRole'> = {
  admin: 'adminRole',
  disaster_officer: 'disasterOfficerRole',
  survey_admin: 'surveyAdminRole',
};

const emptyDraft = (departments: DepartmentView[]): Draft => ({
  username: '',
  displayName: '',
  displayNameKana: '',
  departmentId: departments[0]?.id ?? '',
  position: '主事',
  extraRoles: [],
  password: '',
});

export function UsersPage() {
  const t = useT(adminMessages);
  const ts = useT(securityMessages);
  const departments = useDepartments();
  const [q, setQ] = useState('');
  const [includeDisabled, setIncludeDisabled] = useState(false);
  const { users, loading } = useUsers({ q, includeDisabled });
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const deptName = (id: string | null) => departments.find((d) => d.id === id)?.name ?? t('none');

  function startEdit(user: DirectoryUser) {
    setEditing({
      id: user.id,
      draft: {
        username: user.username,
        displayName: user.displayName,
        displayNameKana: user.displayNameKana ?? '',
        departmentId: user.departmentId ?? '',
        position: user.position ?? '',
        extraRoles: EXTRA_ROLES.filter((r) => user.roles.includes(r)),
        password: '',
      },
    });
  }

  async function run(action: () => Promise<unknown>, success?: string) {
    try {
      await action();
      setNotice(success ? { ok: true, text: success } : null);
      await queryClient.invalidateQueries({ queryKey: directoryKeys.all });
      return true;
    } catch (err) {
      setNotice({ ok: false, text: errorText(err) });
      return false;
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const d = editing.draft;
    const roles: Role[] = ['staff', ...d.extraRoles];
    const ok = await run(() =>
      editing.id
        ? directoryApi.updateUser(editing.id, {
            displayName: d.displayName,
            displayNameKana: d.displayNameKana,
            departmentId: d.departmentId,
            position: d.position || null,
            roles,
          })
        : directoryApi.createUser({
            username: d.username,
            displayName: d.displayName,
            displayNameKana: d.displayNameKana || undefined,
            departmentId: d.departmentId,
            position: d.position || undefined,
            roles,
            password: d.password,
          }),
    );
    if (ok) setEditing(null);
  }

  function resetPassword(user: DirectoryUser) {
    const password = window.prompt(`${user.displayName}: ${t('newPasswordPrompt')}`);
    if (password) void run(() => directoryApi.resetPassword(user.id, password), t('passwordReset'));
  }

  /** A lost phone: the authenticator is removed so the person can enrol again (from inside the town hall). */
  function resetTotp(user: DirectoryUser) {
    if (window.confirm(ts('confirmResetTotp', { name: user.displayName }))) void run(() => securityApi.resetTotp(user.id), ts('totpReset'));
  }

  function toggleActive(user: DirectoryUser) {
    if (user.active && !window.confirm(t('confirmDisable'))) return;
    void run(() => directoryApi.updateUser(user.id, { active: !user.active }));
  }

  const set = (patch: Partial<Draft>) => setEditing((cur) => (cur ? { ...cur, draft: { ...cur.draft, ...patch } } : cur));

  return (
    <div>
      <div className="toolbar">
        <input type="search" placeholder={t('search')} value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('search')} />
        <label className="checkbox">
          <input type="checkbox" checked={includeDisabled} onChange={(e) => setIncludeDisabled(e.target.checked)} />
          {t('includeDisabled')}
        </label>
        <span className="spacer" />
        <button className="primary" onClick={() => setEditing({ id: null, draft: emptyDraft(departments) })}>
          {t('newUser')}
        </button>
      </div>
      {notice && (
        <p className={notice.ok ? 'success' : 'error'} role="status">
          {notice.text}
        </p>
      )}
      {editing && (
        <form className="card form grid-form" onSubmit={(e) => void save(e)} aria-label={editing.id ? t('edit') : t('newUser')}>
          <label>
            {t('username')}
            <input
              value={editing.draft.username}
              disabled={!!editing.id}
              onChange={(e) => set({ username: e.target.value })}
              required
              pattern="[a-z0-9][a-z0-9._\-]{1,62}"
            />
          </label>
          <label>
            {t('displayName')}
            <input value={editing.draft.displayName} onChange={(e) => set({ displayName: e.target.value })} required maxLength={100} />
          </label>
          <label>
            {t('kana')}
            <input value={editing.draft.displayNameKana} onChange={(e) => set({ displayNameKana: e.target.value })} maxLength={100} />
          </label>
          <label>
            {t('department')}
            <select value={editing.draft.departmentId} onChange={(e) => set({ departmentId: e.target.value })} required>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('position')}
            <select value={editing.draft.position} onChange={(e) => set({ position: e.target.value })}>
              <option value="">{t('none')}</option>
              {POSITIONS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="checkbox-group">
            <legend>{t('roles')}</legend>
            {EXTRA_ROLES.map((role) => (
              <label key={role} className="checkbox">
                <input
                  type="checkbox"
                  checked={editing.draft.extraRoles.includes(role)}
                  onChange={(e) =>
                    set({
                      extraRoles: e.target.checked
                        ? [...editing.draft.extraRoles, role]
                        : editing.draft.extraRoles.filter((r) => r !== role),
                    })
                  }
                />
                {t(ROLE_LABEL[role])}
              </label>
            ))}
          </fieldset>
          {!editing.id && (
            <label>
              {t('initialPassword')}
              <input
                type="password"
                autoComplete="new-password"
                minLength={8}
                value={editing.draft.password}
                onChange={(e) => set({ password: e.target.value })}
                required
              />
            </label>
          )}
          <div className="form-actions">
            <button type="button" onClick={() => setEditing(null)}>
              {t('cancel')}
            </button>
            <button className="primary" type="submit">
              {editing.id ? t('save') : t('create')}
            </button>
          </div>
        </form>
      )}
      <DataTable
        rows={users}
        rowKey={(u) => u.id}
        busy={loading}
        rowClassName={(u) => (u.active ? '' : 'muted')}
        columns={[
          {
            header: t('displayName'),
            cell: (u) => (
              <>
                {u.displayName}
                {u.displayNameKana && <div className="small muted">{u.displayNameKana}</div>}
              </>
            ),
          },
          { header: t('username'), cell: (u) => <code>{u.username}</code> },
          { header: t('department'), cell: (u) => deptName(u.departmentId) },
          { header: t('position'), cell: (u) => u.position ?? t('none') },
          {
            header: t('roles'),
            cell: (u) =>
              EXTRA_ROLES.filter((r) => u.roles.includes(r))
                .map((r) => t(ROLE_LABEL[r]))
                .join('、'),
          },
          { header: t('status'), cell: (u) => (u.active ? t('active') : t('disabled')) },
          {
            header: '',
            cell: (u) => (
              <div className="row-actions">
                <button onClick={() => startEdit(u)}>{t('edit')}</button>
                <button onClick={() => resetPassword(u)}>{t('resetPassword')}</button>
                <button onClick={() => resetTotp(u)}>{ts('resetTotp')}</button>
                <button onClick={() => toggleActive(u)}>{u.active ? t('disable') : t('enable')}</button>
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
