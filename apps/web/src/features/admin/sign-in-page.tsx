import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useT } from '../../i18n/i18n';
import { DataTable } from '../../shared/data-table';
import { Feedback } from '../../shared/feedback';
import { formatDateTime } from '../../shared/format-date';
import { adminMessages } from './messages';
import { signInApi } from './sign-in-api';

const THROTTLES = ['auth', 'throttles'] as const;

/** Who is being slowed down at sign-in, and a way to release them (the release is audited). */
export function SignInPage() {
  const t = useT(adminMessages);
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const throttles = useQuery({ queryKey: THROTTLES, queryFn: signInApi.throttles, refetchInterval: 15_000, staleTime: 0 });
  const release = useMutation({
    mutationFn: signInApi.release,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: THROTTLES }),
  });
  const rows = throttles.data ?? [];

  return (
    <div>
      <p className="muted">{t('signInHelp')}</p>
      <Feedback success={release.isSuccess && t('released')} errors={[throttles.error, release.error]} />
      {throttles.isSuccess && rows.length === 0 ? (
        <p>{t('noDelays')}</p>
      ) : (
        <DataTable
          rows={rows}
          rowKey={(r) => `${r.username}|${r.ip}|${r.device}`}
          label={t('signIn')}
          busy={throttles.isPending}
          columns={[
            { header: t('username'), cell: (r) => <code>{r.username}</code> },
            {
              header: t('ip'),
              className: 'small',
              cell: (r) => (
                <>
                  {r.ip}
                  {r.device && <span className="muted"> · {t('device')}</span>}
                </>
              ),
            },
            { header: t('failures'), cell: (r) => r.failures },
            { header: t('time'), className: 'small', cell: (r) => formatDateTime(r.lastFailureAt, locale) },
            { header: t('delayedUntil'), className: 'small', cell: (r) => (r.delayedUntil ? formatDateTime(r.delayedUntil, locale) : t('notDelayed')) },
            {
              header: '',
              cell: (r) => (
                <button onClick={() => release.mutate({ username: r.username, ip: r.ip })} disabled={release.isPending}>
                  {t('release')}
                </button>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
