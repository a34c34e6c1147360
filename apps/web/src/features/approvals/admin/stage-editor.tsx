import { POSITIONS, STAGE_KINDS, STAGE_MODES, type ApproverSpec, type Position, type StageDefinition } from '@yakuba/contracts';
import { useT } from '../../../i18n/i18n';
import { useDepartments } from '../../admin/directory-queries';
import { PersonSelect } from '../person-picker';
import styles from '../approvals.module.css';
import { approvalsAdminMessages } from './admin-messages';

const MODE_KEY = { sequential: 'sequential', all: 'all', any: 'any' } as const;

function ApproverRow({ spec, onChange, onRemove }: { spec: ApproverSpec; onChange(s: ApproverSpec): void; onRemove(): void }) {
  const t = useT(approvalsAdminMessages);
  const departments = useDepartments();
  const changeKind = (kind: ApproverSpec['kind']) =>
    onChange(
      kind === 'user'
        ? { kind, userId: '' }
        : kind === 'drafter_department_position'
          ? { kind, position: '課長' }
          : { kind, departmentId: departments[0]?.id ?? '', position: '課長' },
    );
  const positionSelect = (value: Position, set: (p: Position) => void) => (
    <label>
      {t('position')}
      <select value={value} onChange={(e) => set(e.target.value as Position)}>
        {POSITIONS.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
    </label>
  );
  return (
    <div className={styles.row}>
      <label>
        {t('approvers')}
        <select value={spec.kind} onChange={(e) => changeKind(e.target.value as ApproverSpec['kind'])}>
          <option value="drafter_department_position">{t('byDrafterPosition')}</option>
          <option value="department_position">{t('byDepartmentPosition')}</option>
          <option value="user">{t('byUser')}</option>
        </select>
      </label>
      {spec.kind === 'user' && (
        <PersonSelect label={t('byUser')} value={spec.userId} onChange={(userId) => onChange({ ...spec, userId })} required />
      )}
      {spec.kind === 'drafter_department_position' && positionSelect(spec.position, (position) => onChange({ ...spec, position }))}
      {spec.kind === 'department_position' && (
        <>
          <label>
            {t('department')}
            <select value={spec.departmentId} onChange={(e) => onChange({ ...spec, departmentId: e.target.value })}>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          {positionSelect(spec.position, (position) => onChange({ ...spec, position }))}
        </>
      )}
      <button type="button" className="danger" onClick={onRemove} aria-label={t('remove')}>
        ×
      </button>
    </div>
  );
}

/** One stage of a route template: who (by person / position), how (順次・全員・いずれか), 供覧, rank and amount condition. */
export function StageEditor({
  stage,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  stage: StageDefinition;
  index: number;
  count: number;
  onChange(s: StageDefinition): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  const t = useT(approvalsAdminMessages);
  const set = (patch: Partial<StageDefinition>) => onChange({ ...stage, ...patch });
  return (
    <div className={styles.stageEditor} data-testid="stage-editor">
      <div className={styles.row}>
        <strong>{index + 1}</strong>
        <label>
          {t('label')}
          <input value={stage.label} required maxLength={40} onChange={(e) => set({ label: e.target.value })} />
        </label>
        <label>
          {t('key')}
          <input
            value={stage.key}
            required
            pattern="[A-Za-z0-9_-]+"
            maxLength={40}
            onChange={(e) => set({ key: e.target.value })}
            style={{ width: '8em' }}
          />
        </label>
        <label>
          {t('kind')}
          <select
            value={stage.kind}
            onChange={(e) => {
              const kind = e.target.value as StageDefinition['kind'];
              set({
                kind,
                rank: kind === 'approval' ? stage.rank : null,
                afterDecision: kind === 'circulation' ? stage.afterDecision : false,
              });
            }}
          >
            {STAGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(k)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mode')}
          <select value={stage.mode} onChange={(e) => set({ mode: e.target.value as StageDefinition['mode'] })}>
            {STAGE_MODES.map((m) => (
              <option key={m} value={m}>
                {t(MODE_KEY[m])}
              </option>
            ))}
          </select>
        </label>
        {stage.kind === 'approval' && (
          <label>
            {t('rank')}
            <select value={stage.rank ?? ''} onChange={(e) => set({ rank: (e.target.value || null) as Position | null })}>
              <option value="">{t('none')}</option>
              {POSITIONS.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('minAmount')}
          <input
            inputMode="numeric"
            value={stage.minAmount ?? ''}
            onChange={(e) => set({ minAmount: e.target.value.replace(/\D/g, '') ? Number(e.target.value.replace(/\D/g, '')) : null })}
            style={{ width: '10em' }}
          />
        </label>
        {stage.kind === 'circulation' && (
          <label className="checkbox">
            <input type="checkbox" checked={stage.afterDecision} onChange={(e) => set({ afterDecision: e.target.checked })} />
            {t('afterDecision')}
          </label>
        )}
        <span className="spacer" />
        <button type="button" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t('up')}>
          ↑
        </button>
        <button type="button" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t('down')}>
          ↓
        </button>
        <button type="button" className="danger" onClick={onRemove}>
          {t('remove')}
        </button>
      </div>
      {stage.approvers.map((spec, i) => (
        <ApproverRow
          key={i}
          spec={spec}
          onChange={(next) => set({ approvers: stage.approvers.map((s, j) => (j === i ? next : s)) })}
          onRemove={() => set({ approvers: stage.approvers.filter((_, j) => j !== i) })}
        />
      ))}
      <div>
        <button
          type="button"
          onClick={() => set({ approvers: [...stage.approvers, { kind: 'drafter_department_position', position: '課長' }] })}
        >
          + {t('addApprover')}
        </button>
      </div>
    </div>
  );
}
