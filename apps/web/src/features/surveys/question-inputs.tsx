import { useId } from 'react';
import { useT } from '../../i18n/i18n';
import type { SurveyQuestion } from '@yakuba/contracts';
import type { AnswerValue } from './survey-model';
import { surveysMessages } from './messages';
import styles from './surveys.module.css';

/** 5 = strongly agree … 1 = strongly disagree, shown in that order (とてもそう思う first). */
export const LIKERT_VALUES = [5, 4, 3, 2, 1] as const;
/** The server's limit for a free-text answer. */
const TEXT_MAX = 2000;

export const likertKey = (v: number) => `likert${v}` as 'likert5' | 'likert4' | 'likert3' | 'likert2' | 'likert1';

interface InputProps {
  question: SurveyQuestion;
  value: AnswerValue | undefined;
  onChange(value: AnswerValue | undefined): void;
  invalid: boolean;
  /** Number shown before the text (問3). */
  label: string;
}

function Legend({ question, label }: { question: SurveyQuestion; label: string }) {
  const t = useT(surveysMessages);
  return (
    <legend className={styles.questionLegend}>
      <span className={styles.questionNumber}>{label}</span>
      <span className={styles.questionText}>{question.text}</span>
      {question.required ? (
        <span className={styles.requiredMark} aria-label={t('requiredMark')}>
          * {t('requiredMark')}
        </span>
      ) : (
        <span className={styles.optionalMark}>{t('optionalMark')}</span>
      )}
    </legend>
  );
}

/**
 * One row of five large radio buttons. Native radios in one group: Tab enters the group, arrow keys move between
 * the answers, Space picks; the label is the tap target (at least 44px high).
 */
function LikertRow({
  name,
  value,
  onChange,
  compact,
  describedBy,
}: {
  name: string;
  value: number | undefined;
  onChange(v: number): void;
  compact?: boolean;
  describedBy?: string;
}) {
  const t = useT(surveysMessages);
  return (
    <div className={`${styles.likert} ${compact ? styles.likertCompact : ''}`} aria-describedby={describedBy}>
      {LIKERT_VALUES.map((v) => (
        <label key={v} className={`${styles.likertOption} ${value === v ? styles.selected : ''}`} data-value={v}>
          <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} />
          <span className={styles.likertDot} aria-hidden />
          <span className={styles.likertLabel}>{t(likertKey(v))}</span>
        </label>
      ))}
    </div>
  );
}

export function QuestionInput({ question, value, onChange, invalid, label }: InputProps) {
  const t = useT(surveysMessages);
  const id = useId();
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const described = [question.description ? helpId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const error = invalid && (
    <p id={errorId} className={`error ${styles.fieldError}`} role="alert">
      {t('required')}
    </p>
  );
  const help = question.description && (
    <p id={helpId} className="muted small">
      {question.description}
    </p>
  );
  const common = `${styles.question} ${invalid ? styles.invalid : ''}`;

  switch (question.type) {
    case 'likert5':
      return (
        <fieldset className={common} aria-describedby={described} aria-required={question.required} data-question={question.key}>
          <Legend question={question} label={label} />
          {help}
          <LikertRow name={`${id}-q`} value={typeof value === 'number' ? value : undefined} onChange={onChange} />
          {error}
        </fieldset>
      );
    case 'single':
    case 'multi': {
      const multi = question.type === 'multi';
      const chosen = multi ? (Array.isArray(value) ? (value as string[]) : []) : typeof value === 'string' ? [value] : [];
      return (
        <fieldset className={common} aria-describedby={described} aria-required={question.required} data-question={question.key}>
          <Legend question={question} label={label} />
          {help}
          <p className="muted small">
            {multi ? (question.maxChoices ? t('chooseUpTo', { count: question.maxChoices }) : t('chooseMany')) : t('chooseOne')}
          </p>
          <div className={styles.choices}>
            {(question.options ?? []).map((option) => (
              <label key={option} className={`${styles.choice} ${chosen.includes(option) ? styles.selected : ''}`}>
                <input
                  type={multi ? 'checkbox' : 'radio'}
                  name={`${id}-q`}
                  value={option}
                  checked={chosen.includes(option)}
                  disabled={multi && !!question.maxChoices && chosen.length >= question.maxChoices && !chosen.includes(option)}
                  onChange={(e) => {
                    if (!multi) return onChange(option);
                    const next = e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option);
                    onChange(next.length ? (question.options ?? []).filter((o) => next.includes(o)) : undefined);
                  }}
                />
                <span>{option}</span>
              </label>
            ))}
          </div>
          {!multi && chosen.length > 0 && !question.required && (
            <button type="button" className="link-button small" onClick={() => onChange(undefined)}>
              {t('clearAnswer')}
            </button>
          )}
          {error}
        </fieldset>
      );
    }
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      const max = TEXT_MAX;
      return (
        <div className={common} data-question={question.key} role="group" aria-labelledby={`${id}-label`}>
          <label className={styles.textLabel}>
            <span id={`${id}-label`} className={styles.questionLegend}>
              <span className={styles.questionNumber}>{label}</span>
              <span className={styles.questionText}>{question.text}</span>
              {question.required ? (
                <span className={styles.requiredMark}>* {t('requiredMark')}</span>
              ) : (
                <span className={styles.optionalMark}>{t('optionalMark')}</span>
              )}
            </span>
            {help}
            <textarea
              rows={4}
              maxLength={max}
              value={text}
              placeholder={t('freeTextPlaceholder')}
              aria-required={question.required}
              aria-invalid={invalid}
              aria-describedby={described}
              onChange={(e) => onChange(e.target.value ? e.target.value : undefined)}
            />
          </label>
          <span className="muted small">{t('otherCharacters', { count: text.length, max })}</span>
          {error}
        </div>
      );
    }
    case 'matrix': {
      const rows = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, number>) : {};
      return (
        <fieldset className={common} aria-describedby={described} aria-required={question.required} data-question={question.key}>
          <Legend question={question} label={label} />
          {help}
          {(question.items ?? []).map((item) => (
            <fieldset key={item.key} className={styles.matrixItem}>
              <legend className={styles.matrixLegend}>{item.text}</legend>
              <LikertRow
                compact
                name={`${id}-${item.key}`}
                value={rows[item.key]}
                onChange={(v) => onChange({ ...rows, [item.key]: v })}
              />
            </fieldset>
          ))}
          {error}
        </fieldset>
      );
    }
  }
}
