import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useErrorText } from '../../api/errors';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format-date';
import { AUDIT_PAGE, auditApi, type AuditEntry, type AuditFilter } from './audit-api';
import { auditActionLabel, auditMessages, auditTargetLabel } from './audit-messages';
import { useUsers } from './directory-queries';
import { adminMessages } from './messages';

/**
 * An entry in words: who (by name; no actor is the system), what (the action in the reader's language, the recorded
 * name on hover) and on what (the kind of target and its name: a person's name, a title the entry recorded).
 */
function useDescribe(): { actor(e: AuditEntry): string; action(e: AuditEntry): string; target(e: AuditEntry): string } {
  const t = useT(auditMessages);
  const { locale } = useLocale();
  // Disabled people acted too: their names come from the whole directory.
  const { users } = useUsers({ q: '', includeDisabled: true });
  const nameOf = useMemo(
    () => new Map(users.flatMap((u) => [[u.id, u.displayName] as const, [u.username, u.displayName] as const])),
    [users],
  );
  return {
    // Accounts are disabled, never deleted: an actor outside the directory is the system account (notices).
    actor: (e) => (e.actorId ? (nameOf.get(e.actorId) ?? t('system')) : t('system')),
    action: (e) => auditActionLabel(e.action, locale),
    target: (e) => {
      if (!e.targetType) return '';
      const kind = auditTargetLabel(e.targetType, locale);
      const title = typeof e.data?.title === 'string' ? e.data.title : undefined;
      const id = e.targetId ?? '';
      // A person by name (a failed sign-in records the username typed, which may be no one's).
      const name =
        e.targetType === 'user'
          ? (nameOf.get(id) ?? id)
          : e.targetType === 'route' || e.targetType === 'settings'
            ? id
            : (title ?? id.slice(0, 8));
      return name ? `${kind}：${name}` : kind;
    },
  };
}

/** The filter by kind of action: the recorded names' prefixes, named for a clerk. */
const ACTION_GROUPS = [
  'auth.',
  'user.',
  'security.',
  'approval.',
  'meeting.',
  'survey.',
  'chat.',
  'disaster.',
  'authz.',
  'audit.',
  'api_token.',
] as const;
const GROUP_KEYS = {
  'auth.': 'groupAuth',
  'user.': 'groupUser',
  'security.': 'groupSecurity',
  'approval.': 'groupApproval',
  'meeting.': 'groupMeeting',
  'survey.': 'groupSurvey',
  'chat.': 'groupChat',
  'disaster.': 'groupDisaster',
  'authz.': 'groupRefused',
  'audit.': 'groupAudit',
  'api_token.': 'groupTokens',
} as const;

export function AuditPage() {
  const t = useT(adminMessages);
  const errorText = useErrorText();
  const { locale } = useLocale();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const ta = useT(auditMessages);
  const { users } = useUsers();
  const describe = useDescribe();
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
        <select
          aria-label={ta('kindOfAction')}
          value={action}
          onChange={(e) => setAction(e.target.value)}
          data-testid="audit-action-filter"
        >
          <option value="">{ta('allActions')}</option>
          {ACTION_GROUPS.map((prefix) => (
            <option key={prefix} value={prefix}>
              {ta(GROUP_KEYS[prefix])}
            </option>
          ))}
        </select>
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
                <td data-testid="audit-actor">{describe.actor(e)}</td>
                <td data-testid="audit-action" title={ta('actionCode', { code: e.action })}>
                  {describe.action(e)}
                </td>
                <td className="small" data-testid="audit-target">
                  {describe.target(e)}
                </td>
                <td className="small">{e.ip}</td>
              </tr>
            ))}
            {log.isSuccess && entries.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  {ta('noEntries')}
                </td>
              </tr>
            )}
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
