import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { securityApi, securityKeys } from './security-api';
import { securityMessages } from './security-messages';
import styles from './security.module.css';

/** Every live session, and ending any of them (audited; the person's sockets close at once). */
export function SessionsPage() {
  const t = useT(securityMessages);
  const { locale } = useLocale();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState('');
  const sessions = useQuery({ queryKey: securityKeys.sessions, queryFn: securityApi.sessions, refetchInterval: 30_000, staleTime: 0 });
  const end = useMutation({
    mutationFn: securityApi.endSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: securityKeys.sessions }),
  });
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = sessions.data ?? [];
    return q ? all.filter((s) => [s.username, s.displayName, s.ip ?? ''].some((v) => v.toLowerCase().includes(q))) : all;
  }, [sessions.data, filter]);

  return (
    <div>
      <div className="toolbar">
        <input type="search" aria-label={t('filter')} placeholder={t('filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <span className="muted small">{t('count', { count: rows.length })}</span>
      </div>
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
      {sessions.isSuccess && rows.length === 0 ? (
        <p>{t('noSessions')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={sessions.isPending} aria-label={t('sessions')}>
            <thead>
              <tr>
                <th>{t('user')}</th>
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
                  <td>
                    {s.displayName} <code className="small">{s.username}</code>
                  </td>
                  <td className="small">{formatDateTime(s.createdAt, locale)}</td>
                  <td className="small">{formatDateTime(s.lastActiveAt, locale)}</td>
                  <td className="small">{s.ip ?? '—'}</td>
                  <td className={`small ${styles.agent}`} title={s.userAgent ?? ''}>
                    {s.userAgent ?? '—'}
                  </td>
                  <td>
                    {s.current ? (
                      <span className="small muted">{t('thisSession')}</span>
                    ) : (
                      <button
                        onClick={() => window.confirm(t('confirmEnd', { name: s.displayName })) && end.mutate(s.id)}
                        disabled={end.isPending}
                      >
                        {t('end')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
