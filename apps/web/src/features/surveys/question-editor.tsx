import { SURVEY_KPI_KEYS, type SurveyKpiKey, type SurveyQuestion, type SurveyQuestionType } from '@yakuba/contracts';
import { useT } from '../../i18n/i18n';
import { LIKERT_VALUES, likertKey } from './question-inputs';
import { surveysMessages } from './messages';
import styles from './surveys.module.css';

export const TYPE_LABEL: Record<SurveyQuestionType, 'typeLikert5' | 'typeSingle' | 'typeMulti' | 'typeText' | 'typeMatrix'> = {
  likert5: 'typeLikert5',
  single: 'typeSingle',
  multi: 'typeMulti',
  text: 'typeText',
  matrix: 'typeMatrix',
};
/** Raw lines while typing (a trailing space must survive); cleaned when the survey is saved. */
const lines = (text: string) => text.split('\n');
const TOP_TWO = [4, 5];

/** The KPI binding of a likert5 or single question: which plan KPI, its target and what counts as agreeing. */
function KpiEditor({ question, onChange }: { question: SurveyQuestion; onChange(q: SurveyQuestion): void }) {
  const t = useT(surveysMessages);
  const kpi = question.kpi;
  const setKpi = (patch: Partial<NonNullable<SurveyQuestion['kpi']>> | null) =>
    onChange({ ...question, kpi: patch === null ? undefined : { target: 0.7, ...kpi, ...patch } });
  return (
    <fieldset className={styles.kpiEditor}>
      <legend>{t('kpiBinding')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={!!kpi}
          onChange={(e) => setKpi(e.target.checked ? { target: 0.7, agree: question.type === 'likert5' ? TOP_TWO : [] } : null)}
        />
        {t('kpiBinding')}
      </label>
      {kpi && (
        <div className={styles.editorRow}>
          <label>
            {t('kpiKey')}
            <select
              value={kpi.key ?? ''}
              onChange={(e) => setKpi({ key: (e.target.value || undefined) as SurveyKpiKey | undefined })}
            >
              <option value="">{t('kpiCustom')}</option>
              {SURVEY_KPI_KEYS.map((k) => (
                <option key={k} value={k}>
                  {t(`kpi_${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('kpiTarget')}
            <input
              type="number"
              min={1}
              max={100}
              step={1}
              value={Math.round(kpi.target * 100)}
              onChange={(e) => setKpi({ target: Math.min(100, Math.max(1, Number(e.target.value) || 0)) / 100 })}
            />
          </label>
          {question.type === 'likert5' ? (
            <label>
              {t('kpiAgree')}
              <select
                value={(kpi.agree ?? TOP_TWO).length === 1 ? 'top1' : 'top2'}
                onChange={(e) => setKpi({ agree: e.target.value === 'top1' ? [5] : TOP_TWO })}
              >
                <option value="top2">{t('agreeTop2')}</option>
                <option value="top1">{t('agreeTop1')}</option>
              </select>
            </label>
          ) : (
            <fieldset className="checkbox-group">
              <legend>{t('agreeChoices')}</legend>
              {(question.options ?? []).filter(Boolean).map((o) => (
                <label key={o} className="checkbox">
                  <input
                    type="checkbox"
                    checked={(kpi.agree ?? []).includes(o)}
                    onChange={(e) =>
                      setKpi({ agree: e.target.checked ? [...(kpi.agree ?? []), o] : (kpi.agree ?? []).filter((a) => a !== o) })
                    }
                  />
                  {o}
                </label>
              ))}
            </fieldset>
          )}
        </div>
      )}
    </fieldset>
  );
}

/** "Show this question when an earlier one has one of these answers." */
function ConditionEditor({
  question,
  earlier,
  onChange,
}: {
  question: SurveyQuestion;
  earlier: SurveyQuestion[];
  onChange(q: SurveyQuestion): void;
}) {
  const t = useT(surveysMessages);
  const candidates = earlier.filter((q) => q.type === 'likert5' || q.type === 'single' || q.type === 'multi');
  const cond = question.showIf;
  const source = candidates.find((q) => q.key === cond?.questionKey);
  const values: (string | number)[] = source ? (source.type === 'likert5' ? [...LIKERT_VALUES] : (source.options ?? []).filter(Boolean)) : [];
  if (candidates.length === 0) return null;
  return (
    <fieldset className={styles.conditionEditor}>
      <legend>{t('condition')}</legend>
      <label>
        {t('conditionQuestion')}
        <select
          value={cond?.questionKey ?? ''}
          onChange={(e) => onChange({ ...question, showIf: e.target.value ? { questionKey: e.target.value, anyOf: [] } : undefined })}
        >
          <option value="">{t('conditionNone')}</option>
          {candidates.map((q) => (
            <option key={q.key} value={q.key}>
              {q.text || t('untitledQuestion')}
            </option>
          ))}
        </select>
      </label>
      {cond && source && (
        <fieldset className="checkbox-group">
          <legend>{t('conditionValues')}</legend>
          {values.map((v) => (
            <label key={String(v)} className="checkbox">
              <input
                type="checkbox"
                checked={cond.anyOf.includes(v)}
                onChange={(e) =>
                  onChange({
                    ...question,
                    showIf: { ...cond, anyOf: e.target.checked ? [...cond.anyOf, v] : cond.anyOf.filter((a) => a !== v) },
                  })
                }
              />
              {typeof v === 'number' ? t(likertKey(v)) : v}
            </label>
          ))}
        </fieldset>
      )}
    </fieldset>
  );
}

/** One question in the builder: type, text, required, choices or items, condition and KPI binding. */
export function QuestionEditor({
  question,
  index,
  earlier,
  onChange,
  onMove,
  onRemove,
  first,
  last,
}: {
  question: SurveyQuestion;
  index: number;
  earlier: SurveyQuestion[];
  onChange(q: SurveyQuestion): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  first: boolean;
  last: boolean;
}) {
  const t = useT(surveysMessages);
  const q = question;
  const setType = (type: SurveyQuestionType) =>
    onChange({
      ...q,
      type,
      options: type === 'single' || type === 'multi' ? (q.options?.length ? q.options : ['', '']) : undefined,
      items: type === 'matrix' ? (q.items?.length ? q.items : [{ key: 'i1', text: '' }]) : undefined,
      kpi: type === 'likert5' || type === 'single' ? q.kpi && { ...q.kpi, agree: type === 'likert5' ? TOP_TWO : [] } : undefined,
      maxChoices: type === 'multi' ? q.maxChoices : undefined,
    });
  return (
    <div className={styles.questionEditor} data-testid="question-editor">
      <div className={styles.questionEditorHead}>
        <strong>{t('questionN', { n: index + 1 })}</strong>
        <span className="muted small">{t(TYPE_LABEL[q.type])}</span>
        <span className="spacer" />
        <div className="row-actions">
          <button type="button" disabled={first} onClick={() => onMove(-1)} aria-label={`${t('questionN', { n: index + 1 })} ${t('moveUp')}`}>
            ↑ {t('moveUp')}
          </button>
          <button type="button" disabled={last} onClick={() => onMove(1)} aria-label={`${t('questionN', { n: index + 1 })} ${t('moveDown')}`}>
            ↓ {t('moveDown')}
          </button>
          <button type="button" className="danger" onClick={onRemove} aria-label={`${t('questionN', { n: index + 1 })} ${t('remove')}`}>
            {t('remove')}
          </button>
        </div>
      </div>
      <div className={styles.editorRow}>
        <label>
          {t('questionType')}
          <select value={q.type} onChange={(e) => setType(e.target.value as SurveyQuestionType)}>
            {(Object.keys(TYPE_LABEL) as SurveyQuestionType[]).map((type) => (
              <option key={type} value={type}>
                {t(TYPE_LABEL[type])}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={!!q.required} onChange={(e) => onChange({ ...q, required: e.target.checked })} />
          {t('requiredToggle')}
        </label>
      </div>
      <label>
        {t('questionText')}
        <textarea rows={2} maxLength={500} value={q.text} onChange={(e) => onChange({ ...q, text: e.target.value })} />
      </label>
      <label>
        {t('questionHelp')}
        <input maxLength={500} value={q.description ?? ''} onChange={(e) => onChange({ ...q, description: e.target.value || undefined })} />
      </label>
      {(q.type === 'single' || q.type === 'multi') && (
        <label>
          {t('options')}
          <textarea rows={4} value={(q.options ?? []).join('\n')} onChange={(e) => onChange({ ...q, options: lines(e.target.value) })} />
        </label>
      )}
      {q.type === 'multi' && (
        <label>
          {t('maxChoices')}
          <input
            type="number"
            min={1}
            max={30}
            value={q.maxChoices ?? ''}
            onChange={(e) => onChange({ ...q, maxChoices: e.target.value ? Number(e.target.value) : undefined })}
          />
        </label>
      )}
      {q.type === 'matrix' && (
        <label>
          {t('matrixItems')}
          <textarea
            rows={4}
            value={(q.items ?? []).map((i) => i.text).join('\n')}
            onChange={(e) => onChange({ ...q, items: lines(e.target.value).map((text, i) => ({ key: `i${i + 1}`, text })) })}
          />
        </label>
      )}
      <ConditionEditor question={q} earlier={earlier} onChange={onChange} />
      {(q.type === 'likert5' || q.type === 'single') && <KpiEditor question={q} onChange={onChange} />}
    </div>
  );
}
