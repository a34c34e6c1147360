import { useMemo, useState } from 'react';
import { SURVEY_MIN_THRESHOLD } from '@yakuba/contracts';

/** The server's upper limit for k (libs/surveys domain). */
const MAX_THRESHOLD = 10;
import { useT } from '../../i18n/i18n';
import { useDepartments, useUsers } from '../admin/directory-queries';
import type { Draft } from './builder-draft';
import { surveysMessages } from './messages';
import styles from './surveys.module.css';

const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/** Anonymity, editing, the threshold k, the audience (everyone, departments, people) and the schedule. */
export function BuilderSettings({ draft, set }: { draft: Draft; set(patch: Partial<Draft>): void }) {
  const t = useT(surveysMessages);
  const departments = useDepartments();
  const { users } = useUsers();
  const [filter, setFilter] = useState('');
  const shown = useMemo(
    () => users.filter((u) => !filter || u.displayName.includes(filter) || u.username.includes(filter)),
    [users, filter],
  );
  return (
    <div className="card form">
      <fieldset className="checkbox-group">
        <legend>{t('anonymity')}</legend>
        <label className="checkbox">
          <input type="radio" name="anonymity" checked={draft.anonymous} onChange={() => set({ anonymous: true })} />
          {t('anonymousOption')}
        </label>
        <label className="checkbox">
          <input type="radio" name="anonymity" checked={!draft.anonymous} onChange={() => set({ anonymous: false })} />
          {t('namedOption')}
        </label>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={draft.allowEdit} onChange={(e) => set({ allowEdit: e.target.checked })} />
        {t('allowEdit')}
      </label>
      <label>
        {t('threshold')}
        <input
          type="number"
          min={SURVEY_MIN_THRESHOLD}
          max={MAX_THRESHOLD}
          value={draft.threshold}
          onChange={(e) => set({ threshold: Math.min(MAX_THRESHOLD, Math.max(SURVEY_MIN_THRESHOLD, Number(e.target.value) || SURVEY_MIN_THRESHOLD)) })}
        />
      </label>
      <fieldset className="checkbox-group">
        <legend>{t('audience')}</legend>
        {(['all', 'departments', 'people'] as const).map((kind) => (
          <label key={kind} className="checkbox">
            <input type="radio" name="audience" checked={draft.audienceKind === kind} onChange={() => set({ audienceKind: kind })} />
            {t(kind === 'all' ? 'audienceAll' : kind === 'departments' ? 'audienceDepartments' : 'audiencePeople')}
          </label>
        ))}
      </fieldset>
      {draft.audienceKind === 'departments' && (
        <fieldset>
          <legend>{t('audienceDepartments')}</legend>
          <div className={styles.chips}>
            {departments.map((d) => (
              <label key={d.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.departmentIds.includes(d.id)}
                  onChange={() => set({ departmentIds: toggle(draft.departmentIds, d.id) })}
                />
                {d.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {draft.audienceKind === 'people' && (
        <fieldset>
          <legend>{t('selectedPeople', { count: draft.userIds.length })}</legend>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            aria-label={t('filterPeople')}
            placeholder={t('filterPeople')}
          />
          <div className={styles.peoplePicker}>
            {shown.map((u) => (
              <label key={u.id} className="checkbox">
                <input type="checkbox" checked={draft.userIds.includes(u.id)} onChange={() => set({ userIds: toggle(draft.userIds, u.id) })} />
                {u.displayName}{' '}
                <span className="muted small">
                  {departments.find((d) => d.id === u.departmentId)?.name} {u.position}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className={styles.editorRow}>
        <label>
          {t('opensAtLabel')}
          <input type="datetime-local" value={draft.opensAt} onChange={(e) => set({ opensAt: e.target.value })} />
        </label>
        <label>
          {t('closesAtLabel')}
          <input type="datetime-local" required value={draft.closesAt} onChange={(e) => set({ closesAt: e.target.value })} />
        </label>
      </div>
    </div>
  );
}
