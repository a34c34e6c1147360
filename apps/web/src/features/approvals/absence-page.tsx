import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useErrorText } from '../../api/errors';
import { useSession } from '../../auth/session';
import { useLocale, useT } from '../../i18n/i18n';
import { formatDateTime, fromTokyoInput, toTokyoInput } from '../../shared/format-date';
import { DataTable } from '../../shared/data-table';
import { approvalsApi } from './approvals-api';
import { approvalsKeys, useAbsences } from './approvals-queries';
import { approvalsMessages } from './messages';
import { PersonSelect } from './person-picker';
import styles from './approvals.module.css';

const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return toTokyoInput(d.toISOString()).slice(0, 11) + String(hour).padStart(2, '0') + ':00';
};

/** 不在登録: when I cannot approve and who decides as my proxy (代決) meanwhile; administrators register for others. */
export function AbsencePage() {
  const t = useT(approvalsMessages);
  const { locale } = useLocale();
  const { user, can } = useSession();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const absences = useAbsences();
  const manage = can('approvals.manage');
  const [who, setWho] = useState('');
  const [proxyId, setProxyId] = useState('');
  const [startsAt, setStartsAt] = useState(inDays(0, 8));
  const [endsAt, setEndsAt] = useState(inDays(1, 17));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: approvalsKeys.all });

  async function add(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await approvalsApi.addAbsence({
        userId: manage && who ? who : undefined,
        proxyId,
        startsAt: fromTokyoInput(startsAt) ?? '',
        endsAt: fromTokyoInput(endsAt) ?? '',
        note: reason || undefined,
      });
      setReason('');
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  async function remove(id: string) {
    if (!window.confirm(t('confirmAction', { action: t('remove') }))) return;
    try {
      await approvalsApi.removeAbsence(id);
      await refresh();
    } catch (err) {
      setError(errorText(err));
    }
  }
  const now = Date.now();
  return (
    <>
      <h1>{t('absenceTitle')}</h1>
      <p className="muted">{t('absenceIntro')}</p>
      <form className={`card ${styles.filters} ${styles.filterForm}`} onSubmit={(e) => void add(e)} aria-label={t('absenceTitle')}>
        {manage && <PersonSelect label={t('absence')} value={who} onChange={setWho} allowEmpty={user?.displayName} />}
        <PersonSelect
          label={t('proxy')}
          value={proxyId}
          onChange={setProxyId}
          required
          exclude={[who || user?.id || '']}
          testId="absence-proxy"
        />
        <label>
          {t('from')}
          <input type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </label>
        <label>
          {t('until')}
          <input type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </label>
        <label>
          {t('reason')}
          <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} placeholder={t('reasonPlaceholder')} />
        </label>
        <div className="form-actions">
          <button className="primary" type="submit" disabled={busy}>
            {t('register')}
          </button>
        </div>
        {error && (
          <p className="error full" role="alert">
            {error}
          </p>
        )}
      </form>
      {absences.data?.length === 0 && <p className="empty-state">{t('noAbsences')}</p>}
      {!!absences.data?.length && (
        <DataTable
          rows={absences.data}
          rowKey={(a) => a.id}
          testId="absences"
          columns={[
            {
              header: t('absence'),
              cell: (a) => (
                <>
                  {a.userName}
                  {Date.parse(a.startsAt) <= now && now < Date.parse(a.endsAt) && (
                    <span className={`${styles.flag} ${styles.flagInfo}`} style={{ marginLeft: '0.3rem' }}>
                      {t('absentNow')}
                    </span>
                  )}
                </>
              ),
            },
            { header: t('proxy'), cell: (a) => a.proxyName },
            { header: t('from'), cell: (a) => formatDateTime(a.startsAt, locale), className: styles.nowrap },
            { header: t('until'), cell: (a) => formatDateTime(a.endsAt, locale), className: styles.nowrap },
            { header: t('reason'), cell: (a) => a.note },
            {
              header: '',
              cell: (a) => (
                <div className="row-actions">
                  {(a.userId === user?.id || manage) && (
                    <button className="danger" onClick={() => void remove(a.id)}>
                      {t('remove')}
                    </button>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
