import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../../api/errors';
import { useT } from '../../../i18n/i18n';
import { approvalsApi } from '../approvals-api';
import { approvalsKeys, usePrefixes } from '../approvals-queries';
import { approvalsAdminMessages } from './admin-messages';

/** 文書番号の記号 per department: 住総 gives 住総第123号 (the counter restarts each fiscal year on 1 April). */
export function PrefixesEditor() {
  const t = useT(approvalsAdminMessages);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const prefixes = usePrefixes();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ id: string; text: string; error?: boolean } | null>(null);
  useEffect(() => {
    if (prefixes.data) setDraft(Object.fromEntries(prefixes.data.map((p) => [p.departmentId, p.prefix])));
  }, [prefixes.data]);
  async function save(departmentId: string) {
    try {
      await approvalsApi.setPrefix(departmentId, draft[departmentId] ?? '');
      await queryClient.invalidateQueries({ queryKey: approvalsKeys.prefixes });
      setMessage({ id: departmentId, text: t('saved') });
    } catch (err) {
      setMessage({ id: departmentId, text: errorText(err), error: true });
    }
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="prefixes">
        <thead>
          <tr>
            <th>{t('department')}</th>
            <th>{t('prefix')}</th>
            <th>{t('example')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {prefixes.data?.map((p) => (
            <tr key={p.departmentId}>
              <td>{p.departmentName}</td>
              <td>
                <input
                  value={draft[p.departmentId] ?? ''}
                  maxLength={10}
                  aria-label={`${p.departmentName} ${t('prefix')}`}
                  onChange={(e) => setDraft((d) => ({ ...d, [p.departmentId]: e.target.value }))}
                  style={{ width: '8em' }}
                />
              </td>
              <td>{draft[p.departmentId] ? `${draft[p.departmentId]}第1号` : '—'}</td>
              <td>
                <div className="row-actions">
                  <button onClick={() => void save(p.departmentId)} disabled={(draft[p.departmentId] ?? '') === p.prefix}>
                    {t('save')}
                  </button>
                  {message?.id === p.departmentId && (
                    <span className={message.error ? 'error small' : 'success small'}>{message.text}</span>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
