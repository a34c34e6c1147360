import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useT } from '../../i18n/i18n';
import { DataTable } from '../../shared/data-table';
import { Feedback } from '../../shared/feedback';
import { sessionColumns } from '../../shared/session-columns';
import { securityApi, securityKeys } from './security-api';
import { securityMessages } from './security-messages';

/** Every live session, and ending any of them (audited; the person's sockets close at once). */
export function SessionsPage() {
  const t = useT(securityMessages);
  const { locale } = useLocale();
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
        <input
          type="search"
          aria-label={t('filter')}
          placeholder={t('filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted small">{t('count', { count: rows.length })}</span>
      </div>
      <Feedback success={end.isSuccess && t('ended')} errors={[sessions.error, end.error]} />
      {sessions.isSuccess && rows.length === 0 ? (
        <p>{t('noSessions')}</p>
      ) : (
        <DataTable
          rows={rows}
          rowKey={(s) => s.id}
          label={t('sessions')}
          busy={sessions.isPending}
          columns={[
            {
              header: t('user'),
              cell: (s) => (
                <>
                  {s.displayName} <code className="small">{s.username}</code>
                </>
              ),
            },
            ...sessionColumns(
              { signedIn: t('signedIn'), lastActive: t('lastActive'), address: t('address'), browser: t('browser') },
              locale,
            ),
            {
              header: '',
              cell: (s) =>
                s.current ? (
                  <span className="small muted">{t('thisSession')}</span>
                ) : (
                  <button
                    onClick={() => window.confirm(t('confirmEnd', { name: s.displayName })) && end.mutate(s.id)}
                    disabled={end.isPending}
                  >
                    {t('end')}
                  </button>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
