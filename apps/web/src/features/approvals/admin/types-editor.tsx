import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  POSITIONS,
  RETENTION_PERIODS,
  type DocumentTypeInput,
  type DocumentTypeView,
  type Position,
  type RetentionPeriod,
} from '@yakuba/contracts';
import { useErrorText } from '../../../api/errors';
import { useLocale, useT } from '../../../i18n/i18n';
import { formatYen } from '../approval-bits';
import { approvalsApi } from '../approvals-api';
import { approvalsKeys, useDocumentTypes } from '../approvals-queries';
import styles from '../approvals.module.css';
import { approvalsAdminMessages } from './admin-messages';
import { StageEditor } from './stage-editor';

type Editing = DocumentTypeInput & { id?: string; version?: number };

const blank = (): Editing => ({
  code: '',
  name: '',
  nameEn: '',
  description: '',
  retentionYears: 5,
  routine: false,
  hasAmount: false,
  active: true,
  headRank: '町長',
  stages: [
    {
      key: 'kakaricho',
      label: '係長',
      kind: 'approval',
      mode: 'sequential',
      approvers: [{ kind: 'drafter_department_position', position: '係長' }],
      rank: '係長',
      minAmount: null,
      afterDecision: false,
    },
    {
      key: 'kacho',
      label: '課長',
      kind: 'approval',
      mode: 'sequential',
      approvers: [{ kind: 'drafter_department_position', position: '課長' }],
      rank: '課長',
      minAmount: null,
      afterDecision: false,
    },
  ],
  authority: [],
});

const fromView = (v: DocumentTypeView): Editing => ({
  id: v.id,
  version: v.version,
  code: v.code,
  name: v.name,
  nameEn: v.nameEn,
  description: v.description,
  retentionYears: v.retentionYears,
  routine: v.routine,
  hasAmount: v.hasAmount,
  active: v.active,
  headRank: v.headRank,
  stages: v.stages,
  authority: v.authority,
});

const digits = (s: string) => (s.replace(/\D/g, '') ? Number(s.replace(/\D/g, '')) : null);

