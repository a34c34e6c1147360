import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { POSITIONS, type ResultsQuery, type SurveyBreakdown } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { useDepartments } from '../admin/directory-queries';
import { formatShare } from '../insights/kpi-parts';
import { StatusTag } from './manage-page';
import { surveysMessages } from './messages';
import { CrossTable } from './cross-table';
import { QuestionResultCard, Suppressed } from './question-result';
import { surveysApi } from './surveys-api';
import { resultsQuery } from './surveys-queries';
import styles from './surveys.module.css';

/**
 * A survey's results for its administrators: response rate overall and by department, a filter on department and
 * position, each question's figures (KPI, chart, table, breakdown), free text, and the CSV exports. Whatever the
 * filter, a group below the threshold (or hidden so that it cannot be worked out from the totals) shows no figures.
 */
export function ResultsPage() {
  const { id = '' } = useParams();
  const t = useT(surveysMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const departments = useDepartments();
  const [filter, setFilter] = useState<ResultsQuery>({});
  const [breakdown, setBreakdown] = useState<SurveyBreakdown | null>(null);
  const results = useQuery({ ...resultsQuery(id, filter), placeholderData: keepPreviousData });
  const r = results.data;

  return (
    <section className={`page ${styles.results}`}>
      <p style={{ margin: 0 }}>
        <Link to="/surveys/manage">← {t('manageTitle')}</Link>
      </p>
      {results.error && (
        <p className="error" role="alert">
          {errorText(results.error)}
        </p>
      )}
      {results.isPending && <p className="muted">{t('loading')}</p>}
      {r && (
        <>
          <div className="toolbar" style={{ marginBottom: 0 }}>
            <h1 style={{ margin: 0 }}>
              {t('resultsTitle')}: {r.title}
            </h1>
            <StatusTag status={r.status} />
            <span className="tag">{r.anonymous ? t('anonymous') : t('named')}</span>
          </div>
          <div className={`card ${styles.summary}`}>
            <div>
              <div className="muted small">{t('responseRate')}</div>
              <div className={styles.bigFigure} data-testid="response-rate">
                {formatShare(r.responseRate.rate, locale, 0)}
              </div>
              <div>{t('respondedOf', { n: r.responded, N: r.invited })}</div>
            </div>
            <div className="spacer" />
            <div className="row-actions">
              <a className="button-link" href={surveysApi.resultsCsvUrl(id, filter)} download>
                {t('exportAggregate')}
              </a>
              <a className="button-link" href={surveysApi.responsesCsvUrl(id)} download>
                {r.anonymous ? t('exportRaw') : t('exportRawNamed')}
              </a>
            </div>
          </div>
          <details className="card" open={r.ratesByDepartment.length <= 12}>
            <summary>
              <strong>{t('byDepartmentRate')}</strong>
            </summary>
            <div className="table-wrap" style={{ marginTop: '0.5rem' }}>
              <table className="table" aria-label={t('byDepartmentRate')}>
                <thead>
                  <tr>
                    <th>{t('department')}</th>
                    <th className={styles.num}>{t('invited')}</th>
                    <th className={styles.num}>{t('respondedCol')}</th>
                    <th className={styles.num}>{t('rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.ratesByDepartment.map((d) => (
                    <tr key={d.departmentId ?? 'other'}>
                      <td>{d.label}</td>
                      <td className={styles.num}>{d.invited}</td>
                      {d.suppressed || d.responded === null ? (
                        <td colSpan={2}>
                          <Suppressed k={r.threshold} />
                        </td>
                      ) : (
                        <>
                          <td className={styles.num}>{d.responded}</td>
                          <td className={styles.num}>{formatShare(d.rate, locale, 0)}</td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <div className={`card ${styles.filters}`}>
            <label>
              {t('filterDepartment')}
              <select
                value={filter.departmentId ?? ''}
                onChange={(e) => setFilter((f) => ({ ...f, departmentId: e.target.value || undefined }))}
              >
                <option value="">{t('allDepartments')}</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {locale === 'en' ? d.nameEn || d.name : d.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('filterPosition')}
              <select value={filter.position ?? ''} onChange={(e) => setFilter((f) => ({ ...f, position: e.target.value || undefined }))}>
                <option value="">{t('allPositions')}</option>
                {POSITIONS.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('breakdown')}
              <select value={breakdown ?? ''} onChange={(e) => setBreakdown((e.target.value || null) as SurveyBreakdown | null)}>
                <option value="">{t('breakdownNone')}</option>
                <option value="department">{t('breakdownDepartment')}</option>
                <option value="position">{t('breakdownPosition')}</option>
              </select>
            </label>
            {(filter.departmentId || filter.position) && r.filteredResponded !== null && (
              <p style={{ gridColumn: '1 / -1', margin: 0 }} data-testid="filtered-responded">
                {t('filteredResponded', { n: r.filteredResponded })}
              </p>
            )}
            <p className="muted small" style={{ gridColumn: '1 / -1', margin: 0 }}>
              {t('suppressedNote', { k: r.threshold })}
            </p>
            {r.frozen && (
              <p className="muted small" style={{ gridColumn: '1 / -1', margin: 0 }} data-testid="frozen-note">
                {t('frozenNote', { n: r.frozen.responded, next: r.frozen.refreshAt })}
              </p>
            )}
          </div>
          {r.cross && <CrossTable cross={r.cross} k={r.threshold} filter={filter} onPick={setFilter} />}
          {r.suppressed ? (
            <p className="empty-state">
              <Suppressed k={r.threshold} />
            </p>
          ) : r.responded === 0 ? (
            <p className="empty-state">{t('noResponses')}</p>
          ) : null}
          {!r.suppressed &&
            r.questions.map((q, i) => (
              <QuestionResultCard key={q.key} q={q} index={i} k={r.threshold} groups={r.groups} breakdown={breakdown} />
            ))}
        </>
      )}
    </section>
  );
}
