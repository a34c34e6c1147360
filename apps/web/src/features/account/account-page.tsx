import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi } from '../../auth/auth-api';
import { authMessages } from '../../auth/messages';
import { ChangePasswordForm } from '../../auth/password-form';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { DataTable } from '../../shared/data-table';
import { Feedback } from '../../shared/feedback';
import { sessionColumns } from '../../shared/session-columns';
import { dateStyle, displayTimeZone, formatDateTime, setDateStyle, type DateStyle } from '../../shared/format-date';
import { accountApi, accountKeys } from './account-api';
import { accountMessages } from './messages';
import { PushSection } from './push-section';
import { TotpSection } from './totp-section';
import styles from './account.module.css';

/** My own sessions: this one marked, the others can be ended. */
function SessionsSection() {
  const t = useT(accountMessages);
  const { locale } = useLocale();
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
      <Feedback success={end.isSuccess && t('ended')} errors={[sessions.error, end.error]} />
      <DataTable
        rows={rows}
        rowKey={(s) => s.id}
        label={t('sessions')}
        busy={sessions.isPending}
        columns={[
          ...sessionColumns({ signedIn: t('signedIn'), lastActive: t('lastActive'), address: t('address'), browser: t('browser') }, locale),
          {
            header: '',
            cell: (s) =>
              s.current ? (
                <strong className="small">{t('thisDevice')}</strong>
              ) : (
                <button onClick={() => end.mutate(s.id)} disabled={end.isPending}>
                  {t('end')}
                </button>
              ),
          },
        ]}
      />
      {sessions.isSuccess && rows.length <= 1 && <p className="small muted">{t('noOtherSessions')}</p>}
    </section>
  );
}

/** How dates are shown: the Western calendar or the Japanese era (和暦), stored with the account (every device). */
function DisplaySection() {
  const t = useT(accountMessages);
  const { locale } = useLocale();
  const [style, setStyle] = useState<DateStyle>(dateStyle);
  const save = useMutation({ mutationFn: (next: DateStyle) => authApi.setPreferences({ dateStyle: next }) });
  return (
    <section className={`card ${styles.section}`} aria-labelledby="display-title">
      <h2 id="display-title">{t('display')}</h2>
      <Feedback success={save.isSuccess && t('dateStyleSaved')} errors={[save.error]} />
      <label>
        {t('dateStyle')}{' '}
        <select
          value={style}
          onChange={(e) => {
            const next = e.target.value as DateStyle;
            setDateStyle(next);
            setStyle(next);
            save.mutate(next);
          }}
        >
          <option value="gregorian">{t('gregorian')}</option>
          <option value="wareki">{t('wareki')}</option>
        </select>
      </label>
      <p className="small muted" data-testid="date-example" data-style={style}>
        {t('dateExample', { today: formatDateTime(new Date(), locale) })}
      </p>
      <p className="small muted" data-testid="time-zone">
        {t('timeZone', { zone: displayTimeZone() })}
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
        <PushSection />
        <DisplaySection />
      </div>
    </section>
  );
}
