import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import type { SurveyStatus, SurveySummary } from '@yakuba/contracts';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { surveysMessages } from './messages';
import { surveysApi } from './surveys-api';
import { surveyListQuery, templatesQuery, useSurveyChanged } from './surveys-queries';
import { SurveysTabs } from './surveys-tabs';
import styles from './surveys.module.css';

export function StatusTag({ status }: { status: SurveyStatus }) {
  const t = useT(surveysMessages);
  const cls = status === 'open' ? styles.tagOpen : status === 'draft' || status === 'scheduled' ? styles.tagDraft : '';
  const label = status === 'closed' ? t('closedStatus') : t(status);
  return <span className={`tag ${cls}`}>{label}</span>;
}

const percent = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 100)}%` : '—');

/** The survey admins' list: every survey with its state and response rate, and what can be done with it now. */
export function ManagePage() {
  const t = useT(surveysMessages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const changed = useSurveyChanged();
  const list = useQuery(surveyListQuery);
  const templates = useQuery(templatesQuery).data ?? [];
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<string | void>) {
    setBusy(true);
    setMessage(null);
    try {
      const text = await action();
      await changed();
      if (text) setMessage({ ok: true, text });
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const fromTemplate = (key: string) =>
    run(async () => {
      const created = await surveysApi.fromTemplate(key, {});
      void navigate(`/surveys/manage/${created.id}/edit`);
    });
  const open = (s: SurveySummary) =>
    window.confirm(t('confirmOpen', { title: s.title })) && run(async () => void (await surveysApi.open(s.id, s.opensAt ?? undefined)));
  const close = (s: SurveySummary) => window.confirm(t('confirmClose', { title: s.title })) && run(async () => void (await surveysApi.close(s.id)));
  const remind = (s: SurveySummary) =>
    window.confirm(t('confirmRemind')) && run(async () => t('reminded', { count: (await surveysApi.remind(s.id)).reminded }));
  const duplicate = (s: SurveySummary) =>
    run(async () => {
      const copy = await surveysApi.duplicate(s.id);
      void navigate(`/surveys/manage/${copy.id}/edit`);
    });

  const actions = (s: SurveySummary) => (
    <div className="row-actions">
      {(s.status === 'draft' || s.status === 'scheduled') && (
        <Link className="button-link" to={`/surveys/manage/${s.id}/edit`}>
          {t('edit')}
        </Link>
      )}
      {s.status !== 'draft' && (
        <Link className="button-link" to={`/surveys/manage/${s.id}/results`}>
          {t('results')}
        </Link>
      )}
      {s.status === 'draft' && (
        <button disabled={busy} onClick={() => void open(s)}>
          {t('openNow')}
        </button>
      )}
      {s.status === 'open' && (
        <button disabled={busy} onClick={() => void remind(s)}>
          {t('remind')}
        </button>
      )}
      {(s.status === 'open' || s.status === 'scheduled') && (
        <button disabled={busy} onClick={() => void close(s)}>
          {t('closeNow')}
        </button>
      )}
      <button disabled={busy} onClick={() => void duplicate(s)}>
        {t('duplicate')}
      </button>
    </div>
  );
  const period = (s: SurveySummary) =>
    `${s.openedAt || s.opensAt ? formatDateTime((s.openedAt ?? s.opensAt)!, locale) : '—'} 〜 ${formatDateTime(s.closedAt ?? s.closesAt, locale)}`;

  const surveys = list.data ?? [];
  return (
    <section className="page">
      <div className="toolbar">
        <h1>{t('manageTitle')}</h1>
        <span className="spacer" />
        {templates.map((tpl) => (
          <button key={tpl.key} disabled={busy} onClick={() => void fromTemplate(tpl.key)} title={tpl.description}>
            {t('fromTemplate')}
          </button>
        ))}
        <Link className="button-link primary" to="/surveys/manage/new">
          {t('newSurvey')}
        </Link>
      </div>
      <SurveysTabs />
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {list.error && (
        <p className="error" role="alert">
          {errorText(list.error)}
        </p>
      )}
      {list.data?.length === 0 && <p className="empty-state">{t('noManaged')}</p>}
      {surveys.length > 0 && (
        <div className={`table-wrap ${styles.manageTable}`}>
          <table className="table" aria-label={t('manageTitle')}>
            <thead>
              <tr>
                <th>{t('surveyTitle')}</th>
                <th>{t('status')}</th>
                <th>{t('period')}</th>
                <th className={styles.num}>{t('responses')}</th>
                <th>
                  <span className={styles.srOnly}>{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr key={s.id} data-testid="managed-survey">
                  <td>
                    <strong>{s.title}</strong>
                    <div className="tags">
                      <span className="tag">{t('wave', { n: s.wave })}</span>
                      <span className="tag">{s.anonymous ? t('anonymous') : t('named')}</span>
                    </div>
                  </td>
                  <td>
                    <StatusTag status={s.status} />
                  </td>
                  <td className="small">{period(s)}</td>
                  <td className={styles.num}>
                    {s.status === 'draft' ? '—' : t('responseFigure', { n: s.responded, N: s.invited, rate: percent(s.responded, s.invited) })}
                  </td>
                  <td>{actions(s)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul className={`${styles.surveyList} ${styles.manageCards}`}>
        {surveys.map((s) => (
          <li key={s.id} className={`card ${styles.surveyCard}`}>
            <div className={styles.surveyCardMain}>
              <div className="tags">
                <StatusTag status={s.status} />
                <span className="tag">{t('wave', { n: s.wave })}</span>
                <span className="tag">{s.anonymous ? t('anonymous') : t('named')}</span>
              </div>
              <strong>{s.title}</strong>
              <span className="muted small">{period(s)}</span>
              {s.status !== 'draft' && (
                <span className="small">
                  {t('responses')} {t('responseFigure', { n: s.responded, N: s.invited, rate: percent(s.responded, s.invited) })}
                </span>
              )}
            </div>
            {actions(s)}
          </li>
        ))}
      </ul>
    </section>
  );
}
