import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { AUDIT_PAGE, auditApi, type AuditFilter } from './audit-api';
import { useUsers } from './directory-queries';
import { adminMessages } from './messages';

export function AuditPage() {
  const t = useT(adminMessages);
  const errorText = useErrorText();
  const { locale } = useLocale();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const { users } = useUsers();
  const nameOf = useMemo(() => new Map(users.map((u) => [u.id, u.displayName])), [users]);
  // The last day chosen is included: the server's `to` is exclusive.
  const filter: AuditFilter = {
    action: action.trim() || undefined,
    actor: actor || undefined,
    from: from || undefined,
    to: until ? nextDay(until) : undefined,
  };
  const log = useInfiniteQuery({
    queryKey: ['audit', 'entries', filter],
    queryFn: ({ pageParam }) => auditApi.page(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length < AUDIT_PAGE ? undefined : last[last.length - 1].id),
    staleTime: 0,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });
  const entries = log.data?.pages.flat() ?? [];
  const verdict = verify.data;

  return (
    <div>
      <div className="toolbar" role="search">
        <input
          type="search"
          placeholder={t('actionPrefix')}
          aria-label={t('actionPrefix')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <select aria-label={t('actor')} value={actor} onChange={(e) => setActor(e.target.value)}>
          <option value="">{t('everyone')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
            </option>
          ))}
        </select>
        <label>
          {t('from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('until')} <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <a className="button" href={auditApi.exportUrl(filter, 'utf-8')} download>
          {t('exportCsv')}
        </a>
        <a className="button" href={auditApi.exportUrl(filter, 'shift_jis')} download>
          {t('exportCsvSjis')}
        </a>
      </div>
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
              <th>{t('actor')}</th>
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
                <td>{e.actorId ? (nameOf.get(e.actorId) ?? e.actorId.slice(0, 8)) : '—'}</td>
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

/** The day after a YYYY-MM-DD date, as YYYY-MM-DD. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