/** 文書分類: retention, route template (stages) and 専決 by amount; saved with the type's version (409 if stale). */
export function TypesEditor() {
  const t = useT(approvalsAdminMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const types = useDocumentTypes();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const set = (patch: Partial<Editing>) => setEditing((e) => (e ? { ...e, ...patch } : e));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    setNote(null);
    const { id, version, ...input } = editing;
    try {
      const saved = id ? await approvalsApi.updateType(id, { ...input, version: version ?? 0 }) : await approvalsApi.createType(input);
      setEditing(fromView(saved));
      setNote(t('saved'));
      await queryClient.invalidateQueries({ queryKey: approvalsKeys.types });
      await queryClient.invalidateQueries({ queryKey: approvalsKeys.authority });
    } catch (err) {
      setError(errorText(err));
    }
  }
  const retention = (r: RetentionPeriod) => (r === 'permanent' ? t('permanent') : t('retentionYears', { count: r }));
  const moveStage = (i: number, d: -1 | 1) => {
    if (!editing) return;
    const stages = [...editing.stages];
    [stages[i], stages[i + d]] = [stages[i + d]!, stages[i]!];
    set({ stages });
  };
  return (
    <div className={styles.typesGrid}>
      <div>
        <ul className={styles.list}>
          {types.data?.map((x) => (
            <li key={x.id}>
              <button
                style={{ width: '100%', textAlign: 'left', fontWeight: editing?.id === x.id ? 700 : 400 }}
                onClick={() => {
                  setEditing(fromView(x));
                  setNote(null);
                  setError(null);
                }}
              >
                {x.name}
                <div className="muted small">
                  {retention(x.retentionYears)}
                  {!x.active && ` ・ ${t('inactive')}`}
                </div>
              </button>
            </li>
          ))}
        </ul>
        {types.data?.length === 0 && <p className="muted">{t('noTypes')}</p>}
        <button className="primary" style={{ marginTop: '0.5rem' }} onClick={() => setEditing(blank())}>
          + {t('newType')}
        </button>
      </div>
      {editing && (
        <form className="card form" onSubmit={(e) => void save(e)} aria-label={t('types')} data-testid="type-editor">
          <div className={styles.filters}>
            <label>
              {t('name')}
              <input required maxLength={100} value={editing.name} onChange={(e) => set({ name: e.target.value })} />
            </label>
            <label>
              {t('nameEn')}
              <input maxLength={100} value={editing.nameEn ?? ''} onChange={(e) => set({ nameEn: e.target.value })} />
            </label>
            <label>
              {t('code')}
              <input
                required
                pattern="[A-Za-z0-9_-]+"
                maxLength={40}
                value={editing.code}
                onChange={(e) => set({ code: e.target.value })}
              />
            </label>
            <label>
              {t('retention')}
              <select
                value={String(editing.retentionYears)}
                onChange={(e) =>
                  set({ retentionYears: e.target.value === 'permanent' ? 'permanent' : (Number(e.target.value) as RetentionPeriod) })
                }
              >
                {RETENTION_PERIODS.map((r) => (
                  <option key={r} value={String(r)}>
                    {retention(r)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('headRank')}
              <select value={editing.headRank ?? '町長'} onChange={(e) => set({ headRank: e.target.value as Position })}>
                {POSITIONS.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
          </div>
          <label>
            {t('description')}
            <input maxLength={500} value={editing.description ?? ''} onChange={(e) => set({ description: e.target.value })} />
          </label>
          <div className={styles.row}>
            <label className="checkbox">
              <input type="checkbox" checked={!!editing.routine} onChange={(e) => set({ routine: e.target.checked })} />
              {t('routine')}
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={!!editing.hasAmount} onChange={(e) => set({ hasAmount: e.target.checked })} />
              {t('hasAmount')}
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={editing.active !== false} onChange={(e) => set({ active: e.target.checked })} />
              {t('active')}
            </label>
          </div>
          <h2>{t('stages')}</h2>
          {editing.stages.map((s, i) => (
            <StageEditor
              key={i}
              stage={s}
              index={i}
              count={editing.stages.length}
              onChange={(next) => set({ stages: editing.stages.map((x, j) => (j === i ? next : x)) })}
              onMove={(d) => moveStage(i, d)}
              onRemove={() => set({ stages: editing.stages.filter((_, j) => j !== i) })}
            />
          ))}
          <div>
            <button
              type="button"
              onClick={() =>
                set({
                  stages: [
                    ...editing.stages,
                    {
                      key: `stage${editing.stages.length + 1}`,
                      label: '',
                      kind: 'approval',
                      mode: 'sequential',
                      approvers: [],
                      rank: null,
                      minAmount: null,
                      afterDecision: false,
                    },
                  ],
                })
              }
            >
              + {t('addStage')}
            </button>
          </div>
          <h2>{t('authority')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th>{t('from')}</th>
                <th>{t('below')}</th>
                <th>{t('decider')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {editing.authority.map((row, i) => {
                const change = (patch: Partial<typeof row>) =>
                  set({ authority: editing.authority.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
                return (
                  <tr key={i}>
                    <td>
                      <input
                        inputMode="numeric"
                        value={row.minAmount}
                        onChange={(e) => change({ minAmount: digits(e.target.value) ?? 0 })}
                        aria-label={t('from')}
                      />
                      <div className="muted small">{formatYen(row.minAmount, locale)}</div>
                    </td>
                    <td>
                      <input
                        inputMode="numeric"
                        value={row.maxAmount ?? ''}
                        onChange={(e) => change({ maxAmount: digits(e.target.value) })}
                        aria-label={t('below')}
                      />
                      <div className="muted small">{row.maxAmount !== null ? formatYen(row.maxAmount, locale) : '∞'}</div>
                    </td>
                    <td>
                      <select
                        value={row.decider}
                        onChange={(e) => change({ decider: e.target.value as Position })}
                        aria-label={t('decider')}
                      >
                        {POSITIONS.map((p) => (
                          <option key={p}>{p}</option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <div className="row-actions">
                        <button
                          type="button"
                          className="danger"
                          onClick={() => set({ authority: editing.authority.filter((_, j) => j !== i) })}
                        >
                          {t('remove')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div>
            <button
              type="button"
              onClick={() => {
                const last = editing.authority.at(-1);
                set({ authority: [...editing.authority, { minAmount: last?.maxAmount ?? 0, maxAmount: null, decider: '課長' }] });
              }}
            >
              + {t('addRow')}
            </button>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          {note && (
            <p className="success" role="status">
              {note}
            </p>
          )}
          <div className="form-actions">
            <button className="primary" type="submit">
              {t('save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
