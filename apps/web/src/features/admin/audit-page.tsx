import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { AUDIT_PAGE, auditApi } from './audit-api';
import { adminMessages } from './messages';

export function AuditPage() {
  const t = useT(adminMessages);
  const errorText = useErrorText();
  const { locale } = useLocale();
  const log = useInfiniteQuery({
    queryKey: ['audit', 'entries'],
    queryFn: ({ pageParam }) => auditApi.page(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length < AUDIT_PAGE ? undefined : last[last.length - 1].id),
    staleTime: 0,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });
  const entries = log.data?.pages.flat() ?? [];
  const verdict = verify.data;

  return (
    <div>
      <div className="toolbar">
        <button onClick={() => verify.mutate()} disabled={verify.isPending}>
          {t('verify')}
        </button>
        {verdict && (
          <span className={verdict.valid ? 'success' : 'error'} role="status">
            {verdict.valid
              ? t('chainOk', { count: verdict.checked })
              : t('chainBroken', { id: verdict.brokenAtId, reason: verdict.reason })}
          </span>
        )}
        {verify.error && (
          <span className="error" role="alert">
            {errorText(verify.error)}
          </span>
        )}
      </div>
      {log.error && (
        <p className="error" role="alert">
          {errorText(log.error)}
        </p>
      )}
      <div className="table-wrap">
        <table className="table" aria-busy={log.isPending}>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('time')}</th>
              <th>{t('action')}</th>
              <th>{t('target')}</th>
              <th>{t('ip')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.id}</td>
                <td>{formatDateTime(e.at, locale)}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td className="small">{e.targetType ? `${e.targetType}:${e.targetId ?? ''}` : ''}</td>
                <td className="small">{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {log.hasNextPage && (
        <button onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}
