import type { ExtraStageInput } from '@yakuba/contracts';
import { useT } from '../../i18n/i18n';
import { approvalsMessages } from './messages';
import { PeoplePicker } from './person-picker';
import styles from './approvals.module.css';

/** 合議 stages the drafter adds (another section consulted): a label, all-of or any-of, and the people. */
export function ExtraStagesEditor({ stages, onChange }: { stages: ExtraStageInput[]; onChange(next: ExtraStageInput[]): void }) {
  const t = useT(approvalsMessages);
  const set = (i: number, patch: Partial<ExtraStageInput>) => onChange(stages.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <div className={styles.full} data-testid="extra-stages">
      <div className="toolbar">
        <h2 style={{ margin: 0 }}>{t('addConsultation')}</h2>
        <button type="button" onClick={() => onChange([...stages, { label: t('consultationStage'), mode: 'all', approverIds: [] }])}>
          + {t('addConsultation')}
        </button>
      </div>
      {stages.map((s, i) => (
        <div key={i} className={styles.stageEditor} style={{ marginBottom: '0.5rem' }}>
          <div className={styles.row}>
            <label>
              {t('consultationStage')}
              <input value={s.label} maxLength={40} onChange={(e) => set(i, { label: e.target.value })} />
            </label>
            <label>
              {t('mode')}
              <select value={s.mode} onChange={(e) => set(i, { mode: e.target.value as 'all' | 'any' })}>
                <option value="all">{t('all')}</option>
                <option value="any">{t('any')}</option>
              </select>
            </label>
            <span className="spacer" />
            <button type="button" className="danger" onClick={() => onChange(stages.filter((_, j) => j !== i))}>
              {t('removeStage')}
            </button>
          </div>
          <span className="small">{t('pickPeople')}</span>
          <PeoplePicker selected={s.approverIds} onChange={(ids) => set(i, { approverIds: ids })} />
        </div>
      ))}
    </div>
  );
}
