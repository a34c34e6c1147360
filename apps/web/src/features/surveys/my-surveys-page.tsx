import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { surveysMessages } from './messages';
import { mySurveysQuery } from './surveys-queries';
import { SurveysTabs } from './surveys-tabs';
import styles from './surveys.module.css';

/** 「アンケート」: the open surveys I am invited to, unanswered first, each with its state and closing time. */
export function MySurveysPage() {
  const t = useT(surveysMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const mine = useQuery(mySurveysQuery);
  const surveys = [...(mine.data ?? [])].sort((a, b) => Number(a.answered) - Number(b.answered) || a.closesAt.localeCompare(b.closesAt));
  const open = surveys.filter((s) => !s.answered).length;
  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        {open > 0 && (
          <span className="badge" data-testid="unanswered-count">
            {t('unansweredCount', { count: open })}
          </span>
        )}
      </div>
      <SurveysTabs />
      {mine.error && (
        <p className="error" role="alert">
          {errorText(mine.error)}
        </p>
      )}
      {mine.isPending && <p className="muted">{t('loading')}</p>}
      {mine.data?.length === 0 && <p className="empty-state">{t('noSurveys')}</p>}
      <ul className={styles.surveyList}>
        {surveys.map((s) => (
          <li key={s.id} className={`card ${styles.surveyCard}`} data-testid="my-survey">
            <div className={styles.surveyCardMain}>
              <div className="tags">
                {s.answered ? (
                  <span className={`tag ${styles.tagAnswered}`}>{t('answered')}</span>
                ) : (
                  <span className={`tag ${styles.tagUnanswered}`}>{t('unanswered')}</span>
                )}
                <span className="tag">{s.anonymous ? t('anonymous') : t('named')}</span>
              </div>
              <Link to={`/surveys/${s.id}`} className={styles.surveyCardTitle}>
                {s.title}
              </Link>
              <span className="muted small">
                {t('closesAt', { date: formatDateTime(s.closesAt, locale) })} ・ {t('questionsCount', { count: s.questionCount })}
              </span>
            </div>
            {!s.answered ? (
              <Link className={`button-link ${styles.bigButton} primary`} to={`/surveys/${s.id}`}>
                {t('answer')}
              </Link>
            ) : (
              s.allowEdit && (
                <Link className={`button-link ${styles.bigButton}`} to={`/surveys/${s.id}`}>
                  {t('editAnswer')}
                </Link>
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
