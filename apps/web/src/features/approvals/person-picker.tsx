import { useMemo, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useDepartments, useUsers } from '../admin/directory-queries';
import { approvalsMessages } from './messages';
import styles from './approvals.module.css';

/** One person, grouped by department (a native select: the tablet's own picker). */
export function PersonSelect({
  value,
  onChange,
  label,
  exclude,
  required,
  allowEmpty,
  testId,
}: {
  value: string;
  onChange(id: string): void;
  label: string;
  exclude?: string[];
  required?: boolean;
  allowEmpty?: string;
  testId?: string;
}) {
  const { users } = useUsers();
  const departments = useDepartments();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)} required={required} data-testid={testId}>
        <option value="">{allowEmpty ?? '—'}</option>
        {departments.map((d) => (
          <optgroup key={d.id} label={d.name}>
            {users
              .filter((u) => u.departmentId === d.id && !exclude?.includes(u.id))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                  {u.position ? `（${u.position}）` : ''}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

/** Several people, filtered by name or department (合議 stages). */
export function PeoplePicker({ selected, onChange, exclude }: { selected: string[]; onChange(ids: string[]): void; exclude?: string[] }) {
  const t = useT(approvalsMessages);
  const { users } = useUsers();
  const departments = useDepartments();
  const [filter, setFilter] = useState('');
  const deptName = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const shown = users.filter(
    (u) =>
      !exclude?.includes(u.id) &&
      (!filter ||
        u.displayName.includes(filter) ||
        u.username.includes(filter) ||
        (deptName.get(u.departmentId ?? '') ?? '').includes(filter)),
  );
  const toggle = (id: string) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <div className={styles.stageEditor}>
      <input
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder={t('filterPeople')}
        aria-label={t('filterPeople')}
      />
      <div style={{ maxHeight: 200, overflowY: 'auto', display: 'grid', gap: '0.2rem' }}>
        {shown.map((u) => (
          <label key={u.id} className="checkbox">
            <input type="checkbox" checked={selected.includes(u.id)} onChange={() => toggle(u.id)} />
            {u.displayName}{' '}
            <span className="muted small">
              {deptName.get(u.departmentId ?? '')} {u.position}
            </span>
          </label>
        ))}
      </div>
    </div>
  );
}
