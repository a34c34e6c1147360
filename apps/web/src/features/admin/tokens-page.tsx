import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Copy, KeyRound } from 'lucide-react';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@yakuba/contracts';
import { useLocale, useT } from '../../i18n/i18n';
import { DataTable } from '../../shared/data-table';
import { Feedback } from '../../shared/feedback';
import { formatDateTime } from '../../shared/format-date';
import { useUsers } from './directory-queries';
import { tokensApi } from './tokens-api';
import { tokensMessages } from './tokens-messages';
import styles from './admin.module.css';

const TOKENS = ['admin', 'api-tokens'] as const;

/** The secret, once: selectable text and a copy button (the clipboard API needs a secure context; select() does not). */
function NewToken({ token, onDone }: { token: string; onDone(): void }) {
  const t = useT(tokensMessages);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
    } catch {
      const field = document.getElementById('new-api-token') as HTMLInputElement | null;
      field?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <div className={`card ${styles.newToken}`} role="status" data-testid="api-token-created">
      <h2>{t('createdTitle')}</h2>
      <p className="error">{t('createdHelp')}</p>
      <div className="toolbar">
        <input
          id="new-api-token"
          readOnly
          value={token}
          className={styles.tokenValue}
          aria-label={t('createdTitle')}
          onFocus={(e) => e.target.select()}
        />
        <button className="primary" onClick={() => void copy()}>
          <Copy size={16} aria-hidden /> {copied ? t('copied') : t('copy')}
        </button>
        <button onClick={onDone}>{t('done')}</button>
      </div>
    </div>
  );
}

/** Administrators: tokens for outside relays (created, shown once, listed, revoked). */
export function TokensPage() {
  const t = useT(tokensMessages);
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const { users } = useUsers();
  const nameOf = new Map(users.map((u) => [u.id, u.displayName]));
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['disasters']);
  const [secret, setSecret] = useState<string | null>(null);
  const list = useQuery({ queryKey: TOKENS, queryFn: tokensApi.list, staleTime: 0 });
  const create = useMutation({
    mutationFn: tokensApi.create,
    onSuccess: (res) => {
      setSecret(res.token);
      setName('');
      void queryClient.invalidateQueries({ queryKey: TOKENS });
    },
  });
  const revoke = useMutation({
    mutationFn: tokensApi.revoke,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() && scopes.length) create.mutate({ name: name.trim(), scopes });
  };
  const rows = list.data ?? [];
  return (
    <div>
      <p className="muted">{t('help')}</p>
      {secret && <NewToken token={secret} onDone={() => setSecret(null)} />}
      <form className="form grid-form card" onSubmit={submit}>
        <label>
          {t('name')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('namePlaceholder')} maxLength={100} required />
        </label>
        <fieldset className="checkbox-group">
          <legend>{t('scopes')}</legend>
          {API_TOKEN_SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(s)}
                onChange={(e) => setScopes((x) => (e.target.checked ? [...x, s] : x.filter((y) => y !== s)))}
              />
              {t(`scope_${s}`)}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button className="primary" type="submit" disabled={create.isPending || !name.trim() || !scopes.length}>
            <KeyRound size={16} aria-hidden /> {t('create')}
          </button>
        </div>
      </form>
      <Feedback errors={[list.error, create.error, revoke.error]} />
      {list.isSuccess && rows.length === 0 ? (
        <p className="empty-state">{t('none')}</p>
      ) : (
        <DataTable
          rows={rows}
          rowKey={(r) => r.id}
          label={t('tab')}
          busy={list.isPending}
          rowClassName={(r) => (r.revokedAt ? 'muted' : '')}
          columns={[
            {
              header: t('name'),
              cell: (r) => (
                <>
                  {r.name} <code className="muted small">{r.prefix}…</code>
                </>
              ),
            },
            { header: t('scopes'), className: 'small', cell: (r) => r.scopes.map((s) => (s === 'disasters' ? t('scope_disasters') : s)).join('、') },
            { header: t('createdAt'), className: 'small', cell: (r) => formatDateTime(r.createdAt, locale) },
            { header: t('createdBy'), className: 'small', cell: (r) => (r.createdBy ? (nameOf.get(r.createdBy) ?? '—') : '—') },
            { header: t('lastUsed'), className: 'small', cell: (r) => (r.lastUsedAt ? formatDateTime(r.lastUsedAt, locale) : t('never')) },
            {
              header: t('status'),
              className: 'small',
              cell: (r) => (r.revokedAt ? `${t('revoked')} ${formatDateTime(r.revokedAt, locale)}` : t('activeToken')),
            },
            {
              header: '',
              cell: (r) =>
                !r.revokedAt && (
                  <div className="row-actions">
                    <button
                      className="danger"
                      disabled={revoke.isPending}
                      onClick={() => window.confirm(t('confirmRevoke', { name: r.name })) && revoke.mutate(r.id)}
                    >
                      {t('revoke')}
                    </button>
                  </div>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
