import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { Link } from 'react-router-dom';
import { DUTY_GROUPS, type DutyGroup, type DutyRoleInput, type DutyRoleView } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import { boardMessages } from './board-messages';
import { LEVELS } from './disaster-list-page';
import { disastersApi } from './disasters-api';
import { disasterKeys } from './disasters-queries';
import { GROUP_KEY } from './roster-panel';
import { useNames, useStaff } from './use-names';
import styles from './disasters.module.css';

function StaffSelect({ value, onChange, label }: { value: string; onChange(id: string): void; label: string }) {
  const t = useT(boardMessages);
  const { staff, deptName } = useStaff();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
      <option value="">{t('unassigned')}</option>
      {staff.map((u) => (
        <option key={u.id} value={u.id}>
          {u.displayName}（{deptName.get(u.departmentId ?? '') ?? '—'}）
        </option>
      ))}
    </select>
  );
}

function AddRole({ level, onAdded, onCancel }: { level: number; onAdded(): void; onCancel(): void }) {
  const t = useT(boardMessages);
  const errorText = useErrorText();
  const [group, setGroup] = useState<DutyGroup>('headquarters');
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const add = useMutation({
    mutationFn: (input: DutyRoleInput) => disastersApi.addRole(input),
    onSuccess: () => {
      setTitle('');
      setPlace('');
      setAssigneeId('');
      onAdded();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim()) add.mutate({ level, group, title: title.trim(), place: place.trim() || null, assigneeId: assigneeId || null });
  };
  return (
    <form className={`grid-form ${styles.addRole}`} onSubmit={submit} aria-label={t('addDutyAt', { level })}>
      <label>
        {t('group')}
        <select value={group} onChange={(e) => setGroup(e.target.value as DutyGroup)}>
          {DUTY_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(GROUP_KEY[g])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dutyTitle')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('dutyTitlePlaceholder')} maxLength={200} required />
      </label>
      <label>
        {t('place')}
        <input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={200} />
      </label>
      <label>
        {t('assignee')}
        <StaffSelect value={assigneeId} onChange={setAssigneeId} label={t('assignee')} />
      </label>
      <div className="form-actions">
        {add.error && <span className="error small">{errorText(add.error)}</span>}
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" className={styles.withIcon} disabled={!title.trim() || add.isPending}>
          <Plus size={16} aria-hidden /> {t('addDuty')}
        </button>
      </div>
    </form>
  );
}

function RoleRow({ role, editable, onChanged }: { role: DutyRoleView; editable: boolean; onChanged(): void }) {
  const t = useT(boardMessages);
  const errorText = useErrorText();
  const nameOf = useNames();
  const update = useMutation({
    mutationFn: (change: Partial<DutyRoleInput>) => disastersApi.updateRole(role.id, change),
    onSuccess: onChanged,
  });
  const remove = useMutation({ mutationFn: () => disastersApi.removeRole(role.id), onSuccess: onChanged });
  return (
    <tr>
      <td>{t(GROUP_KEY[role.group])}</td>
      <td>{role.title}</td>
      <td>{role.place ?? '—'}</td>
      <td>
        {editable ? (
          <StaffSelect
            value={role.assigneeId ?? ''}
            onChange={(id) => update.mutate({ assigneeId: id || null })}
            label={t('assigneeOf', { title: role.title })}
          />
        ) : role.assigneeId ? (
          nameOf(role.assigneeId)
        ) : (
          t('unassigned')
        )}
        {(update.error ?? remove.error) && <span className="error small"> {errorText(update.error ?? remove.error)}</span>}
      </td>
      {editable && (
        <td>
          <div className="row-actions">
            <button
              className="danger"
              aria-label={t('removeDuty', { title: role.title })}
              title={t('removeDuty', { title: role.title })}
              disabled={remove.isPending}
              onClick={() => window.confirm(t('confirmRemoveDuty', { title: role.title })) && remove.mutate()}
            >
              <Trash2 size={16} aria-hidden />
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}

/** /disasters/roster: the duty plan kept ahead of time, per level (本部 roles, each shelter's opener and key holder). */
export function RosterPlanPage() {
  const t = useT(boardMessages);
  const { can } = useSession();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const plan = useQuery({ queryKey: disasterKeys.plan, queryFn: disastersApi.plan });
  const editable = can('disasters.run');
  const changed = () => void queryClient.invalidateQueries({ queryKey: disasterKeys.plan });
  const roles = plan.data ?? [];
  const [adding, setAdding] = useState<number | null>(null);
  return (
    <section className="page">
      <Link to="/disasters" className="link-button small">
        ← {t('backToList')}
      </Link>
      <h1>{t('planTitle')}</h1>
      <p className="muted">{t('planHelp')}</p>
      {plan.error && <p className="error">{errorText(plan.error)}</p>}
      {LEVELS.map((level) => {
        const rows = roles
          .filter((r) => r.level === level)
          .sort((a, b) => a.sortOrder - b.sortOrder || a.title.localeCompare(b.title, 'ja'));
        return (
          <section key={level} className={`card ${styles.planLevel}`} aria-labelledby={`plan-level-${level}`}>
            <h2 id={`plan-level-${level}`}>{t('planLevel', { level })}</h2>
            {rows.length === 0 ? (
              <p className="muted small">{t('noDutiesAtLevel')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('group')}</th>
                      <th>{t('dutyTitle')}</th>
                      <th>{t('place')}</th>
                      <th>{t('assignee')}</th>
                      {editable && <th />}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <RoleRow key={r.id} role={r} editable={editable} onChanged={changed} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {editable &&
              (adding === level ? (
                <AddRole level={level} onAdded={changed} onCancel={() => setAdding(null)} />
              ) : (
                <div>
                  <button className={styles.withIcon} onClick={() => setAdding(level)} data-testid={`plan-add-${level}`}>
                    <Plus size={16} aria-hidden /> {t('addDutyAt', { level })}
                  </button>
                </div>
              ))}
          </section>
        );
      })}
    </section>
  );
}
