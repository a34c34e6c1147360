import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { adminMessages } from './messages';
import { signInApi } from './sign-in-api';

const THROTTLES = ['auth', 'throttles'] as const;

/** Who is being slowed down at sign-in, and a way to release them (the release is audited). */
export function SignInPage() {
  const t = useT(adminMessages);
  const errorText = useErrorText();
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
      {release.isSuccess && (
        <p className="success" role="status">
          {t('released')}
        </p>
      )}
      {(throttles.error || release.error) && (
        <p className="error" role="alert">
          {errorText(throttles.error ?? release.error)}
        </p>
      )}
      {throttles.isSuccess && rows.length === 0 ? (
        <p>{t('noDelays')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-busy={throttles.isPending} aria-label={t('signIn')}>
            <thead>
              <tr>
                <th>{t('username')}</th>
                <th>{t('ip')}</th>
                <th>{t('failures')}</th>
                <th>{t('time')}</th>
                <th>{t('delayedUntil')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.username}|${r.ip}|${r.device}`}>
                  <td>
                    <code>{r.username}</code>
                  </td>
                  <td className="small">
                    {r.ip}
                    {r.device && <span className="muted"> · {t('device')}</span>}
                  </td>
                  <td>{r.failures}</td>
                  <td className="small">{formatDateTime(r.lastFailureAt, locale)}</td>
                  <td className="small">{r.delayedUntil ? formatDateTime(r.delayedUntil, locale) : t('notDelayed')}</td>
                  <td>
                    <button onClick={() => release.mutate({ username: r.username, ip: r.ip })} disabled={release.isPending}>
                      {t('release')}
                    </button>
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
