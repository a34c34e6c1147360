import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime, useLocale, useT } from '../../i18n/i18n';
import { adminMessages } from './messages';

interface Entry {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
}
type Verdict = { valid: true; checked: number } | { valid: false; checked: number; brokenAtId: string; reason: string };

export function AuditPage() {
  const t = useT(adminMessages);
  const { locale } = useLocale();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [done, setDone] = useState(false);

  const load = useCallback(async (before?: string) => {
    const page = await api<Entry[]>('GET', `/api/audit?limit=100${before ? `&before=${before}` : ''}`);
    setEntries((cur) => (before ? [...cur, ...page] : page));
    setDone(page.length < 100);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div>
      <div className="toolbar">
        <button onClick={() => void api<Verdict>('GET', '/api/audit/verify').then(setVerdict)}>{t('verify')}</button>
        {verdict && (
          <span className={verdict.valid ? 'success' : 'error'} role="status">
            {verdict.valid ? t('chainOk', { checked: verdict.checked }) : t('chainBroken', { id: verdict.brokenAtId, reason: verdict.reason })}
          </span>
        )}
      </div>
      <div className="table-wrap">
        <table className="table">
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
                <td><code>{e.action}</code></td>
                <td className="small">{e.targetType ? `${e.targetType}:${e.targetId ?? ''}` : ''}</td>
                <td className="small">{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!done && entries.length > 0 && <button onClick={() => void load(entries[entries.length - 1].id)}>{t('loadMore')}</button>}
    </div>
  );
}
