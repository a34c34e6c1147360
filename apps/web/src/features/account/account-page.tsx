import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { authMessages } from '../../auth/messages';
import { ChangePasswordForm } from '../../auth/password-form';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { dateStyle, formatDateTime, setDateStyle, type DateStyle } from '../../shared/format-date';
import { accountApi, accountKeys } from './account-api';
import { accountMessages } from './messages';
import { TotpSection } from './totp-section';
import styles from './account.module.css';

/** My own sessions: this one marked, the others can be ended. */
function SessionsSection() {
  const t = useT(accountMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: accountKeys.sessions, queryFn: accountApi.sessions, refetchInterval: 60_000 });
  const end = useMutation({
    mutationFn: accountApi.endSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
  const rows = sessions.data ?? [];
  return (
    <section className={`card ${styles.section}`} aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('sessions')}</h2>
      <p className="muted small">{t('sessionsIntro')}</p>
      {end.isSuccess && (
        <p className="success" role="status">
          {t('ended')}
        </p>
      )}
      {(sessions.error || end.error) && (
        <p className="error" role="alert">
          {errorText(sessions.error ?? end.error)}
        </p>
      )}
      <div className="table-wrap">
        <table className="table" aria-busy={sessions.isPending} aria-label={t('sessions')}>
          <thead>
            <tr>
              <th>{t('signedIn')}</th>
              <th>{t('lastActive')}</th>
              <th>{t('address')}</th>
              <th>{t('browser')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td className="small">{formatDateTime(s.createdAt, locale)}</td>
                <td className="small">{formatDateTime(s.lastActiveAt, locale)}</td>
                <td className="small">{s.ip ?? '—'}</td>
                <td className={`small ${styles.agent}`} title={s.userAgent ?? ''}>
                  {s.userAgent ?? '—'}
                </td>
                <td>
                  {s.current ? (
                    <strong className="small">{t('thisDevice')}</strong>
                  ) : (
                    <button onClick={() => end.mutate(s.id)} disabled={end.isPending}>
                      {t('end')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.isSuccess && rows.length <= 1 && <p className="small muted">{t('noOtherSessions')}</p>}
    </section>
  );
}

/** How dates are shown on this browser: the Western calendar or the Japanese era (和暦). */
function DisplaySection() {
  const t = useT(accountMessages);
  const { locale } = useLocale();
  const [style, setStyle] = useState<DateStyle>(dateStyle);
  return (
    <section className={`card ${styles.section}`} aria-labelledby="display-title">
      <h2 id="display-title">{t('display')}</h2>
      <label>
        {t('dateStyle')}{' '}
        <select
          value={style}
          onChange={(e) => {
            const next = e.target.value as DateStyle;
            setDateStyle(next);
            setStyle(next);
          }}
        >
          <option value="gregorian">{t('gregorian')}</option>
          <option value="wareki">{t('wareki')}</option>
        </select>
      </label>
      <p className="small muted" data-testid="date-example" data-style={style}>
        {t('dateExample', { today: formatDateTime(new Date(), locale) })}
      </p>
    </section>
  );
}

/** The signed-in user's own account: password, authenticator, sessions, how dates are shown. */
export function AccountPage() {
  const t = useT(accountMessages);
  const ta = useT(authMessages);
  const { user } = useSession();
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <div className={styles.sections}>
        <section className={`card ${styles.section}`}>
          <h2>{user?.displayName}</h2>
          <dl className="facts">
            <dt>{t('username')}</dt>
            <dd>{user?.username}</dd>
            <dt>{t('position')}</dt>
            <dd>{user?.position ?? '—'}</dd>
          </dl>
        </section>
        <section className={`card ${styles.section}`} aria-labelledby="password-title">
          <h2 id="password-title">{t('password')}</h2>
          {user?.authSource === 'ldap' ? (
            <p>{ta('directoryManaged')}</p>
          ) : (
            <div className={styles.narrowForm}>
              {changed && (
                <p className="success" role="status">
                  {ta('changed')}
                </p>
              )}
              <ChangePasswordForm
                onChanged={() => {
                  setChanged(true);
                  void queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
                }}
              />
            </div>
          )}
        </section>
        <TotpSection />
        <SessionsSection />
        <DisplaySection />
      </div>
    </section>
  );
}
