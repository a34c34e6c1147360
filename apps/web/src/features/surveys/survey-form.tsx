import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { answersToSend, isAnswered, missingRequired, visibleKeys } from './answer-rules';
import { QuestionInput } from './question-inputs';
import type { AnswerValue, Answers, FormSection } from './survey-model';
import { surveysMessages } from './messages';
import styles from './surveys.module.css';

/** Before the first question: anonymous or named, and what that means; whether answers can be changed later. */
export function AnonymityNotice({ anonymous, allowEdit }: { anonymous: boolean; allowEdit: boolean }) {
  const t = useT(surveysMessages);
  return (
    <div className={`${styles.notice} ${anonymous ? styles.noticeAnonymous : styles.noticeNamed}`} data-testid="anonymity-notice">
      <strong>{anonymous ? t('anonymousTitle') : t('namedTitle')}</strong>
      <p>{anonymous ? t('anonymousBody') : t('namedBody')}</p>
      <p>{allowEdit ? (anonymous ? t('editAllowedAnonymous') : t('editAllowedNamed')) : t('editNotAllowed')}</p>
    </div>
  );
}

/**
 * The questions as a respondent sees them, section by section (also the builder's preview). Conditional questions
 * appear as their condition is met; required ones are checked before sending and the first one open gets focus.
 */
export function SurveyForm({
  sections,
  initial,
  submitLabel,
  busy,
  onSubmit,
}: {
  sections: FormSection[];
  initial?: Answers;
  submitLabel: string;
  busy?: boolean;
  onSubmit(answers: Answers): void | Promise<void>;
}) {
  const t = useT(surveysMessages);
  const [answers, setAnswers] = useState<Answers>(initial ?? {});
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const shown = useMemo(() => visibleKeys(sections, answers), [sections, answers]);
  const missing = useMemo(() => new Set(missingRequired(sections, answers)), [sections, answers]);
  const visible = sections.flatMap((s) => s.questions).filter((q) => shown.has(q.key));
  const answeredCount = visible.filter((q) => isAnswered(q, answers[q.key])).length;

  const set = (key: string, value: AnswerValue | undefined) =>
    setAnswers((prev) => {
      const next = { ...prev };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (missing.size > 0) {
      const first = formRef.current?.querySelector<HTMLElement>(`[data-question="${CSS.escape([...missing][0])}"]`);
      first?.scrollIntoView({ block: 'center' });
      first?.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
      return;
    }
    void onSubmit(answersToSend(sections, answers));
  }

  let number = 0;
  return (
    <form ref={formRef} className={styles.surveyForm} onSubmit={submit} noValidate aria-label={submitLabel}>
      <p className="muted small">{t('requiredLegend')}</p>
      {sections.map((section, si) => {
        const questions = section.questions.filter((q) => shown.has(q.key));
        if (questions.length === 0) return null;
        return (
          <section key={si} className={`card ${styles.formSection}`} aria-labelledby={`section-${si}`}>
            <h2 id={`section-${si}`}>{section.section?.title || t('section', { n: si + 1 })}</h2>
            {section.section?.description && <p className="muted">{section.section.description}</p>}
            {questions.map((q) => {
              number += 1;
              return (
                <QuestionInput
                  key={q.key}
                  question={q}
                  label={t('questionN', { n: number })}
                  value={answers[q.key]}
                  onChange={(v) => set(q.key, v)}
                  invalid={tried && missing.has(q.key)}
                />
              );
            })}
          </section>
        );
      })}
      <div className={styles.submitBar}>
        <span className="muted small" aria-live="polite">
          {t('progress', { answered: answeredCount, total: visible.length })}
        </span>
        {tried && missing.size > 0 && (
          <span className="error small" role="alert">
            {t('missingRequired', { count: missing.size })}
          </span>
        )}
        <span className="spacer" />
        <button className={`primary ${styles.bigButton}`} type="submit" disabled={busy}>
          {busy ? t('submitting') : submitLabel}
        </button>
      </div>
    </form>
  );
}
